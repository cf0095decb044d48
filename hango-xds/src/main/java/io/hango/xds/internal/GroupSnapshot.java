package io.hango.xds.internal;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsResource;
import java.util.HashSet;
import java.util.Set;

/**
 * A group's current snapshot, when it was published ({@link System#nanoTime()}, the start of
 * the push-latency measurement), and what streams derive from it, computed once per snapshot
 * rather than once per stream.
 */
final class GroupSnapshot {

  private final Snapshot snapshot;
  private final long publishedNanos;
  /** Lazily: the EDS names the snapshot's EDS clusters ask for. */
  private volatile Set<String> endpointNames;

  GroupSnapshot(Snapshot snapshot, long publishedNanos) {
    this.snapshot = snapshot;
    this.publishedNanos = publishedNanos;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  long publishedNanos() {
    return publishedNanos;
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
