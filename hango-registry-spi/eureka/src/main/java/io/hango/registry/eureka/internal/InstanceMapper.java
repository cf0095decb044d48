package io.hango.registry.eureka.internal;

import io.hango.registry.Instance;
import io.hango.registry.ServiceRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a Eureka instance to Hango's {@link Instance} for a watched service (see the module's
 * README for the table). Thread-safe. Internal.
 */
public final class InstanceMapper {

  /** The largest weight taken from metadata; larger ones are capped. */
  static final int MAX_WEIGHT = 1_000_000;

  private InstanceMapper() {}

  /** {@code instance} as an {@link Instance} of {@code ref}. */
  public static Instance map(ServiceRef ref, EurekaInstance instance) {
    String status = instance.effectiveStatus();
    return new Instance(
        instance.id(),
        instance.ipAddr().isEmpty() ? instance.hostName() : instance.ipAddr(),
        port(ref, instance),
        weight(instance.metadata()),
        status(status),
        statusDetail(instance),
        first(instance.metadata(), "region", "topology.kubernetes.io/region"),
        instance.availabilityZone().or(() -> first(instance.metadata(), "zone", "topology.kubernetes.io/zone")),
        instance.metadata());
  }

  /**
   * The port {@code ref} asks for when it names the enabled secure port; else the port when
   * enabled, else the secure port when enabled, else 0 (no usable port: no traffic).
   */
  static int port(ServiceRef ref, EurekaInstance i) {
    if (ref.port().isPresent() && i.securePort().enabled() && ref.port().getAsInt() == i.securePort().number()) {
      return i.securePort().number();
    }
    if (i.port().enabled()) {
      return i.port().number();
    }
    return i.securePort().enabled() ? i.securePort().number() : 0;
  }

  /** {@code UP} receives traffic, {@code OUT_OF_SERVICE} is disabled, every other status is down. */
  static Instance.Status status(String eurekaStatus) {
    switch (eurekaStatus) {
      case "UP":
        return Instance.Status.UP;
      case "OUT_OF_SERVICE":
        return Instance.Status.DISABLED;
      default:
        // DOWN, STARTING, UNKNOWN, and any status a newer Eureka may add.
        return Instance.Status.DOWN;
    }
  }

  private static String statusDetail(EurekaInstance i) {
    String effective = i.effectiveStatus();
    return effective.equals(i.status())
        ? "eureka status " + effective
        : "eureka status " + effective + " (overriddenStatus; status " + i.status() + ")";
  }

  /**
   * Metadata {@code weight} as Envoy's weight, taken as written (100 is the default of every
   * registry): a positive number is rounded (to at least 1) and capped at {@value #MAX_WEIGHT}; 0 or
   * a negative number is 0 (no traffic); absent or not a number: the default 100.
   */
  static int weight(Map<String, String> metadata) {
    String w = metadata.get("weight");
    if (w == null) {
      return Instance.DEFAULT_WEIGHT;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(w.trim());
    } catch (NumberFormatException e) {
      return Instance.DEFAULT_WEIGHT;
    }
    if (value.signum() <= 0) {
      return 0;
    }
    return Math.max(1, value.min(BigDecimal.valueOf(MAX_WEIGHT)).setScale(0, RoundingMode.HALF_UP).intValue());
  }

  private static Optional<String> first(Map<String, String> metadata, String... keys) {
    for (String k : keys) {
      String v = metadata.get(k);
      if (v != null && !v.isBlank()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
