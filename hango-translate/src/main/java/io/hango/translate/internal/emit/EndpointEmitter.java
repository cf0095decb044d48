package io.hango.translate.internal.emit;

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
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.Names;
import io.hango.translate.internal.Protos;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Emits ClusterLoadAssignments: the endpoints of a service, or those of one subset (endpoints whose
 * labels contain all of the subset's labels), grouped into one locality per region and zone.
 *
 * <p>Every LocalityLbEndpoints carries a {@code load_balancing_weight} (the sum of its endpoints'
 * weights): grpc-java drops localities without one ("No usable endpoint"). Localities are sorted
 * by region, then zone (none first), endpoints by address and port, duplicates (same address and port)
 * collapsed.
 */
public final class EndpointEmitter {

  private EndpointEmitter() {}

  /**
   * The assignments of every EDS cluster of {@code s} (its own, then one per subset, by subset
   * name) for {@code eps}; none when its endpoints are host names served by DNS.
   */
  public static List<ClusterLoadAssignment> assignments(Service s, List<Endpoint> eps) {
    if (io.hango.translate.internal.ir.ClusterResolver.usesDns(s)) {
      return List.of();
    }
    Diagnostics ignored = new Diagnostics();
    List<ClusterLoadAssignment> out = new java.util.ArrayList<>();
    out.add(assignment(Names.cluster(s.name(), null), eps, ignored, s.ref(), true));
    s.spec().subsets().stream().map(Subset::name).sorted().forEach(subset ->
        out.add(assignment(Names.cluster(s.name(), subset), select(s, subset, eps), ignored, s.ref(), true)));
    return List.copyOf(out);
  }

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
    TreeMap<String, TreeMap<String, Endpoint>> byLocality = new TreeMap<>();
    for (Endpoint e : eps) {
      if (ipOnly && !InetAddresses.isInetAddress(e.address())) {
        diags.warning(ref, "", "endpoint " + e.address() + ":" + e.port()
            + " is not an IP address; EDS carries IP addresses only, endpoint left out");
        continue;
      }
      byLocality.computeIfAbsent(e.region().orElse("") + "\u0000" + e.zone().orElse(""), z -> new TreeMap<>())
          .merge(e.address() + "\u0000" + String.format("%05d", e.port()), e, (a, b) -> a.weight() >= b.weight() ? a : b);
    }
    ClusterLoadAssignment.Builder cla = ClusterLoadAssignment.newBuilder().setClusterName(cluster);
    byLocality.forEach((key, endpoints) -> {
      LocalityLbEndpoints.Builder l = LocalityLbEndpoints.newBuilder();
      String region = key.substring(0, key.indexOf('\u0000'));
      String zone = key.substring(key.indexOf('\u0000') + 1);
      if (!region.isEmpty() || !zone.isEmpty()) {
        l.setLocality(Locality.newBuilder().setRegion(region).setZone(zone));
      }
      long total = 0;
      for (Endpoint e : endpoints.values()) {
        total += e.weight();
        l.addLbEndpoints(LbEndpoint.newBuilder()
            .setEndpoint(io.envoyproxy.envoy.config.endpoint.v3.Endpoint.newBuilder()
                .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(e.address()).setPortValue(e.port()))))
            .setLoadBalancingWeight(Protos.u32(Math.max(1, e.weight()))));
      }
      // Envoy caps a locality's weight sum; registry weights (100 per instance by default) stay far below it.
      l.setLoadBalancingWeight(Protos.u32((int) Math.min(Integer.MAX_VALUE, Math.max(1, total))));
      cla.addEndpoints(l);
    });
    return cla.build();
  }
}
