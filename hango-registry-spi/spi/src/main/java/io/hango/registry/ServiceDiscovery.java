package io.hango.registry;

import static java.util.Objects.requireNonNull;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.service.Endpoint;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.registry.internal.Debouncer;
import io.hango.registry.internal.Providers;
import io.hango.registry.internal.RunningRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registries of a config: for each {@code Registry} document that some {@code Service}
 * discovers from, a client of its provider, asked to watch exactly the services those documents
 * reference. Applies the empty-answer policy (an outage or error never empties a service; an
 * authoritative empty answer empties it after {@code emptyGracePeriod}, never with
 * {@code onEmpty: keepLast}), debounces changes per service and reports them to a
 * {@link DiscoveryListener}.
 *
 * <pre>{@code
 * try (ServiceDiscovery d = ServiceDiscovery.builder().listener((eps, at) -> push(eps)).build()) {
 *   d.apply(config);                                  // start or reconfigure registries
 *   d.awaitInitialSync(Duration.ofSeconds(10));       // first answers, or give up waiting
 *   Map<String, List<Endpoint>> now = d.endpoints();  // by Service name
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ServiceDiscovery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceDiscovery.class);

  private final Providers providers;
  private final DiscoveryListener listener;
  private final Path dataDirectory;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final Debouncer debouncer;
  private final Object lock = new Object();
  private final Map<String, RunningRegistry> running = new TreeMap<>();
  /** The registry each discovered {@code Service} uses, for the debounce settings. */
  private final Map<String, Registry> registryOfService = new TreeMap<>();
  private boolean closed;

  private ServiceDiscovery(Builder b) {
    this.providers = b.providers == null ? Providers.discover() : Providers.of(b.providers);
    this.listener = b.listener;
    this.dataDirectory = b.dataDirectory;
    this.clock = b.clock;
    if (b.scheduler == null) {
      ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "hango-discovery");
        t.setDaemon(true);
        return t;
      });
      s.setRemoveOnCancelPolicy(true);
      this.scheduler = s;
      this.ownScheduler = true;
    } else {
      this.scheduler = b.scheduler;
      this.ownScheduler = false;
    }
    this.debouncer = new Debouncer(scheduler, this::fire);
  }

  /** A builder; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the registries {@code config} needs, watching the services it references: starts new
   * registries, restarts those whose settings changed (their services keep their endpoints until
   * the new client answers), stops those no longer used. {@code config} should be valid; a
   * registry without a provider is skipped (the {@link RegistryValidator} reports it).
   */
  public void apply(GatewayConfig config) {
    requireNonNull(config, "config");
    Map<String, Map<ServiceRef, Set<String>>> wanted = new TreeMap<>();
    Map<String, Registry> docs = new TreeMap<>();
    Map<String, Registry> ofService = new TreeMap<>();
    for (Service s : config.services()) {
      if (s.spec().discoveryKind() instanceof RegistryDiscovery d) {
        Optional<Registry> r = config.registry(d.registry());
        if (r.isEmpty()) {
          continue;
        }
        docs.put(d.registry(), r.get());
        ofService.put(s.name(), r.get());
        wanted.computeIfAbsent(d.registry(), k -> new java.util.LinkedHashMap<>())
            .computeIfAbsent(ServiceRef.of(d), k -> new TreeSet<>())
            .add(s.name());
      }
    }
    List<RunningRegistry> toClose = new ArrayList<>();
    List<RunningRegistry> toStart = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      registryOfService.clear();
      registryOfService.putAll(ofService);
      for (String name : new ArrayList<>(running.keySet())) {
        RunningRegistry r = running.get(name);
        Registry doc = docs.get(name);
        if (doc == null || !doc.equals(r.registry())) {
          toClose.add(running.remove(name));
        }
      }
      for (Map.Entry<String, Map<ServiceRef, Set<String>>> e : wanted.entrySet()) {
        RunningRegistry r = running.get(e.getKey());
        if (r == null) {
          Registry doc = docs.get(e.getKey());
          RegistryProvider p = providers.get(doc.spec().typeName());
          if (p == null) {
            log.warn("registry {}: {}", doc.name(), providers.missing(doc.spec().typeName()));
            continue;
          }
          r = new RunningRegistry(doc, p.create(context(doc)), lock, scheduler, clock, this::changed);
          running.put(e.getKey(), r);
          toStart.add(r);
        }
      }
      for (RunningRegistry r : toStart) {
        r.start();
      }
      for (Map.Entry<String, RunningRegistry> e : running.entrySet()) {
        RunningRegistry r = e.getValue();
        r.watch(wanted.get(e.getKey()));
        for (RunningRegistry old : toClose) {
          if (old.registry().name().equals(e.getKey())) {
            r.inherit(old);
          }
        }
      }
    }
    toClose.forEach(RunningRegistry::close);
  }

  /** The endpoints of every discovered {@code Service} now, by name (empty for those still waiting). */
  public Map<String, List<Endpoint>> endpoints() {
    Map<String, List<Endpoint>> out = new TreeMap<>();
    synchronized (lock) {
      running.values().forEach(r -> r.endpoints(out));
    }
    return out;
  }

  /**
   * Waits until every watched service has had a first answer from its registry, or {@code timeout}
   * has passed.
   *
   * @return the {@code Service} names still without a first answer (empty when all have one)
   */
  public List<String> awaitInitialSync(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> waiting = waiting();
      if (waiting.isEmpty() || System.nanoTime() >= deadline) {
        return waiting;
      }
      Thread.sleep(Math.min(20, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  /** The {@code Service} names still without a first answer from their registry, sorted. */
  public List<String> waiting() {
    List<String> out = new ArrayList<>();
    synchronized (lock) {
      running.values().forEach(r -> r.waiting(out));
    }
    out.sort(null);
    return out;
  }

  /** Every running registry's status, sorted by name. */
  public List<RegistryStatus> status() {
    synchronized (lock) {
      return running.values().stream().map(RunningRegistry::status).toList();
    }
  }

  /** Stops every registry. */
  @Override
  public void close() {
    List<RunningRegistry> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(running.values());
      running.clear();
    }
    debouncer.cancelAll();
    all.forEach(RunningRegistry::close);
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  private RegistryContext context(Registry doc) {
    Path dir = dataDirectory.resolve(doc.name());
    return new RegistryContext() {
      @Override
      public Registry registry() {
        return doc;
      }

      @Override
      public Path dataDirectory() {
        try {
          return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
      }

      @Override
      public ScheduledExecutorService scheduler() {
        return scheduler;
      }
    };
  }

  /** Under the lock: services whose endpoints changed. */
  private void changed(Collection<String> services, Instant at) {
    for (String s : services) {
      Registry r = registryOfService.get(s);
      if (r != null) {
        debouncer.changed(s, at, r.spec().debounceQuietPeriod(), r.spec().debounceMaxDelay());
      }
    }
  }

  private void fire(String service, Instant firstEvent) {
    List<Endpoint> eps;
    synchronized (lock) {
      if (closed || !registryOfService.containsKey(service)) {
        return;
      }
      Map<String, List<Endpoint>> all = new TreeMap<>();
      running.values().forEach(r -> r.endpoints(all));
      eps = all.get(service);
    }
    if (eps == null || listener == null) {
      return;
    }
    try {
      listener.endpointsChanged(Map.of(service, eps), firstEvent);
    } catch (RuntimeException e) {
      log.error("discovery listener failed for service {}", service, e);
    }
  }

  /** Configures a {@link ServiceDiscovery}. */
  public static final class Builder {
    private List<? extends RegistryProvider> providers;
    private DiscoveryListener listener;
    private Path dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "hango-registries");
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /** The providers to use. Default: those found with {@link java.util.ServiceLoader}. */
    public Builder providers(List<? extends RegistryProvider> providers) {
      this.providers = List.copyOf(requireNonNull(providers, "providers"));
      return this;
    }

    /** Where debounced changes go. Default: nowhere (read {@link ServiceDiscovery#endpoints()}). */
    public Builder listener(DiscoveryListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** The directory registry clients may write to, one subdirectory each. Default: {@code $TMPDIR/hango-registries}. */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = requireNonNull(dir, "dir");
      return this;
    }

    /** The clock for status times. Default: UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The scheduler for debouncing, grace periods and clients' polling. Default: a daemon thread of its own. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Builds it; nothing runs until {@link ServiceDiscovery#apply}. */
    public ServiceDiscovery build() {
      return new ServiceDiscovery(this);
    }
  }
}
