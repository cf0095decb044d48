package io.hango.controlplane.internal;

import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Meters of the running registries: {@code hango.registry.up}, {@code .events}, {@code .errors},
 * {@code .endpoints} (per registry, read from its status when scraped) and
 * {@code hango.registry.publish.latency} (from the first registry event behind a change to its
 * publication). Registries that appear later get their meters when the config changes, or at the
 * next scrape.
 */
public final class RegistryMeters {

  private final MeterRegistry meters;
  private final ServiceDiscovery discovery;
  private final Timer publishLatency;
  private final Set<String> registered = new HashSet<>();

  public RegistryMeters(MeterRegistry meters, ServiceDiscovery discovery) {
    this.meters = meters;
    this.discovery = discovery;
    this.publishLatency = Timer.builder("hango.registry.publish.latency")
        .description("Time from a registry event to the publication of the endpoints it changed")
        .register(meters);
    Gauge.builder("hango.registry.count", discovery, d -> {
          refresh();
          return d.status().size();
        })
        .description("Registries running")
        .register(meters);
  }

  /** Records the publication of a change whose first event arrived at {@code firstEvent}. */
  public void published(Instant firstEvent, Instant now) {
    Duration d = Duration.between(firstEvent, now);
    publishLatency.record(d.isNegative() ? Duration.ZERO : d);
  }

  /** Registers the meters of registries that have none yet; call after the registries changed. */
  public synchronized void refresh() {
    for (RegistryStatus r : discovery.status()) {
      if (registered.add(r.name())) {
        String name = r.name();
        gauge("hango.registry.up", "Whether the registry is reachable (1) or not (0)", name, s -> s.connected() ? 1 : 0);
        gauge("hango.registry.endpoints", "Endpoints served from the registry, all services", name,
            s -> s.services().stream().mapToInt(x -> x.endpoints().size()).sum());
        gauge("hango.registry.services.empty", "Watched services of the registry without endpoints", name,
            s -> s.services().stream().filter(x -> x.endpoints().isEmpty()).count());
        FunctionCounter.builder("hango.registry.events", discovery, d -> value(d, name, RegistryStatus::events))
            .description("Answers received from the registry")
            .tag("registry", name)
            .register(meters);
        FunctionCounter.builder("hango.registry.errors", discovery, d -> value(d, name, RegistryStatus::errors))
            .description("Errors and outages of the registry")
            .tag("registry", name)
            .register(meters);
      }
    }
  }

  private void gauge(String meter, String description, String registry, ToDoubleFunction<RegistryStatus> f) {
    Gauge.builder(meter, discovery, d -> value(d, registry, f)).description(description).tag("registry", registry).register(meters);
  }

  private static double value(ServiceDiscovery d, String registry, ToDoubleFunction<RegistryStatus> f) {
    Optional<RegistryStatus> s = d.status().stream().filter(r -> r.name().equals(registry)).findFirst();
    return s.map(f::applyAsDouble).orElse(Double.NaN);
  }

}
