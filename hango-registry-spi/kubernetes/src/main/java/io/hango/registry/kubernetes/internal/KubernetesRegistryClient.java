package io.hango.registry.kubernetes.internal;

import io.fabric8.kubernetes.client.Config;
import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.hango.model.registry.RegistrySpec;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryListener;
import io.hango.registry.SerialExecutor;
import io.hango.registry.ServiceRef;
import io.hango.registry.kubernetes.internal.EndpointSliceMapping.Answer;
import io.hango.registry.kubernetes.internal.EndpointSliceMapping.Failure;
import io.hango.registry.kubernetes.internal.EndpointSliceMapping.Instances;
import io.hango.registry.kubernetes.internal.NamespaceWatch.Health;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code kubernetes} registry: one EndpointSlice informer per namespace that a watched
 * service lives in (never a watch of the whole cluster), and the answers for the watched services
 * computed from the informers' stores.
 *
 * <p>Every state change and every report to the listener runs on one {@link SerialExecutor} over
 * the shared scheduler, so reports keep their order; fabric8's threads only queue work there. An
 * answer is reported only for a namespace whose informer has listed and is watching: a failed list
 * is reported as {@link RegistryListener#onDisconnected} (or, for HTTP 403, as an error of the
 * namespace's services), a watch that stays down longer than {@link Tuning#watchLossGrace()} as
 * {@code onDisconnected}; when the informer lists again or its watch reconnects, the services of
 * the namespace are reported again and {@code onConnected} follows. Internal.
 */
public final class KubernetesRegistryClient implements RegistryClient, NamespaceWatch.Events {

  private static final Logger log = LoggerFactory.getLogger(KubernetesRegistryClient.class);
  private static final Duration MAX_CONNECT_RETRY = Duration.ofSeconds(30);

  private final String registryName;
  private final RegistrySpec.Kubernetes spec;
  private final ScheduledExecutorService scheduler;
  private final Tuning tuning;
  private final SerialExecutor serial;
  private final String defaultNamespace;
  /** {@code namespace/service} keys with a change not yet reported. */
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  /** {@code namespace/service} keys of the watched services, read by fabric8's threads. */
  private volatile Set<String> watchedKeys = Set.of();

  private final Object lock = new Object();
  // Guarded by lock; changed only by tasks on the serial executor, and by close().
  private boolean closed;
  private RegistryListener listener;
  private KubernetesClient client;
  private String server = "";
  private Set<ServiceRef> watched = Set.of();
  private final Map<String, NamespaceWatch> watches = new TreeMap<>();
  private boolean connected;
  private Duration connectRetry;
  private ScheduledFuture<?> retryTask;
  private ScheduledFuture<?> healthTask;

  /**
   * @param registryName the {@code Registry} document's name, for logs
   * @param spec its settings
   * @param scheduler the runtime's shared scheduler
   * @param tuning retry and health-check timings
   */
  public KubernetesRegistryClient(
      String registryName, RegistrySpec.Kubernetes spec, ScheduledExecutorService scheduler, Tuning tuning) {
    this.registryName = requireNonNull(registryName, "registryName");
    this.spec = requireNonNull(spec, "spec");
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.tuning = requireNonNull(tuning, "tuning");
    this.serial = new SerialExecutor(scheduler);
    this.defaultNamespace = spec.namespaces().isEmpty() ? "default" : spec.namespaces().get(0);
    this.connectRetry = tuning.retryInterval();
  }

  @Override
  public void start(RegistryListener listener) {
    requireNonNull(listener, "listener");
    synchronized (lock) {
      if (this.listener != null) {
        throw new IllegalStateException("already started");
      }
      this.listener = listener;
    }
    connect();
  }

  @Override
  public void watch(Set<ServiceRef> services) {
    Set<ServiceRef> refs = Set.copyOf(requireNonNull(services, "services"));
    serially(reports -> {
      watched = refs;
      watchedKeys = refs.stream().filter(r -> allowed(namespaceOf(r))).map(r -> key(namespaceOf(r), r.name()))
          .collect(Collectors.toUnmodifiableSet());
      for (ServiceRef ref : refs) {
        if (!allowed(namespaceOf(ref))) {
          String message = "namespace '" + namespaceOf(ref) + "' is not one of this registry's spec.namespaces "
              + spec.namespaces();
          reports.add(() -> listener.onServiceError(ref, message));
        }
      }
      syncWatches();
      for (ServiceRef ref : refs) {
        report(ref, reports);
      }
    });
  }

  @Override
  public void close() {
    List<NamespaceWatch> toStop;
    KubernetesClient toClose;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      cancel(retryTask);
      cancel(healthTask);
      toStop = new ArrayList<>(watches.values());
      watches.clear();
      toClose = client;
      client = null;
    }
    toStop.forEach(NamespaceWatch::stop);
    if (toClose != null) {
      toClose.close();
    }
  }

  // ---- connecting ----

  /** Builds the client off the scheduler (reading a kubeconfig may run a credential plugin). */
  private void connect() {
    CompletableFuture.supplyAsync(this::newClient, ForkJoinPool.commonPool()).whenComplete((c, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause instanceof ClientConfigs.ConfigException
            ? cause.getMessage()
            : "cannot create the Kubernetes client: " + Failures.describe(cause);
        serially(reports -> {
          connected = false;
          reports.add(() -> listener.onDisconnected(message));
          Duration delay = connectRetry;
          connectRetry = min(connectRetry.multipliedBy(2), MAX_CONNECT_RETRY);
          retryTask = scheduleSafely(this::connect, delay);
        });
        return;
      }
      boolean keep;
      synchronized (lock) {
        keep = !closed;
        if (keep) {
          client = c;
          server = Failures.safe(String.valueOf(c.getConfiguration().getMasterUrl()));
        }
      }
      if (!keep) {
        c.close();
        return;
      }
      serially(reports -> {
        long every = tuning.healthCheckInterval().toNanos();
        try {
          healthTask = scheduler.scheduleWithFixedDelay(() -> serially(this::checkHealth), every, every, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          return; // the runtime is shutting down
        }
        syncWatches();
      });
    });
  }

  private KubernetesClient newClient() {
    Config config;
    try {
      config = ClientConfigs.build(spec, tuning);
    } catch (ClientConfigs.ConfigException e) {
      throw new CompletionException(e);
    }
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** Starts an informer for each namespace with a watched service, stops the others. Under the lock. */
  private void syncWatches() {
    if (client == null) {
      return;
    }
    Set<String> wanted = new TreeSet<>();
    watched.stream().map(this::namespaceOf).filter(this::allowed).forEach(wanted::add);
    watches.entrySet().removeIf(e -> {
      if (!wanted.contains(e.getKey())) {
        e.getValue().stop();
        return true;
      }
      return false;
    });
    long resync = spec.refreshInterval().toMillis();
    for (String ns : wanted) {
      if (!watches.containsKey(ns)) {
        NamespaceWatch w = new NamespaceWatch(client, ns, resync, this);
        watches.put(ns, w);
        log.debug("registry {}: watching the EndpointSlices of namespace {} at {}", registryName, ns, server);
        w.start();
      }
    }
  }

  // ---- informer events (fabric8's threads) ----

  @Override
  public void changed(NamespaceWatch source, String service) {
    String key = key(source.namespace, service);
    if (watchedKeys.contains(key) && dirty.add(key)) {
      serially(reports -> {
        dirty.remove(key);
        if (current(source) && source.health == Health.UP) {
          watched.stream()
              .filter(r -> r.name().equals(service) && namespaceOf(r).equals(source.namespace))
              .forEach(r -> report(r, reports));
        }
      });
    }
  }

  @Override
  public void listed(NamespaceWatch source) {
    serially(reports -> {
      if (!current(source)) {
        return;
      }
      source.health = Health.UP;
      source.forbidden = false;
      source.watchDownSince = 0;
      reportNamespace(source, reports);
      updateConnected(reports);
    });
  }

  @Override
  public void failed(NamespaceWatch source, Throwable error) {
    serially(reports -> {
      if (!current(source)) {
        return;
      }
      String message = "cannot list or watch the EndpointSlices of namespace " + source.namespace + " at " + server
          + ": " + Failures.describe(error);
      source.health = Health.FAILING;
      source.forbidden = Failures.isForbidden(error);
      source.watchDownSince = 0;
      if (source.forbidden) {
        watched.stream()
            .filter(r -> namespaceOf(r).equals(source.namespace))
            .forEach(r -> reports.add(() -> listener.onServiceError(r, message)));
      } else {
        connected = false;
        reports.add(() -> listener.onDisconnected(message));
      }
    });
  }

  /** Notices watches that stay down (fabric8 reconnects them silently) and watches that came back. */
  private void checkHealth(List<Runnable> reports) {
    long now = System.nanoTime();
    for (NamespaceWatch w : watches.values()) {
      if (w.health == Health.STARTING || (w.health == Health.FAILING && w.watchDownSince == 0)) {
        continue; // listing, or a failed list: the informer reports its next list
      }
      if (w.watching()) {
        if (w.health == Health.FAILING) {
          w.health = Health.UP;
          reportNamespace(w, reports);
        }
        w.watchDownSince = 0;
      } else if (w.watchDownSince == 0) {
        w.watchDownSince = now;
      } else if (w.health == Health.UP && now - w.watchDownSince >= tuning.watchLossGrace().toNanos()) {
        w.health = Health.FAILING;
        connected = false;
        String message = "lost the watch of the EndpointSlices of namespace " + w.namespace + " at " + server
            + " for " + tuning.watchLossGrace().toMillis() + "ms; reconnecting";
        reports.add(() -> listener.onDisconnected(message));
      }
    }
    updateConnected(reports);
  }

  // ---- answers ----

  private void reportNamespace(NamespaceWatch w, List<Runnable> reports) {
    watched.stream().filter(r -> namespaceOf(r).equals(w.namespace)).forEach(r -> report(r, reports));
  }

  /** Reports the answer for {@code ref}, if its namespace's informer is listed and watching. Under the lock. */
  private void report(ServiceRef ref, List<Runnable> reports) {
    String ns = namespaceOf(ref);
    NamespaceWatch w = watches.get(ns);
    if (w == null || w.health != Health.UP) {
      return;
    }
    Answer answer = EndpointSliceMapping.map(ref, ns, w.slicesOf(ref.name()));
    if (answer instanceof Instances i) {
      reports.add(() -> listener.onInstances(ref, i.instances()));
    } else if (answer instanceof Failure f) {
      reports.add(() -> listener.onServiceError(ref, f.message()));
    }
  }

  private void updateConnected(List<Runnable> reports) {
    boolean all = !watches.isEmpty()
        && watches.values().stream().allMatch(w -> w.health == Health.UP || (w.health == Health.FAILING && w.forbidden));
    if (all && !connected) {
      connected = true;
      reports.add(() -> listener.onConnected());
    }
  }

  // ---- helpers ----

  /**
   * Runs {@code body} on the serial executor, under the lock, unless closed; then runs the reports
   * it collected, outside the lock and in order.
   */
  private void serially(Consumer<List<Runnable>> body) {
    serial.execute(() -> {
      List<Runnable> reports = new ArrayList<>();
      synchronized (lock) {
        if (closed) {
          return;
        }
        body.accept(reports);
      }
      reports.forEach(Runnable::run);
    });
  }

  private boolean current(NamespaceWatch source) {
    return watches.get(source.namespace) == source;
  }

  private String namespaceOf(ServiceRef ref) {
    return ref.namespace().orElse(defaultNamespace);
  }

  private boolean allowed(String namespace) {
    return spec.namespaces().isEmpty() || spec.namespaces().contains(namespace);
  }

  private static String key(String namespace, String service) {
    return namespace + "/" + service;
  }

  private ScheduledFuture<?> scheduleSafely(Runnable task, Duration delay) {
    try {
      return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // the runtime is shutting down
    }
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
