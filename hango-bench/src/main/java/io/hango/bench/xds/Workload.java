package io.hango.bench.xds;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.hango.bench.ConfigGenerator;
import io.hango.model.GatewayConfig;
import io.hango.translate.Endpoints;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What both servers of the xDS load harness serve: the initial resources of a workload, and the
 * endpoint-only change of each update round.
 *
 * <ul>
 *   <li>{@code large}: the translation of the generated config ({@code --routes} routes over
 *       {@code --services} services, seed 42: with 1,000 / 1,000 about 1,200 clusters and as many
 *       assignments, 92 listeners, 3 route configurations);
 *   <li>{@code small}: {@link SmallConfig} (4 clusters with endpoints, 1 listener, 1 route
 *       configuration).
 * </ul>
 *
 * <p>Round {@code r} (from 1) changes one ClusterLoadAssignment, the {@linkplain #target() target}
 * (the first by name of an EDS cluster), whose first endpoint gets the address {@link
 * #marker(int)}; nothing else changes, so every round is a new version of that one assignment.
 */
final class Workload {

  private final String name;
  private final EnvoyResources initial;
  private final ClusterLoadAssignment target;

  private Workload(String name, EnvoyResources initial) {
    this.name = name;
    this.initial = initial;
    this.target = target(initial);
  }

  /** The workload called {@code name} ({@code large} or {@code small}). */
  static Workload of(String name, int routes, int services) {
    return switch (name) {
      case "large" -> new Workload(name, translate(ConfigGenerator.of(routes, services, 42).generate()));
      case "small" -> new Workload(name, SmallConfig.resources());
      default -> throw new IllegalArgumentException("--workload large|small, not " + name);
    };
  }

  String name() {
    return name;
  }

  EnvoyResources initial() {
    return initial;
  }

  /** The name of the assignment that every round changes. */
  String target() {
    return target.getClusterName();
  }

  /** The target assignment as round {@code round} publishes it. */
  ClusterLoadAssignment round(int round) {
    ClusterLoadAssignment.Builder b = target.toBuilder();
    if (b.getEndpointsCount() == 0 || b.getEndpoints(0).getLbEndpointsCount() == 0) {
      b.clearEndpoints().addEndpoints(LocalityLbEndpoints.newBuilder()
          .addLbEndpoints(SmallConfig.endpoint(marker(round), 8080)));
    } else {
      b.getEndpointsBuilder(0).getLbEndpointsBuilder(0).getEndpointBuilder().getAddressBuilder()
          .getSocketAddressBuilder().setAddress(marker(round));
    }
    return b.build();
  }

  /** The initial resources with the target assignment of round {@code round}. */
  EnvoyResources afterRound(int round) {
    return initial.withEndpoints(List.of(round(round)));
  }

  /** The endpoint address that round {@code round} (1-65535) gives the target: {@code 198.18.x.y}. */
  static String marker(int round) {
    if (round < 1 || round > 65_535) {
      throw new IllegalArgumentException("round out of range: " + round);
    }
    return "198.18." + (round >> 8) + "." + (round & 0xff);
  }

  /** All resources of {@code r}, of every type, for {@code Snapshot.builder().addAll}. */
  static List<Message> all(EnvoyResources r) {
    List<Message> out = new ArrayList<>();
    out.addAll(r.clusters());
    out.addAll(r.endpoints());
    out.addAll(r.listeners());
    out.addAll(r.routes());
    out.addAll(r.secrets());
    return out;
  }

  private static ClusterLoadAssignment target(EnvoyResources r) {
    Set<String> eds = new HashSet<>();
    for (Cluster c : r.clusters()) {
      if (c.getType() == Cluster.DiscoveryType.EDS) {
        String service = c.getEdsClusterConfig().getServiceName();
        eds.add(service.isEmpty() ? c.getName() : service);
      }
    }
    return r.endpoints().stream()
        .filter(a -> eds.contains(a.getClusterName()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no assignment of an EDS cluster to update"));
  }

  private static EnvoyResources translate(GatewayConfig config) {
    Translation t = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config));
    if (t.hasErrors()) {
      throw new IllegalStateException("generated config does not translate: " + t.diagnostics());
    }
    return t.resources();
  }
}
