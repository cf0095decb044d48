package io.hango.testkit.properties;

import io.hango.model.GatewayConfig;
import io.hango.routesim.Decision;
import io.hango.routesim.RouteSimulator;
import io.hango.testkit.arbitraries.TargetedRequest;
import io.hango.translate.EnvoyResources;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing agreement check: for each request, the {@link RouteSimulator} over the translated
 * route configurations must choose what the {@link ModelRouter} says the model means. A plain
 * function, so that tests can run it over broken translations too.
 */
final class RoutingCheck {

  /** One disagreement. */
  record Mismatch(TargetedRequest request, ModelRouter.Outcome expected, ModelRouter.Outcome actual) {
    @Override
    public String toString() {
      return request + "\n    model:     " + expected + "\n    simulator: " + actual;
    }
  }

  private RoutingCheck() {}

  static List<Mismatch> check(GatewayConfig config, EnvoyResources resources, List<TargetedRequest> requests) {
    RouteSimulator simulator = RouteSimulator.of(resources.routes());
    List<Mismatch> out = new ArrayList<>();
    for (TargetedRequest r : requests) {
      ModelRouter.Outcome expected = ModelRouter.route(config, r.gateway(), r.listener(), r.request());
      ModelRouter.Outcome actual = outcome(simulator.route(r.request()));
      if (!expected.equals(actual)) {
        out.add(new Mismatch(r, expected, actual));
      }
    }
    return out;
  }

  static ModelRouter.Outcome outcome(Decision d) {
    return switch (d.kind()) {
      case NO_ROUTE -> ModelRouter.Outcome.NO_ROUTE;
      case FORWARD -> new ModelRouter.Outcome("FORWARD", d.routeName().orElse(null), d.cluster().orElse(null), null);
      case REDIRECT -> new ModelRouter.Outcome("REDIRECT", d.routeName().orElse(null), null, null);
      case DIRECT_RESPONSE -> new ModelRouter.Outcome("DIRECT_RESPONSE", d.routeName().orElse(null), null, d.status().getAsInt());
    };
  }
}
