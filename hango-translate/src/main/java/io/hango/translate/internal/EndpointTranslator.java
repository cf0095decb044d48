package io.hango.translate.internal;

import com.google.common.net.InetAddresses;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.hango.model.service.Endpoint;
import io.hango.model.service.Service;
import io.hango.model.service.Subset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds ClusterLoadAssignments: the endpoints of a service, or those of one subset (endpoints whose
 * labels contain all of the subset's labels), grouped into one locality per zone.
 *
 * <p>Every LocalityLbEndpoints carries a {@code load_balancing_weight} (the sum of its endpoints'
 * weights): grpc-java drops localities without one ("No usable endpoint"). Localities are sorted
 * by zone (no zone first), endpoints by address and port, duplicates (same address and port)
 * collapsed.
 */
final class EndpointTranslator {

  private EndpointTranslator() {}

  /** The endpoints of {@code eps} that belong to {@code subset} (all of them for null). */
  static List<Endpoint> select(Service s, String subset, List<Endpoint> eps) {
    if (subset == null) {
      return eps;
    }
    Map<String, String> labels = s.spec().subsets().stream()
        .filter(x -> x.name().equals(subset))
        .findFirst()
        .map(Subset::labels)
        .orElse(Map.of());
    return eps.stream().filter(e -> e.labels().entrySet().containsAll(labels.entrySet())).toList();
  }

  /**
   * The assignment of {@code eps} to {@code cluster}. With {@code ipOnly} (EDS), endpoints whose
   * address is not an IP are left out with a warning about {@code ref}.
   */
  static ClusterLoadAssignment assignment(String cluster, List<Endpoint> eps, Diagnostics diags, String ref, boolean ipOnly) {
    TreeMap<String, TreeMap<String, Endpoint>> byZone = new TreeMap<>();
    for (Endpoint e : eps) {
      if (ipOnly && !InetAddresses.isInetAddress(e.address())) {
        diags.warning(ref, "", "endpoint " + e.address() + ":" + e.port()
            + " is not an IP address; EDS carries IP addresses only, endpoint left out");
        continue;
      }
      byZone.computeIfAbsent(e.zone().orElse(""), z -> new TreeMap<>())
          .merge(e.address() + "\u0000" + String.format("%05d", e.port()), e, (a, b) -> a.weight() >= b.weight() ? a : b);
    }
    ClusterLoadAssignment.Builder cla = ClusterLoadAssignment.newBuilder().setClusterName(cluster);
    byZone.forEach((zone, endpoints) -> {
      LocalityLbEndpoints.Builder l = LocalityLbEndpoints.newBuilder();
      if (!zone.isEmpty()) {
        l.setLocality(Locality.newBuilder().setZone(zone));
      }
      int total = 0;
      for (Endpoint e : endpoints.values()) {
        total += e.weight();
        l.addLbEndpoints(LbEndpoint.newBuilder()
            .setEndpoint(io.envoyproxy.envoy.config.endpoint.v3.Endpoint.newBuilder()
                .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(e.address()).setPortValue(e.port()))))
            .setLoadBalancingWeight(Protos.u32(Math.max(1, e.weight()))));
      }
      l.setLoadBalancingWeight(Protos.u32(Math.max(1, total)));
      cla.addEndpoints(l);
    });
    return cla.build();
  }
}
