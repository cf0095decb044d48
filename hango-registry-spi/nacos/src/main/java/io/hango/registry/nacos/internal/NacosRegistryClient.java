package io.hango.registry.nacos.internal;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import io.hango.model.registry.RegistrySpec;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryListener;
import io.hango.registry.ServiceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Nacos registry client on top of the official {@code nacos-client}: one {@link NamingService}
 * per namespace in use (the client library binds a namespace at creation; usually there is one),
 * one gRPC subscription per watched service.
 *
 * <p>Pushes of a subscription are reported as they come ({@link Subscription}). A direct query
 * ({@code getAllInstances} without subscribing) gives each service its first answer, also when it
 * has no instances (the library notifies listeners of changes only), and is repeated every
 * {@code refreshInterval}, after a reconnection and, with backoff, after a failure.
 *
 * <p>The library's calls block (creating a client connects; a subscribe or a query is a request),
 * so they run on a thread of this client's own, one at a time, which also owns the state below;
 * the runtime's scheduler only triggers them. Every 2 s that thread asks each library client for
 * its server status ({@code UP} while its gRPC connection runs, else when the server's HTTP
 * liveness check answers): a change is reported as {@code onConnected} / {@code onDisconnected},
 * and reconnecting queries every service again. The library reconnects, and renews its
 * subscriptions, by itself.
 *
 * <p>Messages never hold the password. Internal.
 */
public final class NacosRegistryClient implements RegistryClient {

  private static final Logger log = LoggerFactory.getLogger(NacosRegistryClient.class);

  /** How often the server status of the library's clients is checked. */
  private static final Duration STATUS_INTERVAL = Duration.ofSeconds(2);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
  private static final String UP = "UP";

  private final String name;
  private final RegistrySpec.Nacos spec;
  private final RegistryContext context;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService worker;
  private final AtomicBoolean statusQueued = new AtomicBoolean();
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private volatile RegistryListener listener;
  private volatile Set<ServiceRef> wanted = Set.of();
  private volatile boolean closed;

  // Owned by the worker thread.
  private final Map<String, NamingService> clients = new TreeMap<>();
  private final Map<ServiceRef, Subscription> subscriptions = new LinkedHashMap<>();
  /** Whether the server is reachable; null until the first status check. */
  private Boolean connected;

  /** A client of {@code context}'s registry, whose spec must be a {@link RegistrySpec.Nacos}. */
  public NacosRegistryClient(RegistryContext context) {
    this.context = context;
    this.name = context.registry().name();
    this.spec = (RegistrySpec.Nacos) context.registry().spec();
    this.scheduler = context.scheduler();
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hango-nacos-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void start(RegistryListener listener) {
    this.listener = listener;
    synchronized (timers) {
      long status = STATUS_INTERVAL.toMillis();
      long refresh = spec.refreshInterval().toMillis();
      timers.add(scheduler.scheduleWithFixedDelay(this::queueStatusCheck, status, status, TimeUnit.MILLISECONDS));
      timers.add(scheduler.scheduleWithFixedDelay(() -> post(this::refreshAll), refresh, refresh, TimeUnit.MILLISECONDS));
    }
  }

  @Override
  public void watch(Set<ServiceRef> services) {
    wanted = Set.copyOf(services);
    post(this::applyWatch);
  }

  /** Unsubscribes, shuts the library's clients down and stops this client's thread (waits up to 15 s). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (timers) {
      timers.forEach(t -> t.cancel(false));
      timers.clear();
    }
    try {
      worker.execute(this::shutdownAll);
    } catch (RejectedExecutionException e) {
      // Already shut down.
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        worker.shutdownNow();
        log.warn("registry {}: the nacos client did not shut down within {}", name, CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code task} on the worker thread, unless closed. */
  private void post(Runnable task) {
    if (closed) {
      return;
    }
    try {
      worker.execute(() -> {
        if (closed) {
          return;
        }
        try {
          task.run();
        } catch (RuntimeException e) {
          log.warn("registry {}: unexpected error in the nacos client: {}", name, message(e));
        }
      });
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  private void queueStatusCheck() {
    if (statusQueued.compareAndSet(false, true)) {
      post(this::checkStatus);
    }
  }

  // ---- on the worker thread ----

  private void applyWatch() {
    Set<ServiceRef> now = wanted;
    for (Iterator<Map.Entry<ServiceRef, Subscription>> it = subscriptions.entrySet().iterator(); it.hasNext(); ) {
      Subscription s = it.next().getValue();
      if (!now.contains(s.ref)) {
        it.remove();
        unsubscribe(s);
      }
    }
    for (ServiceRef ref : now) {
      if (!subscriptions.containsKey(ref) && !closed) {
        Subscription s = new Subscription(ref, NacosTarget.of(ref, spec), listener);
        subscriptions.put(ref, s);
        subscribe(s);
      }
    }
    clients.entrySet().removeIf(e -> {
      boolean unused = subscriptions.values().stream().noneMatch(s -> s.target.namespace().equals(e.getKey()));
      if (unused) {
        shutDown(e.getKey(), e.getValue());
      }
      return unused;
    });
  }

  /** Subscribes to the service, then queries it for its first answer. */
  private void subscribe(Subscription s) {
    NacosTarget t = s.target;
    NamingService ns;
    try {
      ns = client(t.namespace());
    } catch (NacosException | RuntimeException e) {
      failed(s, "cannot create a nacos client for namespace " + t.namespace() + ": " + message(e));
      return;
    }
    if (ns == null) {
      return;
    }
    try {
      ns.subscribe(t.name(), t.group(), t.clusters(), s);
      s.subscribed = true;
    } catch (NacosException | RuntimeException e) {
      failed(s, "nacos subscribe to " + t + " failed: " + message(e));
      return;
    }
    query(s, ns);
  }

  /** Asks the server for the service's instances and reports them (see {@link Subscription#answer}). */
  private void query(Subscription s, NamingService ns) {
    NacosTarget t = s.target;
    long pushes = s.pushes();
    List<com.alibaba.nacos.api.naming.pojo.Instance> found;
    try {
      found = ns.getAllInstances(t.name(), t.group(), t.clusters(), false);
    } catch (NacosException | RuntimeException e) {
      failed(s, "nacos query for " + t + " failed: " + message(e));
      return;
    }
    s.failures = 0;
    s.answer(pushes, InstanceMapper.map(found));
  }

  /** Reports the error and retries the subscription with backoff (1 s, doubling, at most 30 s). */
  private void failed(Subscription s, String message) {
    if (closed || subscriptions.get(s.ref) != s) {
      return;
    }
    listener.onServiceError(s.ref, message);
    if (s.retry != null) {
      return;
    }
    long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(s.failures, 10));
    s.failures++;
    s.retry = scheduler.schedule(() -> post(() -> retry(s)), delay, TimeUnit.MILLISECONDS);
  }

  private void retry(Subscription s) {
    s.retry = null;
    if (subscriptions.get(s.ref) != s || Boolean.FALSE.equals(connected)) {
      // Gone, or the server is down: reconnecting refreshes every service.
      return;
    }
    refresh(s);
  }

  private void refresh(Subscription s) {
    NamingService ns = clients.get(s.target.namespace());
    if (!s.subscribed || ns == null) {
      subscribe(s);
    } else {
      query(s, ns);
    }
  }

  /** Every refreshInterval, and after reconnecting: each service again (but those about to retry). */
  private void refreshAll() {
    if (Boolean.FALSE.equals(connected)) {
      return;
    }
    for (Subscription s : new ArrayList<>(subscriptions.values())) {
      if (closed) {
        return;
      }
      if (subscriptions.get(s.ref) == s && s.retry == null) {
        refresh(s);
      }
    }
  }

  private void checkStatus() {
    statusQueued.set(false);
    String down = null;
    for (Map.Entry<String, NamingService> e : clients.entrySet()) {
      if (!UP.equals(e.getValue().getServerStatus())) {
        down = e.getKey();
        break;
      }
    }
    if (clients.isEmpty()) {
      return;
    }
    if (down == null && !Boolean.TRUE.equals(connected)) {
      boolean wasDown = Boolean.FALSE.equals(connected);
      connected = Boolean.TRUE;
      listener.onConnected();
      if (wasDown) {
        log.info("registry {}: nacos server {} reachable again; refreshing {} services", name, spec.serverAddr(), subscriptions.size());
        for (Subscription s : new ArrayList<>(subscriptions.values())) {
          if (s.retry != null) {
            s.retry.cancel(false);
            s.retry = null;
          }
        }
        refreshAll();
      }
    } else if (down != null && !Boolean.FALSE.equals(connected)) {
      connected = Boolean.FALSE;
      listener.onDisconnected("nacos server " + spec.serverAddr() + " unreachable (the client for namespace " + down
          + " has no connection; it reconnects by itself)");
    }
  }

  /** The library client of {@code namespace}, created (connecting, which may take seconds) on first use; null once closed. */
  private NamingService client(String namespace) throws NacosException {
    NamingService ns = clients.get(namespace);
    if (ns != null) {
      return ns;
    }
    ns = NamingFactory.createNamingService(ClientProperties.of(spec, namespace, context.dataDirectory()));
    if (closed) {
      shutDown(namespace, ns);
      return null;
    }
    clients.put(namespace, ns);
    queueStatusCheck();
    return ns;
  }

  private void unsubscribe(Subscription s) {
    s.end();
    NamingService ns = clients.get(s.target.namespace());
    if (ns == null || !s.subscribed) {
      return;
    }
    NacosTarget t = s.target;
    try {
      ns.unsubscribe(t.name(), t.group(), t.clusters(), s);
    } catch (NacosException | RuntimeException e) {
      log.debug("registry {}: nacos unsubscribe from {} failed: {}", name, t, message(e));
    }
  }

  private void shutDown(String namespace, NamingService ns) {
    try {
      ns.shutDown();
    } catch (NacosException | RuntimeException e) {
      log.debug("registry {}: shutting down the nacos client for namespace {} failed: {}", name, namespace, message(e));
    }
  }

  private void shutdownAll() {
    subscriptions.values().forEach(Subscription::end);
    subscriptions.clear();
    clients.forEach(this::shutDown);
    clients.clear();
  }

  /** The error's own words, on one line, without the password. */
  private String message(Throwable e) {
    String m = e instanceof NacosException n && n.getErrMsg() != null ? n.getErrMsg() : e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    m = m.replace('\r', ' ').replace('\n', ' ');
    String password = spec.password().orElse("");
    return password.isEmpty() ? m : m.replace(password, "***");
  }
}
