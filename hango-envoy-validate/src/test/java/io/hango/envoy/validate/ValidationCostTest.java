package io.hango.envoy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import org.junit.jupiter.api.Test;

/** A measure, not a benchmark: prints what validating a 1,000-route configuration costs. No timing assertion. */
class ValidationCostTest {

  @Test
  void thousandRoutes() {
    RouteConfiguration.Builder rc = RouteConfiguration.newBuilder().setName("big");
    for (int h = 0; h < 10; h++) {
      VirtualHost.Builder vh = VirtualHost.newBuilder().setName("host-" + h).addDomains("host-" + h + ".example.com");
      for (int r = 0; r < 100; r++) {
        Route base = EnvoyFixtures.route("/svc-" + r + "/", "svc-" + r);
        RouteMatch match = r % 3 == 0
            ? RouteMatch.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex("^/svc-" + r + "/[0-9]+$")).build()
            : base.getMatch();
        vh.addRoutes(base.toBuilder().setMatch(match.toBuilder()
                .addHeaders(HeaderMatcher.newBuilder().setName("x-version")
                    .setStringMatch(StringMatcher.newBuilder().setExact("v" + r))))
            .addRequestHeadersToAdd(HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey("x-route").setValue("r" + r))));
      }
      rc.addVirtualHosts(vh);
    }
    RouteConfiguration config = rc.build();
    EnvoyValidator validator = EnvoyValidator.create();

    long coldStart = System.nanoTime();
    assertThat(validator.validate(config)).isEmpty();
    long cold = System.nanoTime() - coldStart;
    int runs = 20;
    long warmStart = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      validator.validate(config);
    }
    long warm = (System.nanoTime() - warmStart) / runs;
    System.out.printf("validate(RouteConfiguration with 1,000 routes, %d bytes): first call %.1f ms, then %.1f ms per call%n",
        config.getSerializedSize(), cold / 1e6, warm / 1e6);
  }
}
