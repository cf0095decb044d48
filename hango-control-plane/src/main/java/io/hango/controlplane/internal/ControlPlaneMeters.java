package io.hango.controlplane.internal;

import io.hango.controlplane.ReloadOutcome;
import io.hango.registry.ServiceDiscovery;
import io.hango.translate.EnvoyResources;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control plane's meters: {@code hango.controlplane.reloads} (by outcome), {@code
 * .last.success.timestamp}, {@code .resources} (by type) and the registries' ({@link
 * RegistryMeters}), on a Prometheus registry (what the admin port's {@code /metrics} shows) and on
 * the user's registry if one was given.
 */
public final class ControlPlaneMeters {

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final RegistryMeters registries;
  private final Map<ReloadOutcome.Result, Counter> reloads = new EnumMap<>(ReloadOutcome.Result.class);
  private final AtomicLong lastSuccessEpochMillis = new AtomicLong();
  private final Map<EnvoyResources.Type, AtomicLong> resourceCounts = new EnumMap<>(EnvoyResources.Type.class);

  /**
   * Registers the meters.
   *
   * @param userRegistry a {@link PrometheusMeterRegistry} is used as is; any other registry gets
   *     the meters next to a new Prometheus registry; empty: a new Prometheus registry only
   * @param discovery the registries whose meters to register
   */
  public ControlPlaneMeters(Optional<MeterRegistry> userRegistry, ServiceDiscovery discovery) {
    if (userRegistry.orElse(null) instanceof PrometheusMeterRegistry p) {
      this.prometheus = p;
      this.registry = p;
    } else {
      this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      if (userRegistry.isEmpty()) {
        this.registry = prometheus;
      } else {
        CompositeMeterRegistry composite = new CompositeMeterRegistry(Clock.SYSTEM);
        composite.add(prometheus);
        composite.add(userRegistry.get());
        this.registry = composite;
      }
    }
    for (ReloadOutcome.Result r : ReloadOutcome.Result.values()) {
      reloads.put(
          r,
          Counter.builder("hango.controlplane.reloads")
              .description("Config loads by outcome (the initial load included)")
              .tag("outcome", r.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    Gauge.builder("hango.controlplane.last.success.timestamp", lastSuccessEpochMillis, v -> v.get() / 1000.0)
        .description("When a config was last applied or confirmed unchanged (seconds since the epoch)")
        .baseUnit("seconds")
        .register(registry);
    this.registries = new RegistryMeters(registry, discovery);
    for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
      AtomicLong n = new AtomicLong();
      resourceCounts.put(t, n);
      Gauge.builder("hango.controlplane.resources", n, AtomicLong::get)
          .description("Envoy resources served (all groups merged), by type")
          .tag("type", t.key())
          .register(registry);
    }
  }

  /** Where every meter is (the Prometheus registry, or both it and the user's). */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus registry, for {@code /metrics}. */
  public PrometheusMeterRegistry prometheus() {
    return prometheus;
  }

  /** The registries' meters. */
  public RegistryMeters registries() {
    return registries;
  }

  /** Counts a load with this outcome; one that was not rejected is also the last success. */
  public void reloaded(ReloadOutcome.Result result, Instant at) {
    reloads.get(result).increment();
    if (result != ReloadOutcome.Result.REJECTED) {
      lastSuccessEpochMillis.set(at.toEpochMilli());
    }
  }

  /** Counts the resources now served (all groups merged). */
  public void serving(EnvoyResources all) {
    for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
      resourceCounts.get(t).set(all.get(t).size());
    }
  }
}
