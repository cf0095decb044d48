package io.hango.registry.zookeeper.internal;

import java.util.Map;
import java.util.Optional;

/**
 * An instance's region and zone, read from its labels (Dubbo URL parameters or Curator metadata,
 * since ZooKeeper has no locality of its own): {@code region}, else
 * {@code topology.kubernetes.io/region}; {@code zone}, else {@code topology.kubernetes.io/zone}.
 * Empty values count as missing. Internal.
 */
final class Locality {

  private Locality() {}

  /** The region named by {@code labels}. */
  static Optional<String> region(Map<String, String> labels) {
    return first(labels, "region", "topology.kubernetes.io/region");
  }

  /** The zone named by {@code labels}. */
  static Optional<String> zone(Map<String, String> labels) {
    return first(labels, "zone", "topology.kubernetes.io/zone");
  }

  private static Optional<String> first(Map<String, String> labels, String key, String fallback) {
    String v = labels.get(key);
    if (v == null || v.isBlank()) {
      v = labels.get(fallback);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }
}
