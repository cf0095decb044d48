package io.hango.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.testkit.arbitraries.Feature;
import io.hango.testkit.arbitraries.HangoArbitraries;
import io.hango.testkit.arbitraries.TargetedRequest;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * The key property: for generated configs and requests aimed at them, the route simulator over the
 * translated route configurations picks the same route and destination as {@link ModelRouter}.
 */
class RoutingPropertiesTest {
  static final int REQUESTS_PER_CONFIG = 20;

  /** Small configs (routing is what matters here), each with requests aimed at it. */
  static Arbitrary<Tuple2<GatewayConfig, List<TargetedRequest>>> configsWithRequests() {
    return HangoArbitraries.configs().routes(1, 7).services(1, 2).gateways(1, 1).maxListeners(2)
        .without(Feature.PLUGINS, Feature.REGISTRIES, Feature.GATEWAY_SETTINGS, Feature.TRAFFIC_POLICIES)
        .flatMap(c -> HangoArbitraries.requestsFor(c).list().ofSize(REQUESTS_PER_CONFIG).map(rs -> Tuple.of(c, rs)))
        .withoutEdgeCases();
  }

  @Provide
  Arbitrary<Tuple2<GatewayConfig, List<TargetedRequest>>> routed() {
    return configsWithRequests();
  }

  @Property(tries = 1000)
  void simulatorAgreesWithTheModel(@ForAll("routed") Tuple2<GatewayConfig, List<TargetedRequest>> input) {
    GatewayConfig config = input.get1();
    List<RoutingCheck.Mismatch> mismatches = RoutingCheck.check(config,
        TranslationPropertiesTest.translate(config).resources(), input.get2());
    long routed = input.get2().stream()
        .filter(r -> !ModelRouter.route(config, r.gateway(), r.listener(), r.request()).kind().equals("NO_ROUTE")).count();
    Statistics.label("requests that match a route").collect(routed * 10 / REQUESTS_PER_CONFIG * 10 + "%");
    assertThat(mismatches).as("model vs simulator").isEmpty();
  }
}
