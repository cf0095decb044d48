package io.hango.envoy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken Envoy resources, one defect each, starting from the realistic valid set of
 * {@link EnvoyFixtures}: every defect is caught with its field path and rule, and nothing else is
 * reported.
 */
class BrokenResourcesTest {
  private static final EnvoyResourceChecker CHECKER = EnvoyResourceChecker.create();
  private static final String SECRET = "api-example-com-cert";
  private static final String HCM = "<envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager>";

  private static List<Violation> check(List<Listener> listeners, List<RouteConfiguration> routes, List<Cluster> clusters,
      List<ClusterLoadAssignment> endpoints) {
    return CHECKER.validateAll(listeners, routes, clusters, endpoints, List.of(EnvoyFixtures.secret(SECRET)));
  }

  private static List<Violation> withRoutes(RouteConfiguration routes) {
    return check(List.of(EnvoyFixtures.listener()), List.of(routes), EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments());
  }

  private static RouteConfiguration withFirstRoute(Route route) {
    RouteConfiguration rc = EnvoyFixtures.routeConfiguration();
    return rc.toBuilder().setVirtualHosts(0, rc.getVirtualHosts(0).toBuilder().setRoutes(0, route)).build();
  }

  @Test
  void theFixturesThemselvesAreValid() {
    assertThat(check(List.of(EnvoyFixtures.listener()), List.of(EnvoyFixtures.routeConfiguration()),
        EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments())).isEmpty();
  }

  @Test
  void virtualHostWithoutDomains() {
    RouteConfiguration rc = EnvoyFixtures.routeConfiguration();
    rc = rc.toBuilder().setVirtualHosts(0, rc.getVirtualHosts(0).toBuilder().clearDomains()).build();

    assertThat(withRoutes(rc)).extracting(Violation::resourceName, Violation::path, Violation::rule)
        .containsExactly(tuple("https_443", "virtual_hosts[0].domains", "repeated.min_items"));
  }

  @Test
  void clusterWithEmptyName() {
    List<Violation> violations = check(List.of(EnvoyFixtures.listener()), List.of(EnvoyFixtures.routeConfiguration()),
        List.of(EnvoyFixtures.edsCluster("orders|v1"), EnvoyFixtures.edsCluster("orders|v2"), EnvoyFixtures.edsCluster("")),
        EnvoyFixtures.loadAssignments());

    assertThat(violations).extracting(Violation::resourceType, Violation::path, Violation::rule, Violation::severity)
        .containsExactly(
            tuple("envoy.config.cluster.v3.Cluster", "name", "string.min_len", Severity.ERROR),
            // and, as for any EDS cluster without a ClusterLoadAssignment of its name, the warning
            tuple("envoy.config.cluster.v3.Cluster", "type", "ref.cluster_load_assignment", Severity.WARNING));
  }

  @Test
  void endpointPortAbove65535() {
    ClusterLoadAssignment cla = EnvoyFixtures.loadAssignment("orders|v2");
    cla = cla.toBuilder().setEndpoints(0, cla.getEndpoints(0).toBuilder().setLbEndpoints(0, cla.getEndpoints(0).getLbEndpoints(0).toBuilder()
        .setEndpoint(cla.getEndpoints(0).getLbEndpoints(0).getEndpoint().toBuilder().setAddress(
            cla.getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().toBuilder().setSocketAddress(
                cla.getEndpoints(0).getLbEndpoints(0).getEndpoint().getAddress().getSocketAddress().toBuilder().setPortValue(70000)))))).build();

    List<Violation> violations = check(List.of(EnvoyFixtures.listener()), List.of(EnvoyFixtures.routeConfiguration()),
        EnvoyFixtures.clusters(), List.of(EnvoyFixtures.loadAssignment("orders|v1"), cla));

    assertThat(violations).extracting(Violation::resourceName, Violation::path, Violation::rule).containsExactly(
        tuple("orders|v2", "endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value", "uint32.lte"));
  }

  @Test
  void negativeRouteTimeout() {
    Route r = EnvoyFixtures.route("/", "orders|v1");
    r = r.toBuilder().setRoute(r.getRoute().toBuilder().setTimeout(Duration.newBuilder().setSeconds(-1))).build();

    assertThat(withRoutes(withFirstRoute(r))).extracting(Violation::resourceName, Violation::path, Violation::rule)
        .containsExactly(tuple("https_443", "virtual_hosts[0].routes[0].route.timeout", "duration.envoy_positive"));
  }

  @Test
  void hcmWithoutStatPrefixInsideTheListenersAny() {
    HttpConnectionManager hcm = EnvoyFixtures.hcm("https_443").toBuilder().clearStatPrefix().build();

    List<Violation> violations = check(List.of(EnvoyFixtures.listener(hcm)), List.of(EnvoyFixtures.routeConfiguration()),
        EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments());

    assertThat(violations).extracting(Violation::resourceName, Violation::path, Violation::rule)
        .containsExactly(tuple("https_443", "filter_chains[0].filters[0].typed_config" + HCM + ".stat_prefix", "string.min_len"));
  }

  @Test
  void invalidRe2Regex() {
    Route r = EnvoyFixtures.route("/", "orders|v1");
    r = r.toBuilder().setMatch(RouteMatch.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex("/orders/(?<=x)[0-9"))).build();

    assertThat(withRoutes(withFirstRoute(r))).extracting(Violation::resourceName, Violation::path, Violation::rule)
        .containsExactly(tuple("https_443", "virtual_hosts[0].routes[0].match.safe_regex.regex", "regex.re2"));
  }

  @Test
  void danglingClusterReference() {
    assertThat(withRoutes(withFirstRoute(EnvoyFixtures.route("/", "no-such-cluster"))))
        .extracting(Violation::resourceName, Violation::path, Violation::rule, Violation::severity)
        .containsExactly(tuple("https_443", "virtual_hosts[0].routes[0].route.cluster", "ref.cluster", Severity.ERROR));
  }

  @Test
  void unknownTypeInsideAnAny() {
    HttpConnectionManager hcm = EnvoyFixtures.hcm("https_443");
    hcm = hcm.toBuilder().setHttpFilters(0, hcm.getHttpFilters(0).toBuilder()
        .setTypedConfig(Any.newBuilder().setTypeUrl("type.googleapis.com/example.NoSuchFilter"))).build();

    List<Violation> violations = check(List.of(EnvoyFixtures.listener(hcm)), List.of(EnvoyFixtures.routeConfiguration()),
        EnvoyFixtures.clusters(), EnvoyFixtures.loadAssignments());

    assertThat(violations).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("filter_chains[0].filters[0].typed_config" + HCM + ".http_filters[0].typed_config", "any.unknown_type"));
  }
}
