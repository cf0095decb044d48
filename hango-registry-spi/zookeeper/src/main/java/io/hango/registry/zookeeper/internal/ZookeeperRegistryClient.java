package io.hango.registry.zookeeper.internal;

import static java.util.Objects.requireNonNull;

import io.hango.model.registry.RegistrySpec;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryListener;
import io.hango.registry.ServiceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code zookeeper} registry. For each watched service it reads the children of the
 * service's node (and, in the Curator layout, their data), leaving one-shot ZooKeeper watches on
 * exactly those nodes; a watch that fires reads the service again, whole, and reports the
 * complete answer. A service node that does not exist is an authoritative empty answer, with a
 * watch for its creation.
 *
 * <p>Connection: a suspended connection or a lost session is reported as disconnected (the runtime
 * keeps every service's endpoints); on reconnection, every watched service is read again (a new
 * session has no watches, and the old session's ephemeral nodes may be gone). ZooKeeper's client
 * reconnects by itself, also when the server was unreachable from the start. Every read runs on
 * this client's own thread (reads block); failed reads are retried with backoff, and every watched
 * service is read again each {@code refreshInterval} as a safety net. Internal.
 */
public final class ZookeeperRegistryClient implements RegistryClient {

  private static final Logger log = LoggerFactory.getLogger(ZookeeperRegistryClient.class);
  private static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofSeconds(15);
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final long MAX_RETRY_MILLIS = 30_000;
  /** How often a service node that flaps between the child read and the existence check is read again. */
  private static final int READ_ATTEMPTS = 3;

  private final String name;
  private final RegistrySpec.Zookeeper spec;
  private final Layout layout;
  private final Duration connectionTimeout;
  private final ScheduledThreadPoolExecutor worker;
  /** The watched services; touched on the worker thread only. */
  private final Map<ServiceRef, Watched> watched = new HashMap<>();

  private volatile RegistryListener listener;
  private volatile CuratorFramework curator;
  private volatile boolean connected;
  private volatile boolean everConnected;
  private volatile boolean closed;

  /**
   * A client for {@code spec}; nothing connects until {@link #start}.
   *
   * @param name the {@code Registry} document's name, for logs and thread names
   * @param spec its settings
   */
  public ZookeeperRegistryClient(String name, RegistrySpec.Zookeeper spec) {
    this.name = requireNonNull(name, "name");
    this.spec = requireNonNull(spec, "spec");
    this.layout = spec.layout() == RegistrySpec.Zookeeper.Layout.CURATOR
        ? new CuratorLayout(spec.rootPath().orElse("/services"))
        : new DubboLayout(spec.rootPath().orElse("/dubbo"));
    this.connectionTimeout = spec.sessionTimeout().compareTo(MAX_CONNECTION_TIMEOUT) < 0 ? spec.sessionTimeout() : MAX_CONNECTION_TIMEOUT;
    this.worker = new ScheduledThreadPoolExecutor(1, threads("hango-zookeeper-" + name));
    this.worker.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void start(RegistryListener listener) {
    this.listener = requireNonNull(listener, "listener");
    CuratorFramework c = CuratorFrameworkFactory.builder()
        .connectString(spec.connectString())
        .sessionTimeoutMs(millis(spec.sessionTimeout()))
        .connectionTimeoutMs(millis(connectionTimeout))
        .retryPolicy(new RetryNTimes(0, 0))
        .ensembleTracker(false)
        .threadFactory(threads("hango-zookeeper-" + name + "-curator"))
        .build();
    c.getConnectionStateListenable().addListener((client, state) -> stateChanged(state));
    curator = c;
    c.start();
    worker.schedule(this::checkFirstConnection, connectionTimeout.toMillis(), TimeUnit.MILLISECONDS);
    long resync = Math.max(1, spec.refreshInterval().toMillis());
    worker.scheduleWithFixedDelay(this::readAll, resync, resync, TimeUnit.MILLISECONDS);
  }

  @Override
  public void watch(Set<ServiceRef> services) {
    Set<ServiceRef> wanted = Set.copyOf(requireNonNull(services, "services"));
    submit(() -> apply(wanted));
  }

  @Override
  public void close() {
    closed = true;
    worker.shutdownNow();
    CuratorFramework c = curator;
    if (c != null) {
      c.close();
    }
  }

  /** The Curator client, once started: for tests that expire its session. */
  CuratorFramework curator() {
    return curator;
  }

  // ---- connection ----

  private synchronized void stateChanged(ConnectionState state) {
    if (closed) {
      return;
    }
    switch (state) {
      case CONNECTED, RECONNECTED -> {
        connected = true;
        everConnected = true;
        listener.onConnected();
        submit(this::readAll);
      }
      case SUSPENDED -> {
        connected = false;
        listener.onDisconnected("connection to ZooKeeper " + spec.connectString() + " suspended; reconnecting");
      }
      case LOST -> {
        connected = false;
        listener.onDisconnected("ZooKeeper session lost (expired, or the server unreachable for longer than the session timeout "
            + spec.sessionTimeout().toMillis() + "ms); reconnecting with a new session");
      }
      default -> log.debug("registry {}: connection state {}", name, state);
    }
  }

  /** Reports a registry never reached; synchronized with {@link #stateChanged}, so it never follows "connected". */
  private synchronized void checkFirstConnection() {
    if (!everConnected && !closed) {
      listener.onDisconnected("cannot connect to ZooKeeper " + spec.connectString() + " (not connected after "
          + connectionTimeout.toMillis() + "ms); still trying");
    }
  }

  // ---- watched services (worker thread) ----

  private void apply(Set<ServiceRef> wanted) {
    for (Watched w : new ArrayList<>(watched.values())) {
      if (!wanted.contains(w.ref)) {
        watched.remove(w.ref);
        unwatch(w);
      }
    }
    for (ServiceRef ref : wanted) {
      if (!watched.containsKey(ref)) {
        Watched w = new Watched(ref);
        watched.put(ref, w);
        read(w);
      }
    }
  }

  private void readAll() {
    new ArrayList<>(watched.values()).forEach(this::read);
  }

  /** Reads {@code w}'s service whole and reports it; on failure, reports it and retries later. */
  private void read(Watched w) {
    w.queued.set(false);
    if (closed || watched.get(w.ref) != w || !connected) {
      return; // unwatched, or disconnected: the reconnection reads every watched service
    }
    if (w.path == null) {
      listener.onServiceError(w.ref, w.invalid);
      return;
    }
    try {
      Map<String, byte[]> children = children(w);
      w.children = children.keySet();
      w.failures = 0;
      listener.onInstances(w.ref, layout.instances(w.ref, children));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (closed) {
        return;
      }
      if (!isConnectionProblem(e)) {
        listener.onServiceError(w.ref, "reading " + w.path + " failed: " + e);
      }
      retryLater(w);
    }
  }

  /** The children of {@code w}'s node with their data, leaving watches; empty when the node does not exist. */
  private Map<String, byte[]> children(Watched w) throws Exception {
    CuratorFramework c = curator;
    for (int attempt = 1; ; attempt++) {
      List<String> names;
      try {
        names = c.getChildren().usingWatcher(w).forPath(w.path);
      } catch (KeeperException.NoNodeException e) {
        if (c.checkExists().usingWatcher(w).forPath(w.path) == null) {
          return Map.of();
        }
        if (attempt == READ_ATTEMPTS) {
          throw new IllegalStateException(w.path + " keeps being deleted and created", e);
        }
        continue;
      }
      Map<String, byte[]> out = new TreeMap<>();
      for (String child : names) {
        if (!layout.readsData()) {
          out.put(child, null);
          continue;
        }
        try {
          out.put(child, c.getData().usingWatcher(w).forPath(ZKPaths.makePath(w.path, child)));
        } catch (KeeperException.NoNodeException e) {
          log.debug("registry {}: {} went away while being read; the children watch reads the service again", name, child);
        }
      }
      return out;
    }
  }

  private void retryLater(Watched w) {
    if (w.retry != null && !w.retry.isDone()) {
      return;
    }
    w.failures++;
    long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(w.failures - 1, 16));
    w.retry = worker.schedule(() -> read(w), delay, TimeUnit.MILLISECONDS);
  }

  /** Stops reporting {@code w} and removes its watches from this client's watch tables. */
  private void unwatch(Watched w) {
    if (w.retry != null) {
      w.retry.cancel(false);
    }
    if (w.path == null || !connected) {
      return;
    }
    List<String> paths = new ArrayList<>();
    paths.add(w.path);
    if (layout.readsData()) {
      w.children.forEach(child -> paths.add(ZKPaths.makePath(w.path, child)));
    }
    for (String path : paths) {
      try {
        curator.watchers().remove(w).ofType(Watcher.WatcherType.Any).locally().quietly().inBackground().forPath(path);
      } catch (Exception e) {
        log.debug("registry {}: removing the watches on {} failed: {}", name, path, e.toString());
      }
    }
  }

  private void submit(Runnable task) {
    if (!closed) {
      try {
        worker.execute(task);
      } catch (RejectedExecutionException e) {
        log.debug("registry {}: closed while a read was requested", name);
      }
    }
  }

  private static boolean isConnectionProblem(Exception e) {
    return e instanceof KeeperException.ConnectionLossException
        || e instanceof KeeperException.SessionExpiredException
        || e instanceof KeeperException.SessionMovedException;
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One watched service: its node, the watcher left on it and its children, and its retry state. */
  private final class Watched implements Watcher {
    final ServiceRef ref;
    /** The service node; null when the name cannot be a node (see {@link #invalid}). */
    final String path;
    final String invalid;
    final AtomicBoolean queued = new AtomicBoolean();
    int failures;
    Set<String> children = Set.of();
    ScheduledFuture<?> retry;

    Watched(ServiceRef ref) {
      this.ref = ref;
      String p = null;
      String problem = null;
      try {
        p = layout.servicePath(ref);
      } catch (IllegalArgumentException e) {
        problem = "not a valid service name for the " + spec.layout().name().toLowerCase(Locale.ROOT)
            + " layout: " + e.getMessage();
      }
      this.path = p;
      this.invalid = problem;
    }

    /** A watch fired (on ZooKeeper's event thread): read the service again, once for a burst of events. */
    @Override
    public void process(WatchedEvent event) {
      if (event.getType() != Event.EventType.None && queued.compareAndSet(false, true)) {
        submit(() -> read(this));
      }
    }
  }
}
