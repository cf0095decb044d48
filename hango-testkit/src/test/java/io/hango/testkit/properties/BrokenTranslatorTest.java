package io.hango.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.hango.model.GatewayConfig;
import io.hango.testkit.arbitraries.TargetedRequest;
import io.hango.translate.EnvoyResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import io.hango.testkit.arbitraries.Feature;
import io.hango.testkit.arbitraries.HangoArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The routing property finds bugs: translations broken on purpose (by post-processing the
 * translator's output) must give counterexamples within a few hundred generated configs.
 */
class BrokenTranslatorTest {
  @Example
  void reversingRoutesOfEqualPriorityIsCaught() {
    assertCaught(BrokenTranslatorTest::reverseEqualPriorityRuns, 100);
  }

  @Example
  void droppingTheEscapingOfRegexMetacharactersIsCaught() {
    assertCaught(BrokenTranslatorTest::unescapePathRegexes, 100);
  }

  /** Routes without method, header or query conditions: they differ by path and host only, so they overlap a lot. */
  static Arbitrary<Tuple2<GatewayConfig, List<TargetedRequest>>> overlappingRoutes() {
    return HangoArbitraries.configs().routes(3, 8).services(1, 2).gateways(1, 1).maxListeners(1).conditions(0)
        .without(Feature.PLUGINS, Feature.REGISTRIES, Feature.GATEWAY_SETTINGS, Feature.TRAFFIC_POLICIES)
        .flatMap(c -> HangoArbitraries.requestsFor(c).list().ofSize(20).map(rs -> Tuple.of(c, rs)))
        .withoutEdgeCases();
  }

  private static void assertCaught(BiFunction<GatewayConfig, EnvoyResources, EnvoyResources> breakIt, int configs) {
    List<Tuple2<GatewayConfig, List<TargetedRequest>>> samples =
        overlappingRoutes().sampleStream().limit(configs).toList();
    int caught = 0;
    RoutingCheck.Mismatch example = null;
    for (Tuple2<GatewayConfig, List<TargetedRequest>> s : samples) {
      EnvoyResources good = TranslationPropertiesTest.translate(s.get1()).resources();
      assertThat(RoutingCheck.check(s.get1(), good, s.get2())).as("the real translation agrees").isEmpty();
      List<RoutingCheck.Mismatch> found = RoutingCheck.check(s.get1(), breakIt.apply(s.get1(), good), s.get2());
      if (!found.isEmpty()) {
        caught++;
        example = example == null ? found.get(0) : example;
      }
    }
    System.out.println("caught in " + caught + " of " + configs + " configs, e.g.\n  " + example);
    assertThat(caught).as("configs where the broken translation is caught").isPositive();
  }

  /** Broken rule: in every virtual host, each run of adjacent routes with equal priority is reversed. */
  static EnvoyResources reverseEqualPriorityRuns(GatewayConfig config, EnvoyResources r) {
    Map<String, Integer> priority = config.routes().stream()
        .collect(Collectors.toMap(io.hango.model.route.Route::name, x -> x.spec().priority()));
    return withRoutes(r, vh -> {
      List<Route> routes = new ArrayList<>(vh.getRoutesList());
      int start = 0;
      for (int i = 1; i <= routes.size(); i++) {
        if (i == routes.size() || !priority.get(routes.get(i).getName()).equals(priority.get(routes.get(start).getName()))) {
          java.util.Collections.reverse(routes.subList(start, i));
          start = i;
        }
      }
      return vh.toBuilder().clearRoutes().addAllRoutes(routes).build();
    });
  }

  /** Broken rule: path regexes lose their backslash escapes ({@code /a\.b} becomes {@code /a.b}, {@code /x\+y} becomes {@code /x+y}). */
  static EnvoyResources unescapePathRegexes(GatewayConfig config, EnvoyResources r) {
    return withRoutes(r, vh -> {
      VirtualHost.Builder b = vh.toBuilder();
      for (Route.Builder route : b.getRoutesBuilderList()) {
        if (route.getMatch().hasSafeRegex()) {
          route.getMatchBuilder().getSafeRegexBuilder().setRegex(route.getMatch().getSafeRegex().getRegex().replace("\\", ""));
        }
      }
      return b.build();
    });
  }

  private static EnvoyResources withRoutes(EnvoyResources r, java.util.function.UnaryOperator<VirtualHost> change) {
    EnvoyResources.Builder b = EnvoyResources.builder();
    r.listeners().forEach(b::addListener);
    for (RouteConfiguration rc : r.routes()) {
      RouteConfiguration.Builder rb = rc.toBuilder().clearVirtualHosts();
      rc.getVirtualHostsList().forEach(vh -> rb.addVirtualHosts(change.apply(vh)));
      b.addRoute(rb.build());
    }
    r.clusters().forEach(b::addCluster);
    r.endpoints().forEach(b::addEndpoints);
    r.secrets().forEach(b::addSecret);
    return b.build();
  }
}
