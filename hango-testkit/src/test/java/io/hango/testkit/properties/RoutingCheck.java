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
    String route = d.routeName().orElse(null);
    if (d instanceof Decision.Forward f) {
      return new ModelRouter.Outcome("FORWARD", route, f.cluster().orElse(null), null);
    }
    if (d instanceof Decision.Redirect || d instanceof Decision.TlsRedirect) {
      return new ModelRouter.Outcome("REDIRECT", route, null, null);
    }
    if (d instanceof Decision.DirectResponse r) {
      return new ModelRouter.Outcome("DIRECT_RESPONSE", route, null, r.status());
    }
    return ModelRouter.Outcome.NO_ROUTE;
  }
}
