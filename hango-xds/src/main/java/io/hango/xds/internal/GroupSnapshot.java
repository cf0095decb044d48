package io.hango.xds.internal;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsResource;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A group's current snapshot, when it was published ({@link System#nanoTime()}, the start of
 * the push-latency measurement), and what streams derive from it, computed once per snapshot
 * rather than once per stream: each type's {@linkplain TypeGeneration generation}, which tells
 * streams whether and where the type changed since they last looked.
 */
final class GroupSnapshot {

  private final Snapshot snapshot;
  private final long publishedNanos;
  /** By type URL; a type the previous snapshot had and this one lacks is here, empty. */
  private final Map<String, TypeGeneration> generations;
  /** Lazily: the EDS names the snapshot's EDS clusters ask for. */
  private volatile Set<String> endpointNames;

  /**
   * @param previous the group's snapshot this one replaces, or null: types whose resources are
   *     the same keep its generations
   * @param changedNames null, or every name that may differ from {@code previous} (an update's
   *     upserts and removals), so that only those are compared
   */
  GroupSnapshot(Snapshot snapshot, long publishedNanos, GroupSnapshot previous, Collection<String> changedNames) {
    this.snapshot = snapshot;
    this.publishedNanos = publishedNanos;
    Map<String, TypeGeneration> g = new HashMap<>();
    if (previous != null) {
      previous.generations.forEach(
          (type, before) -> g.put(type, before.next(snapshot.resources(type), changedNames)));
    }
    for (String type : snapshot.typeUrls()) {
      g.computeIfAbsent(type, t -> TypeGeneration.first(snapshot.resources(t)));
    }
    this.generations = g;
    if (previous != null && previous.generation(TypeUrls.CLUSTER) == generation(TypeUrls.CLUSTER)) {
      this.endpointNames = previous.endpointNames;
    }
  }

  Snapshot snapshot() {
    return snapshot;
  }

  long publishedNanos() {
    return publishedNanos;
  }

  /** The current generation of a type ({@link TypeGeneration#ABSENT} if never published). */
  TypeGeneration generation(String typeUrl) {
    return generations.getOrDefault(typeUrl, TypeGeneration.ABSENT);
  }

  /**
   * The EDS names some cluster of the snapshot takes its endpoints from: a subscribed name in
   * this set without an assignment means "no endpoints"; outside it, "no such resource".
   */
  Set<String> endpointNames() {
    Set<String> names = endpointNames;
    if (names == null) {
      Set<String> found = new HashSet<>();
      for (XdsResource r : snapshot.resources(TypeUrls.CLUSTER).values()) {
        if (r.message() instanceof Cluster c && c.getType() == Cluster.DiscoveryType.EDS) {
          found.add(endpointsNameOf(c));
        }
      }
      names = Set.copyOf(found);
      endpointNames = names;
    }
    return names;
  }

  /** The EDS name of a cluster: its EDS service name, or its own name. */
  static String endpointsNameOf(Cluster c) {
    String service = c.getEdsClusterConfig().getServiceName();
    return service.isEmpty() ? c.getName() : service;
  }
}
