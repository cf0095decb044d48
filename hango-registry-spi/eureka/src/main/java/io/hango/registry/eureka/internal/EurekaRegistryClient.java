package io.hango.registry.eureka.internal;

import io.hango.model.registry.RegistrySpec;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryListener;
import io.hango.registry.SerialExecutor;
import io.hango.registry.ServiceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Eureka registry client: fetches the whole registry ({@code /apps}) at start, after errors and
 * when a delta's {@code apps__hashcode} does not match the local copy; in between polls
 * {@code /apps/delta} every {@code refreshInterval}. After every successful poll it reports each
 * watched service (all its instances, whatever their status) from the local copy.
 *
 * <p>Requests are asynchronous; everything else runs as short tasks on the runtime's scheduler, one
 * at a time ({@link SerialExecutor}), so the state below needs no lock. A failed delta is followed by
 * a full fetch from the same server; a failed full fetch by one from the next service URL, once
 * each. When all fail it reports {@code onDisconnected}, keeps its copy (the runtime keeps the
 * endpoints) and retries with {@link Backoff}, again with a full fetch.
 * Internal.
 */
public final class EurekaRegistryClient implements RegistryClient {

  private static final Logger log = LoggerFactory.getLogger(EurekaRegistryClient.class);

  private final String name;
  private final List<ServiceUrl> urls;
  private final Duration refreshInterval;
  private final ScheduledExecutorService scheduler;
  private final SerialExecutor serial;
  private final EurekaHttp http = new EurekaHttp();
  private final LocalRegistry local = new LocalRegistry();

  // Owned by the serial executor.
  private RegistryListener listener;
  private Set<ServiceRef> watched = Set.of();
  private int current;
  private boolean synced;
  private boolean connected;
  private int failedRounds;
  private final List<String> roundErrors = new ArrayList<>();
  private String lastOutage = "";
  private ScheduledFuture<?> next;

  private volatile boolean closed;

  /**
   * A client of the registry {@code name} with {@code spec}'s settings, polling on {@code scheduler}.
   *
   * @throws IllegalArgumentException when a service URL is not an http(s) URL or the refresh
   *     interval is not positive (the model's validation reports both first)
   */
  public EurekaRegistryClient(String name, RegistrySpec.Eureka spec, ScheduledExecutorService scheduler) {
    this.name = name;
    List<ServiceUrl> parsed = new ArrayList<>();
    for (int i = 0; i < spec.serviceUrls().size(); i++) {
      try {
        parsed.add(ServiceUrl.parse(spec.serviceUrls().get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("registry " + name + ": spec.serviceUrls[" + i + "] " + e.getMessage(), e);
      }
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("registry " + name + ": no spec.serviceUrls");
    }
    this.urls = List.copyOf(parsed);
    if (spec.refreshInterval().isNegative() || spec.refreshInterval().isZero()) {
      throw new IllegalArgumentException("registry " + name + ": spec.refreshInterval must be longer than 0s");
    }
    this.refreshInterval = spec.refreshInterval();
    this.scheduler = scheduler;
    this.serial = new SerialExecutor(scheduler);
  }

  @Override
  public void start(RegistryListener listener) {
    serial.execute(() -> {
      this.listener = listener;
      poll(false);
    });
  }

  @Override
  public void watch(Set<ServiceRef> services) {
    Set<ServiceRef> copy = Set.copyOf(services);
    serial.execute(() -> {
      Set<ServiceRef> added = new LinkedHashSet<>(copy);
      added.removeAll(watched);
      watched = copy;
      if (listener == null) {
        return;
      }
      if (connected && synced) {
        report(added);
      } else if (!lastOutage.isEmpty()) {
        added.forEach(ref -> listener.onServiceError(ref, lastOutage));
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    serial.execute(() -> {
      if (next != null) {
        next.cancel(false);
        next = null;
      }
    });
  }

  /** Sends the next request to the current URL: a delta when the copy is in sync, else the whole registry. */
  private void poll(boolean delta) {
    if (closed) {
      return;
    }
    ServiceUrl url = urls.get(current);
    boolean asDelta = delta && synced;
    http.fetch(url, asDelta).whenComplete((apps, error) -> serial.execute(() -> {
      if (error == null) {
        succeeded(asDelta, apps);
      } else {
        failed(url, asDelta, error);
      }
    }));
  }

  private void succeeded(boolean delta, Applications apps) {
    if (closed) {
      return;
    }
    failedRounds = 0;
    roundErrors.clear();
    if (delta) {
      local.apply(apps.instances());
      String mine = local.hashcode();
      if (!mine.equals(apps.hashcode())) {
        log.info("registry {}: the delta's apps__hashcode '{}' does not match the local copy's '{}'; fetching the whole registry",
            name, apps.hashcode(), mine);
        synced = false;
        poll(false);
        return;
      }
    } else {
      local.replaceAll(apps.instances());
      synced = true;
    }
    if (!connected) {
      connected = true;
      lastOutage = "";
      listener.onConnected();
    }
    report(watched);
    schedule(refreshInterval, true);
  }

  private void failed(ServiceUrl url, boolean delta, Throwable error) {
    if (closed) {
      return;
    }
    synced = false;
    if (delta) {
      // Deltas may be disabled, or just this answer broken: the whole registry, from the same server, decides.
      log.debug("registry {}: {} (GET /apps/delta) failed: {}; fetching the whole registry", name, url, describe(error));
      poll(false);
      return;
    }
    roundErrors.add(url + " (GET /apps): " + describe(error));
    // The next server's deltas do not follow this one's: it starts with the whole registry too.
    current = (current + 1) % urls.size();
    if (roundErrors.size() < urls.size()) {
      log.info("registry {}: {}; trying {}", name, roundErrors.get(roundErrors.size() - 1), urls.get(current));
      poll(false);
      return;
    }
    failedRounds++;
    String reason = "eureka unreachable: " + String.join("; ", roundErrors);
    roundErrors.clear();
    connected = false;
    lastOutage = reason;
    listener.onDisconnected(reason);
    Duration delay = Backoff.delay(refreshInterval, failedRounds);
    log.debug("registry {}: next attempt in {}", name, delay);
    schedule(delay, false);
  }

  private void schedule(Duration delay, boolean delta) {
    if (closed) {
      return;
    }
    next = scheduler.schedule(() -> serial.execute(() -> poll(delta)), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Reports each of {@code refs} from the local copy: every instance of its application, possibly none. */
  private void report(Set<ServiceRef> refs) {
    for (ServiceRef ref : refs) {
      List<Instance> instances = local.instances(ref.name()).stream().map(i -> InstanceMapper.map(ref, i)).toList();
      listener.onInstances(ref, instances);
    }
  }

  private static String describe(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof java.io.UncheckedIOException) && e.getCause() != null) {
      e = e.getCause();
    }
    String message = e.getMessage();
    if (e instanceof EurekaHttp.BadAnswerException) {
      return message;
    }
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
  }
}
