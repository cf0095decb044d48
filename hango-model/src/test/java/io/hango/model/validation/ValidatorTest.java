package io.hango.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.Listener;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.Route;
import io.hango.model.route.RouteSpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Validation of configs built in Java: no positions, every problem at once, in a stable order. */
class ValidatorTest {

  static final Gateway EDGE = Gateway.of("edge", GatewaySpec.builder()
      .addListener(Listener.builder().name("http").port(8080).addHost("api.example.com").build()).build());

  @Test
  void aValidConfigBuiltInJavaHasNoProblems() {
    GatewayConfig config = GatewayConfig.of(EDGE,
        Service.of("orders", ServiceSpec.builder().addEndpoint(Endpoint.of("10.0.0.1", 80)).build()),
        Route.of("r", RouteSpec.builder().gateway("edge").forward(Forward.to("orders")).build()));
    Validation v = config.validate();
    assertThat(v.problems()).isEmpty();
    assertThat(v.isValid()).isTrue();
  }

  @Test
  void reportsEveryProblemWithoutPositionsSortedByResourceAndPath() {
    GatewayConfig config = GatewayConfig.of(EDGE,
        Route.of("b", RouteSpec.builder().gateway("edge").addHost("shop.example.com")
            .directResponse(DirectResponse.of(700, "x")).build()),
        Route.of("a", RouteSpec.builder().gateway("edge")
            .forward(Forward.builder().addDestination(Destination.builder().service("nope").weight(-1).build()).build())
            .build()));
    Validation v = config.validate();
    assertThat(v.problems()).extracting(Problem::toString).containsExactly(
        "Route/a: spec.forward.destinations[0].service: Service 'nope' does not exist",
        "Route/a: spec.forward.destinations[0].weight: weight must be between 0 and 1000000, not -1",
        "Route/b: spec.directResponse.status: status must be between 200 and 599, not 700",
        "warning: Route/b: spec.hosts[0]: host 'shop.example.com' is not served by any listener of Gateway 'edge'");
    assertThat(v.problems()).allSatisfy(p -> assertThat(p.location()).isEmpty());
    assertThat(v.errors()).hasSize(3);
    assertThat(v.warnings()).hasSize(1);
    assertThat(v.isValid()).isFalse();
    assertThat(v.firstError()).map(Problem::path).isEqualTo(Optional.of("spec.forward.destinations[0].service"));
  }

  @Test
  void warningsAloneLeaveAConfigValid() {
    GatewayConfig config = GatewayConfig.of(EDGE,
        Service.of("empty", ServiceSpec.builder().build()));
    assertThat(config.validate().problems()).extracting(Problem::toString)
        .containsExactly("warning: Service/empty: spec.endpoints: the service has no endpoints and no discovery: requests to it fail");
    assertThat(config.validate().isValid()).isTrue();
  }

  @Test
  void problemsWithAPositionComeFirstInFileLineColumnOrder() {
    Problem a = Problem.error("Route/a", "x", "m").at(new SourceLocation("b.yaml", 1, 1));
    Problem b = Problem.error("Route/a", "x", "m").at(new SourceLocation("a.yaml", 9, 2));
    Problem c = Problem.error("Route/a", "x", "m").at(new SourceLocation("a.yaml", 9, 1));
    Problem d = Problem.error("Route/0", "x", "m");
    assertThat(Validation.of(java.util.List.of(d, a, b, c)).problems()).containsExactly(c, b, a, d);
  }
}
