package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.hango.model.GatewayConfig;
import io.hango.model.service.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subset endpoint filtering, locality weights, only-used clusters, endpoint-only changes. */
class ClustersAndEndpointsTest {

  static final String CONFIG = """
      apiVersion: hango.io/v1alpha1
      kind: Gateway
      metadata: {name: g}
      spec: {listeners: [{name: l, port: 80}]}
      ---
      apiVersion: hango.io/v1alpha1
      kind: Route
      metadata: {name: r}
      spec: {gateway: g, forward: {destinations: [{service: orders, subset: v1, weight: 9}, {service: orders, subset: v2, weight: 1}]}}
      ---
      apiVersion: hango.io/v1alpha1
      kind: Service
      metadata: {name: orders}
      spec:
        discovery: {registry: nacos, serviceName: orders}
        subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2, track: canary}}]
      ---
      apiVersion: hango.io/v1alpha1
      kind: Service
      metadata: {name: unused}
      spec: {endpoints: [{address: 10.9.9.9, port: 80}]}
      """;

  static final List<Endpoint> ENDPOINTS = List.of(
      Endpoint.builder().address("10.0.0.1").port(80).putLabel("version", "v1").zone("a").build(),
      Endpoint.builder().address("10.0.0.2").port(80).putLabel("version", "v1").zone("b").weight(3).build(),
      Endpoint.builder().address("10.0.0.3").port(80).putLabel("version", "v2").build(),
      Endpoint.builder().address("10.0.0.4").port(80).putLabel("version", "v2").putLabel("track", "canary").build(),
      Endpoint.builder().address("10.0.0.5").port(80).build());

  private static Translation translate(TranslatorOptions options, Endpoints endpoints) {
    return Translator.builder().options(options).build().translate(TestConfigs.read(CONFIG), endpoints);
  }

  private static ClusterLoadAssignment cla(EnvoyResources r, String cluster) {
    return r.endpoints().stream().filter(c -> c.getClusterName().equals(cluster)).findFirst().orElseThrow();
  }

  private static List<String> addresses(ClusterLoadAssignment cla) {
    return cla.getEndpointsList().stream()
        .flatMap(l -> l.getLbEndpointsList().stream())
        .map(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress())
        .toList();
  }

  @Test
  void subsetClustersCarryOnlyEndpointsWithAllTheirLabels() {
    EnvoyResources r = translate(TranslatorOptions.defaults(), Endpoints.of(Map.of("orders", ENDPOINTS))).resources();
    assertThat(addresses(cla(r, "orders|v1"))).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(addresses(cla(r, "orders|v2"))).containsExactly("10.0.0.4");
  }

  @Test
  void everyLocalityHasALoadBalancingWeight() {
    EnvoyResources r = translate(TranslatorOptions.defaults(), Endpoints.of(Map.of("orders", ENDPOINTS))).resources();
    for (ClusterLoadAssignment cla : r.endpoints()) {
      for (LocalityLbEndpoints l : cla.getEndpointsList()) {
        assertThat(l.hasLoadBalancingWeight()).as(cla.getClusterName()).isTrue();
        assertThat(l.getLoadBalancingWeight().getValue()).isPositive();
      }
    }
    ClusterLoadAssignment v1 = cla(r, "orders|v1");
    assertThat(v1.getEndpointsList()).extracting(l -> l.getLocality().getZone()).containsExactly("a", "b");
    assertThat(v1.getEndpoints(1).getLoadBalancingWeight().getValue()).isEqualTo(3);
  }

  @Test
  void onlyUsedClustersByDefault() {
    EnvoyResources used = translate(TranslatorOptions.defaults(), Endpoints.empty()).resources();
    assertThat(used.clusters()).extracting(Cluster::getName).containsExactly("orders|v1", "orders|v2");
    assertThat(used.endpoints()).extracting(ClusterLoadAssignment::getClusterName).containsExactly("orders|v1", "orders|v2");

    EnvoyResources all = translate(TranslatorOptions.builder().emitOnlyUsedClusters(false).build(), Endpoints.empty()).resources();
    assertThat(all.clusters()).extracting(Cluster::getName).containsExactly("orders", "orders|v1", "orders|v2", "unused");
  }

  @Test
  void endpointChangesTouchOnlyClusterLoadAssignments() {
    Endpoints before = Endpoints.of(Map.of("orders", ENDPOINTS));
    Endpoints after = before.with("orders", ENDPOINTS.subList(0, 2)).with("unused", List.of(Endpoint.of("10.1.1.1", 80)));
    EnvoyResources a = translate(TranslatorOptions.defaults(), before).resources();
    EnvoyResources b = translate(TranslatorOptions.defaults(), after).resources();
    for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
      if (t == EnvoyResources.Type.ENDPOINTS) {
        assertThat(b.get(t)).isNotEqualTo(a.get(t));
      } else {
        assertThat(b.toYaml(t)).as(t.key()).isEqualTo(a.toYaml(t));
      }
    }
    assertThat(addresses(cla(b, "orders|v2"))).isEmpty();
  }

  @Test
  void byTypeUrlHasEveryTypeWithResourcesByName() {
    EnvoyResources r = translate(TranslatorOptions.defaults(), Endpoints.of(Map.of("orders", ENDPOINTS))).resources();
    assertThat(r.byTypeUrl().keySet()).containsExactly(
        "type.googleapis.com/envoy.config.listener.v3.Listener",
        "type.googleapis.com/envoy.config.route.v3.RouteConfiguration",
        "type.googleapis.com/envoy.config.cluster.v3.Cluster",
        "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
        "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret");
    assertThat(r.byTypeUrl().get(EnvoyResources.Type.CLUSTERS.typeUrl()).keySet()).containsExactly("orders|v1", "orders|v2");
    assertThat(r.byTypeUrl().get(EnvoyResources.Type.LISTENERS.typeUrl()).keySet()).containsExactly("g/l");
  }

  @Test
  void gatewayConfigStaticRegistryFeedsEndpoints() {
    GatewayConfig c = TestConfigs.read(CONFIG);
    assertThat(Endpoints.fromStaticConfig(c).services()).containsExactly("unused");
  }

  @Test
  void grpcHealthCheckOnAnHttp1ServiceIsLeftOutWithAnError() {
    String yaml = """
        apiVersion: hango.io/v1alpha1
        kind: Gateway
        metadata: {name: g}
        spec: {listeners: [{name: l, port: 80}]}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Route
        metadata: {name: r}
        spec: {gateway: g, forward: {destinations: [{service: plain}]}}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: plain}
        spec:
          endpoints: [{address: 10.0.0.1, port: 80}]
          trafficPolicy: {healthCheck: {active: {grpc: {}}}}
        """;
    Translation t = Translator.defaults().translate(TestConfigs.read(yaml), Endpoints.of(Map.of()));
    // Envoy refuses a cluster whose gRPC health check has no HTTP/2 upstream: the whole cluster would be NACKed.
    Cluster c = t.resources().clusters().stream().filter(x -> x.getName().equals("plain")).findFirst().orElseThrow();
    assertThat(c.getHealthChecksList()).isEmpty();
    assertThat(t.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "Service/plain: spec.trafficPolicy.healthCheck.active.grpc: a gRPC health check needs an HTTP/2 service (protocol grpc or http2), not http;"
            + " health check left out");
  }

  @Test
  void endpointAssignmentsAreWhatTheFullTranslationEmits() {
    GatewayConfig config = TestConfigs.read(CONFIG);
    Translator translator = Translator.builder().options(TranslatorOptions.builder().emitOnlyUsedClusters(false).build()).build();
    EnvoyResources full = translator.translate(config, Endpoints.of(Map.of("orders", ENDPOINTS))).resources();
    List<ClusterLoadAssignment> only = translator.endpointAssignments(config, "orders", ENDPOINTS);
    assertThat(only).extracting(ClusterLoadAssignment::getClusterName).containsExactly("orders", "orders|v1", "orders|v2");
    for (ClusterLoadAssignment a : only) {
      assertThat(a).isEqualTo(cla(full, a.getClusterName()));
    }
    assertThat(translator.endpointAssignments(config, "nowhere", ENDPOINTS)).isEmpty();
  }

  @Test
  void regionAndZoneMakeOneLocality() {
    GatewayConfig config = TestConfigs.read(CONFIG);
    List<Endpoint> eps = List.of(
        Endpoint.builder().address("10.0.0.1").port(80).region("eu").zone("a").build(),
        Endpoint.builder().address("10.0.0.2").port(80).region("us").zone("a").build(),
        Endpoint.builder().address("10.0.0.3").port(80).region("eu").zone("a").weight(300).build());
    ClusterLoadAssignment a = Translator.defaults().endpointAssignments(config, "orders", eps).get(0);
    assertThat(a.getEndpointsList()).extracting(l -> l.getLocality().getRegion() + "/" + l.getLocality().getZone())
        .containsExactly("eu/a", "us/a");
    assertThat(a.getEndpoints(0).getLoadBalancingWeight().getValue()).isEqualTo(301);
  }

  @Test
  void withEndpointsReplacesOnlyAssignmentsThatExistAndChanged() {
    GatewayConfig config = TestConfigs.read(CONFIG);
    Translator translator = Translator.defaults();
    EnvoyResources before = translator.translate(config, Endpoints.of(Map.of("orders", ENDPOINTS))).resources();
    assertThat(before.hasEndpoints("orders|v1")).isTrue();
    assertThat(before.hasEndpoints("nowhere")).isFalse();
    assertThat(before.withEndpoints(translator.endpointAssignments(config, "orders", ENDPOINTS))).isSameAs(before);

    List<Endpoint> fewer = ENDPOINTS.subList(1, ENDPOINTS.size());
    List<ClusterLoadAssignment> changed = translator.endpointAssignments(config, "orders", fewer);
    EnvoyResources after = before.withEndpoints(changed);
    EnvoyResources expected = translator.translate(config, Endpoints.of(Map.of("orders", fewer))).resources();
    assertThat(after.endpoints()).isEqualTo(expected.endpoints());
    assertThat(after.clusters()).isSameAs(before.clusters());
    assertThat(after.endpoints()).extracting(ClusterLoadAssignment::getClusterName).doesNotContain("orders");
  }
}
