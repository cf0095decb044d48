package io.hango.registry.internal;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryListener;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.ServiceEndpoints.State;
import io.hango.registry.ServiceRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry at run time: its client, what it answered for each watched service, and the
 * empty-answer policy applied to those answers. The client's callbacks land here; every change of
 * served endpoints is handed to the runtime's debouncer. Internal.
 */
public final class RunningRegistry implements RegistryListener {

  private static final Logger log = LoggerFactory.getLogger(RunningRegistry.class);

  private final Registry registry;
  private final RegistryClient client;
  private final Redactor redactor;
  private final Object lock;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final BiConsumer<Collection<String>, Instant> changed;
  private final Map<ServiceRef, WatchedService> watched = new LinkedHashMap<>();

  private boolean connected;
  private Instant lastSync;
  private String lastError;
  private Instant lastErrorAt;
  private long events;
  private long errors;
  private boolean closed;

  /**
   * @param lock the runtime's lock, which guards this registry's state
   * @param changed called (under the lock) with the {@code Service} names whose endpoints changed
   */
  public RunningRegistry(
      Registry registry,
      RegistryClient client,
      Object lock,
      ScheduledExecutorService scheduler,
      Clock clock,
      BiConsumer<Collection<String>, Instant> changed) {
    this.registry = registry;
    this.client = client;
    this.redactor = Redactor.of(registry.spec());
    this.lock = lock;
    this.scheduler = scheduler;
    this.clock = clock;
    this.changed = changed;
  }

  /** The document this registry runs. */
  public Registry registry() {
    return registry;
  }

  /** Starts the client. */
  public void start() {
    client.start(this);
  }

  /**
   * Watches exactly these services, each used by the given {@code Service} documents; keeps what is
   * known of services still watched. Call under the lock.
   */
  public void watch(Map<ServiceRef, Set<String>> services) {
    watched.keySet().removeIf(ref -> {
      if (!services.containsKey(ref)) {
        watched.get(ref).cancelEmptyTimer();
        return true;
      }
      return false;
    });
    services.forEach((ref, names) -> {
      WatchedService w = watched.computeIfAbsent(ref, WatchedService::new);
      w.services.clear();
      w.services.addAll(names);
    });
    client.watch(Set.copyOf(services.keySet()));
  }

  /** Takes over what {@code previous} knew of the services both watch (a registry whose settings changed). Under the lock. */
  public void inherit(RunningRegistry previous) {
    previous.watched.forEach((ref, old) -> {
      WatchedService w = watched.get(ref);
      if (w != null && old.state != State.WAITING) {
        w.endpoints = old.endpoints;
        w.excluded = old.excluded;
        w.lastAnswer = old.lastAnswer;
        w.state = State.STALE;
      }
    });
  }

  /** The endpoints each {@code Service} of this registry has now, by name. Under the lock. */
  public void endpoints(Map<String, List<Endpoint>> out) {
    watched.values().forEach(w -> w.services.forEach(s -> out.put(s, w.endpoints)));
  }

  /** The {@code Service} names still waiting for a first answer. Under the lock. */
  public void waiting(List<String> out) {
    watched.values().stream().filter(w -> w.state == State.WAITING).forEach(w -> out.addAll(w.services));
  }

  /** The status of this registry. Under the lock. */
  public RegistryStatus status() {
    List<ServiceEndpoints> services = new ArrayList<>();
    watched.values().forEach(w -> services.addAll(w.views(registry.name())));
    services.sort(java.util.Comparator.comparing(ServiceEndpoints::service));
    return new RegistryStatus(
        registry.name(),
        registry.spec().typeName(),
        connected,
        Optional.ofNullable(lastSync),
        Optional.ofNullable(lastError),
        Optional.ofNullable(lastErrorAt),
        events,
        errors,
        services);
  }

  /** Closes the client and cancels this registry's timers. Not under the lock: a client may block while closing. */
  public void close() {
    synchronized (lock) {
      closed = true;
      watched.values().forEach(WatchedService::cancelEmptyTimer);
    }
    try {
      client.close();
    } catch (RuntimeException e) {
      log.warn("registry {}: closing its client failed: {}", registry.name(), redactor.redact(String.valueOf(e.getMessage())));
    }
  }

  // ---- RegistryListener: the client's reports ----

  @Override
  public void onInstances(ServiceRef ref, List<Instance> instances) {
    synchronized (lock) {
      WatchedService w = watched.get(ref);
      if (closed || w == null) {
        return;
      }
      Instant now = clock.instant();
      events++;
      lastSync = now;
      if (!connected) {
        connected = true;
      }
      Selection.Result sel = Selection.select(ref, instances);
      w.excluded = sel.excluded();
      w.lastAnswer = now;
      if (!sel.endpoints().isEmpty() || w.state == State.WAITING || w.endpoints.isEmpty()) {
        w.cancelEmptyTimer();
        w.state = State.SYNCED;
        setEndpoints(w, sel.endpoints(), now);
        return;
      }
      // An authoritative empty answer for a service that has endpoints.
      RegistrySpec spec = registry.spec();
      if (spec.onEmpty() == RegistrySpec.OnEmpty.KEEP_LAST) {
        w.state = State.KEEPING_LAST;
      } else if (spec.emptyGracePeriod().isZero()) {
        w.state = State.SYNCED;
        setEndpoints(w, List.of(), now);
      } else if (w.emptyTimer == null) {
        w.state = State.EMPTY_PENDING;
        log.info("registry {}: {} answered empty; its {} endpoints are kept for {} before they are removed",
            registry.name(), ref, w.endpoints.size(), spec.emptyGracePeriod());
        w.emptyTimer = scheduler.schedule(() -> emptyGraceOver(w), spec.emptyGracePeriod().toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  private void emptyGraceOver(WatchedService w) {
    synchronized (lock) {
      if (closed || watched.get(w.ref) != w || w.state != State.EMPTY_PENDING) {
        return;
      }
      w.emptyTimer = null;
      w.state = State.SYNCED;
      log.info("registry {}: {} still has no instances after {}; its endpoints are removed",
          registry.name(), w.ref, registry.spec().emptyGracePeriod());
      setEndpoints(w, List.of(), clock.instant());
    }
  }

  private void setEndpoints(WatchedService w, List<Endpoint> endpoints, Instant at) {
    if (!endpoints.equals(w.endpoints)) {
      w.endpoints = endpoints;
      changed.accept(w.services, at);
    }
  }

  @Override
  public void onServiceError(ServiceRef ref, String message) {
    synchronized (lock) {
      WatchedService w = watched.get(ref);
      if (closed || w == null) {
        return;
      }
      error(ref + ": " + message);
      stale(w);
    }
  }

  @Override
  public void onConnected() {
    synchronized (lock) {
      if (!closed && !connected) {
        connected = true;
        log.info("registry {}: connected", registry.name());
      }
    }
  }

  @Override
  public void onDisconnected(String reason) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      boolean was = connected;
      connected = false;
      error(reason);
      if (was) {
        log.warn("registry {}: unreachable, every service keeps its last endpoints: {}", registry.name(), lastError);
      }
      watched.values().forEach(this::stale);
    }
  }

  private void stale(WatchedService w) {
    w.cancelEmptyTimer();
    if (w.state != State.WAITING) {
      w.state = State.STALE;
    }
  }

  private void error(String message) {
    String m = redactor.redact(message);
    errors++;
    lastErrorAt = clock.instant();
    if (!m.equals(lastError)) {
      log.warn("registry {}: {}", registry.name(), m);
    }
    lastError = m;
  }
}
