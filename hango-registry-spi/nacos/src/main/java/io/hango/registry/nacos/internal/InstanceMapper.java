package io.hango.registry.nacos.internal;

import io.hango.registry.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the Nacos client's instances to Hango's: status from {@code enabled} and {@code healthy},
 * weight scaled by 100, metadata as labels (entries without a key or value left out), locality from
 * metadata. Internal.
 */
public final class InstanceMapper {

  /** The metadata keys read for the zone, first found wins. */
  public static final List<String> ZONE_KEYS = List.of("zone", "topology.kubernetes.io/zone");

  /** The metadata keys read for the region, first found wins. */
  public static final List<String> REGION_KEYS = List.of("region", "topology.kubernetes.io/region");

  private InstanceMapper() {}

  /** Every instance of {@code instances}, mapped; {@code null} is no instances. */
  public static List<Instance> map(List<com.alibaba.nacos.api.naming.pojo.Instance> instances) {
    if (instances == null) {
      return List.of();
    }
    List<Instance> out = new ArrayList<>(instances.size());
    for (com.alibaba.nacos.api.naming.pojo.Instance i : instances) {
      out.add(map(i));
    }
    return List.copyOf(out);
  }

  /**
   * One instance: {@code enabled=false} is {@link Instance.Status#DISABLED}, else
   * {@code healthy=false} is {@link Instance.Status#DOWN}, else {@link Instance.Status#UP}.
   */
  public static Instance map(com.alibaba.nacos.api.naming.pojo.Instance i) {
    Map<String, String> metadata = new HashMap<>();
    if (i.getMetadata() != null) {
      i.getMetadata().forEach((k, v) -> {
        if (k != null && v != null) {
          metadata.put(k, v);
        }
      });
    }
    Instance.Status status;
    String detail;
    if (!i.isEnabled()) {
      status = Instance.Status.DISABLED;
      detail = "nacos enabled=false";
    } else if (!i.isHealthy()) {
      status = Instance.Status.DOWN;
      detail = "nacos healthy=false";
    } else {
      status = Instance.Status.UP;
      detail = "nacos healthy=true enabled=true";
    }
    String address = i.getIp() == null ? "" : i.getIp();
    String cluster = i.getClusterName() == null ? "" : i.getClusterName();
    String id = i.getInstanceId() == null || i.getInstanceId().isBlank()
        ? address + "#" + i.getPort() + "#" + cluster
        : i.getInstanceId();
    return new Instance(id, address, i.getPort(), weight(i.getWeight()), status, detail,
        first(metadata, REGION_KEYS), first(metadata, ZONE_KEYS), metadata);
  }

  /**
   * A Nacos weight (a double, 1.0 by default) in Hango's terms: {@code round(weight * 100)}, so 1.0
   * is 100, 0.5 is 50 and 0 (or less, or not a number) is 0.
   */
  public static int weight(double nacosWeight) {
    if (Double.isNaN(nacosWeight) || nacosWeight <= 0) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.round(nacosWeight * Instance.DEFAULT_WEIGHT));
  }

  private static Optional<String> first(Map<String, String> metadata, List<String> keys) {
    for (String k : keys) {
      String v = metadata.get(k);
      if (v != null && !v.isBlank()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
