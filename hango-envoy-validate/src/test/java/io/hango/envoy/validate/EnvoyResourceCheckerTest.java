package io.hango.envoy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.access_loggers.grpc.v3.CommonGrpcAccessLogConfig;
import io.envoyproxy.envoy.extensions.access_loggers.grpc.v3.HttpGrpcAccessLogConfig;
import io.envoyproxy.envoy.config.accesslog.v3.AccessLog;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvoyResourceCheckerTest {

  private static final EnvoyResourceChecker CHECKER = EnvoyResourceChecker.create();
  private static final String SECRET = "api-example-com-cert";

  @Test
  void realisticValidSetHasNoViolation() {
    assertThat(CHECKER.validateAll(List.of(EnvoyFixtures.listener()), List.of(EnvoyFixtures.routeConfiguration()),
        EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments(), List.of(EnvoyFixtures.secret(SECRET)))).isEmpty();
  }

  @Test
  void missingClustersOfRoutesWeightsAndMirrors() {
    List<Violation> violations = CHECKER.validateAll(List.of(EnvoyFixtures.listener()),
        List.of(EnvoyFixtures.routeConfiguration()), List.of(EnvoyFixtures.edsCluster("orders|v1")),
        List.of(EnvoyFixtures.loadAssignment("orders|v1")), List.of(EnvoyFixtures.secret(SECRET)));

    assertThat(violations).extracting(Violation::resourceName, Violation::path, Violation::rule).containsExactly(
        tuple("https_443", "virtual_hosts[0].routes[0].route.weighted_clusters.clusters[1].name", "ref.cluster"),
        tuple("https_443", "virtual_hosts[0].routes[0].route.request_mirror_policies[0].cluster", "ref.cluster"));
  }

  @Test
  void missingRouteConfigurationAlsoFromApiListener() {
    Listener api = Listener.newBuilder().setName("api.example.com")
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(EnvoyFixtures.hcm("grpc-routes")))).build();

    List<Violation> violations = CHECKER.checkReferences(List.of(EnvoyFixtures.listener(EnvoyFixtures.hcm("nope")), api),
        List.of(EnvoyFixtures.routeConfiguration()), EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments(),
        List.of(EnvoyFixtures.secret(SECRET)));

    String hcm = "<envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager>";
    assertThat(violations).extracting(Violation::resourceName, Violation::path, Violation::rule).containsExactly(
        tuple("https_443", "filter_chains[0].filters[0].typed_config" + hcm + ".rds.route_config_name", "ref.route_config"),
        tuple("api.example.com", "api_listener.api_listener" + hcm + ".rds.route_config_name", "ref.route_config"));
  }

  @Test
  void missingSdsSecret() {
    List<Violation> violations = CHECKER.checkReferences(List.of(EnvoyFixtures.listener()),
        List.of(EnvoyFixtures.routeConfiguration()), EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments(), List.of());

    assertThat(violations).extracting(Violation::path, Violation::rule).containsExactly(tuple(
        "filter_chains[0].transport_socket.typed_config<envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext>"
            + ".common_tls_context.tls_certificate_sds_secret_configs[0].name", "ref.secret"));
    assertThat(EnvoyResourceChecker.builder().staticSecrets(List.of(SECRET)).build().checkReferences(
        List.of(EnvoyFixtures.listener()), List.of(EnvoyFixtures.routeConfiguration()), EnvoyFixtures.clusters(),
        EnvoyFixtures.loadAssignments(), List.of())).isEmpty();
  }

  @Test
  void accessLogGrpcClusterMustExistUnlessStatic() {
    AccessLog grpcLog = AccessLog.newBuilder().setName("envoy.access_loggers.http_grpc")
        .setTypedConfig(Any.pack(HttpGrpcAccessLogConfig.newBuilder().setCommonConfig(CommonGrpcAccessLogConfig.newBuilder()
            .setLogName("access").setTransportApiVersion(io.envoyproxy.envoy.config.core.v3.ApiVersion.V3)
            .setGrpcService(GrpcService.newBuilder().setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName("als"))))
            .build())).build();
    Listener listener = EnvoyFixtures.listener(EnvoyFixtures.hcm("https_443").toBuilder().addAccessLog(grpcLog).build());
    List<Listener> listeners = List.of(listener);
    List<RouteConfiguration> routes = List.of(EnvoyFixtures.routeConfiguration());
    List<Secret> secrets = List.of(EnvoyFixtures.secret(SECRET));

    assertThat(CHECKER.validateAll(listeners, routes, EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments(), secrets))
        .extracting(Violation::rule, Violation::message)
        .containsExactly(tuple("ref.cluster", "cluster 'als' is not defined"));
    assertThat(EnvoyResourceChecker.builder().staticClusters(List.of("als")).build()
        .validateAll(listeners, routes, EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments(), secrets)).isEmpty();
  }

  @Test
  void duplicateNamesPerType() {
    Cluster c = EnvoyFixtures.edsCluster("orders|v1");
    List<Violation> violations = CHECKER.checkReferences(List.of(EnvoyFixtures.listener(), EnvoyFixtures.listener()),
        List.of(EnvoyFixtures.routeConfiguration()), List.of(c, c, EnvoyFixtures.edsCluster("orders|v2")),
        EnvoyFixtures.loadAssignments(), List.of(EnvoyFixtures.secret(SECRET)));

    assertThat(violations).extracting(Violation::resourceType, Violation::resourceName, Violation::rule).containsExactlyInAnyOrder(
        tuple("envoy.config.cluster.v3.Cluster", "orders|v1", "name.unique"),
        tuple("envoy.config.listener.v3.Listener", "https_443", "name.unique"));
  }

  @Test
  void edsClusterWithoutLoadAssignmentIsAWarning() {
    Cluster withServiceName = EnvoyFixtures.edsCluster("orders|v2").toBuilder()
        .setEdsClusterConfig(EnvoyFixtures.edsCluster("x").getEdsClusterConfig().toBuilder().setServiceName("orders-v2")).build();
    List<Violation> violations = CHECKER.checkReferences(List.of(), List.of(),
        List.of(EnvoyFixtures.edsCluster("orders|v1"), withServiceName), List.of(EnvoyFixtures.loadAssignment("orders|v2")),
        List.of());

    assertThat(violations).extracting(Violation::severity, Violation::resourceName, Violation::path, Violation::rule)
        .containsExactly(
            tuple(Severity.WARNING, "orders|v1", "type", "ref.cluster_load_assignment"),
            tuple(Severity.WARNING, "orders|v2", "eds_cluster_config.service_name", "ref.cluster_load_assignment"));
  }
}
