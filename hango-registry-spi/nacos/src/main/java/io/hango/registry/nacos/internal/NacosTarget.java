package io.hango.registry.nacos.internal;

import static java.util.Objects.requireNonNull;

import io.hango.model.registry.RegistrySpec;
import io.hango.registry.ServiceRef;
import java.util.Arrays;
import java.util.List;

/**
 * A service as the Nacos client addresses it: namespace, group, service name and the clusters to
 * keep (none: every cluster). Internal.
 *
 * @param namespace namespace id
 * @param group group name
 * @param name service name
 * @param clusters cluster names, sorted and distinct; empty for every cluster
 */
public record NacosTarget(String namespace, String group, String name, List<String> clusters) {

  /** Nacos's default namespace id. */
  public static final String DEFAULT_NAMESPACE = "public";

  /** Nacos's default group. */
  public static final String DEFAULT_GROUP = "DEFAULT_GROUP";

  public NacosTarget {
    requireNonNull(namespace, "namespace");
    requireNonNull(group, "group");
    requireNonNull(name, "name");
    clusters = List.copyOf(clusters);
  }

  /**
   * The service {@code ref} names: its namespace, else the registry's, else {@code public}; its
   * group, else the registry's, else {@code DEFAULT_GROUP}; its comma-separated clusters (blank
   * entries ignored), else every cluster.
   */
  public static NacosTarget of(ServiceRef ref, RegistrySpec.Nacos spec) {
    String namespace = nonBlank(ref.namespace().orElse(null), nonBlank(spec.namespace().orElse(null), DEFAULT_NAMESPACE));
    String group = nonBlank(ref.group().orElse(null), nonBlank(spec.group().orElse(null), DEFAULT_GROUP));
    List<String> clusters = ref.cluster()
        .map(c -> Arrays.stream(c.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().sorted().toList())
        .orElse(List.of());
    return new NacosTarget(namespace, group, ref.name(), clusters);
  }

  private static String nonBlank(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value.trim();
  }

  /** {@code namespace/group/name}, with {@code [clusters]} when some are chosen. */
  @Override
  public String toString() {
    return namespace + "/" + group + "/" + name + (clusters.isEmpty() ? "" : " " + clusters);
  }
}
