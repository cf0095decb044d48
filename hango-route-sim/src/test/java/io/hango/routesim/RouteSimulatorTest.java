package io.hango.routesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Struct;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.type.matcher.v3.MetadataMatcher;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.envoyproxy.envoy.type.matcher.v3.ValueMatcher;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's Java API, on configurations built with the Envoy proto builders. */
class RouteSimulatorTest {

  private static Route prefix(String name, String prefix, String cluster) {
    return Route.newBuilder().setName(name).setMatch(RouteMatch.newBuilder().setPrefix(prefix))
        .setRoute(RouteAction.newBuilder().setCluster(cluster)).build();
  }

  private static VirtualHost host(String name, String domain, Route... routes) {
    return VirtualHost.newBuilder().setName(name).addDomains(domain).addAllRoutes(List.of(routes)).build();
  }

  /** {@code d}, which must be a {@link Decision.Forward}. */
  private static Decision.Forward forward(Decision d) {
    assertThat(d).isInstanceOf(Decision.Forward.class);
    return (Decision.Forward) d;
  }

  private static RouteConfiguration config(VirtualHost... hosts) {
    return RouteConfiguration.newBuilder().setName("rc").addAllVirtualHosts(List.of(hosts)).build();
  }

  @Test
  void firstMatchingRouteWinsAndDecisionDescribesIt() {
    RouteSimulator sim = RouteSimulator.of(config(host("api", "api.example.com",
        prefix("orders", "/orders", "orders"), prefix("all", "/", "web"))));

    Decision d = sim.route(Request.get("api.example.com", "/orders/7"));

    assertThat(d).isInstanceOf(Decision.Forward.class);
    Decision.Forward f = (Decision.Forward) d;
    assertThat(f.routeConfigurationName()).isEqualTo("rc");
    assertThat(f.virtualHostName()).contains("api");
    assertThat(f.routeName()).contains("orders");
    assertThat(f.route().index()).isEqualTo(0);
    assertThat(f.cluster()).contains("orders");
    assertThat(f.timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(forward(sim.route(Request.get("api.example.com", "/ordersx"))).cluster()).contains("orders");
    assertThat(forward(sim.route(Request.get("api.example.com", "/other"))).route().index()).isEqualTo(1);
  }

  @Test
  void noVirtualHostOrNoRouteIs404() {
    RouteSimulator sim = RouteSimulator.of(config(host("api", "api.example.com",
        prefix("orders", "/orders", "orders"))));

    Decision noHost = sim.route(Request.get("other.example.com", "/orders"));
    assertThat(noHost).isInstanceOf(Decision.NoRoute.class);
    assertThat(noHost.virtualHostName()).isEmpty();
    assertThat(((Decision.NoRoute) noHost).status()).isEqualTo(404);

    Decision noRoute = sim.route(Request.get("api.example.com", "/users"));
    assertThat(noRoute).isInstanceOf(Decision.NoRoute.class);
    assertThat(noRoute.virtualHostName()).contains("api");
    assertThat(noRoute.matchedRoute()).isEmpty();
  }

  @Test
  void headerMatchersSeeRepeatedHeadersJoinedWithCommas() {
    Route r = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/")
            .addHeaders(HeaderMatcher.newBuilder().setName("X-Tags")
                .setStringMatch(StringMatcher.newBuilder().setExact("a,b"))))
        .setRoute(RouteAction.newBuilder().setCluster("joined")).build();
    RouteSimulator sim = RouteSimulator.of(config(host("h", "*", r, prefix("rest", "/", "rest"))));

    assertThat(forward(sim.route(Request.get("x", "/").header("x-tags", "a").header("X-TAGS", "b"))).cluster())
        .contains("joined");
    assertThat(forward(sim.route(Request.get("x", "/").header("x-tags", "a"))).cluster()).contains("rest");
  }

  @Test
  void weightedChoiceFollowsRandomValueModuloTotal() {
    Route r = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/"))
        .setRoute(RouteAction.newBuilder().setWeightedClusters(WeightedCluster.newBuilder()
            .addClusters(WeightedCluster.ClusterWeight.newBuilder().setName("blue").setWeight(UInt32Value.of(1)))
            .addClusters(WeightedCluster.ClusterWeight.newBuilder().setName("green").setWeight(UInt32Value.of(3))
                .addRequestHeadersToAdd(HeaderValueOption.newBuilder()
                    .setHeader(HeaderValue.newBuilder().setKey("x-color").setValue("green"))))))
        .build();
    RouteSimulator sim = RouteSimulator.of(config(host("h", "*", r)));

    assertThat(forward(sim.route(Request.get("x", "/").randomValue(0))).cluster()).contains("blue");
    assertThat(forward(sim.route(Request.get("x", "/").randomValue(1))).cluster()).contains("green");
    assertThat(forward(sim.route(Request.get("x", "/").randomValue(4))).cluster()).contains("blue");
    assertThat(forward(sim.route(Request.get("x", "/").randomValue(-1))).cluster())
        .as("random values are unsigned 64-bit").contains("green");
    assertThat(sim.route(Request.get("x", "/").randomValue(3)).requestHeaders().get("x-color")).contains("green");
  }

  @Test
  void runtimeSnapshotCanOverrideFractions() {
    Route canary = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/")
            .setRuntimeFraction(RuntimeFractionalPercent.newBuilder().setRuntimeKey("canary")
                .setDefaultValue(FractionalPercent.newBuilder().setNumerator(0))))
        .setRoute(RouteAction.newBuilder().setCluster("canary")).build();
    RouteConfiguration rc = config(host("h", "*", canary, prefix("stable", "/", "stable")));

    assertThat(forward(RouteSimulator.of(rc).route(Request.get("x", "/"))).cluster()).contains("stable");
    RouteSimulator allOn = RouteSimulator.builder().routeConfiguration(rc).runtime(new RuntimeSnapshot() {
      @Override
      public boolean featureEnabled(String key, FractionalPercent defaultValue, long randomValue) {
        return key.equals("canary");
      }
    }).build();
    assertThat(forward(allOn.route(Request.get("x", "/"))).cluster()).contains("canary");
  }

  @Test
  void redirectBuildsLocationAndCode() {
    Route r = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/old"))
        .setRedirect(RedirectAction.newBuilder().setPrefixRewrite("/new").setHostRedirect("new.example.com")
            .setResponseCode(RedirectAction.RedirectResponseCode.FOUND))
        .build();
    Decision d = RouteSimulator.of(config(host("h", "*", r))).route(Request.get("x", "/old/a?b=c").tls(true));

    assertThat(d).isInstanceOf(Decision.Redirect.class);
    Decision.Redirect redirect = (Decision.Redirect) d;
    assertThat(redirect.location()).isEqualTo("https://new.example.com/new/a?b=c");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.responseHeaders().get("location")).contains("https://new.example.com/new/a?b=c");
    assertThat(redirect.routeName()).isEmpty();
    assertThat(redirect.route().index()).isEqualTo(0);
  }

  @Test
  void requireTlsRedirectsPlainRequests() {
    VirtualHost vh = host("h", "shop.example.com", prefix("all", "/", "shop")).toBuilder()
        .setRequireTls(VirtualHost.TlsRequirementType.ALL).build();
    RouteSimulator sim = RouteSimulator.of(config(vh));

    Decision plain = sim.route(Request.get("shop.example.com", "/cart"));
    assertThat(plain).isInstanceOf(Decision.TlsRedirect.class);
    assertThat(((Decision.TlsRedirect) plain).location()).isEqualTo("https://shop.example.com/cart");
    assertThat(((Decision.TlsRedirect) plain).status()).isEqualTo(301);
    assertThat(plain.matchedRoute()).isEmpty();
    assertThat(forward(sim.route(Request.get("shop.example.com", "/cart").tls(true))).cluster()).contains("shop");
  }

  @Test
  void directResponseHasBodyAndLocalReplyHeaders() {
    Route r = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPath("/health"))
        .setDirectResponse(DirectResponseAction.newBuilder().setStatus(200)
            .setBody(DataSource.newBuilder().setInlineString("ok")))
        .build();
    Decision d = RouteSimulator.of(config(host("h", "*", r))).route(Request.get("x", "/health"));

    assertThat(d).isInstanceOf(Decision.DirectResponse.class);
    Decision.DirectResponse direct = (Decision.DirectResponse) d;
    assertThat(direct.body()).isEqualTo("ok");
    assertThat(direct.status()).isEqualTo(200);
    assertThat(direct.responseHeaders().get("content-length")).contains("2");
    assertThat(direct.responseHeaders().get("content-type")).contains("text/plain");
    assertThat(direct.responseHeaders().contains("location")).isFalse();
  }

  @Test
  void routeRetryPolicyWinsOverVirtualHostAndMissingClusterHeaderIsNoted() {
    Route withHeader = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/dyn"))
        .setRoute(RouteAction.newBuilder().setClusterHeader("x-cluster")).build();
    Route withRetry = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/"))
        .setRoute(RouteAction.newBuilder().setCluster("c")
            .setRetryPolicy(RetryPolicy.newBuilder().setRetryOn("5xx"))).build();
    VirtualHost vh = host("h", "*", withHeader, withRetry).toBuilder()
        .setRetryPolicy(RetryPolicy.newBuilder().setRetryOn("reset")).build();
    RouteSimulator sim = RouteSimulator.of(config(vh));

    assertThat(forward(sim.route(Request.get("x", "/"))).retryPolicy()).map(RetryPolicy::getRetryOn).contains("5xx");
    Decision.Forward dyn = forward(sim.route(Request.get("x", "/dyn")));
    assertThat(dyn.retryPolicy()).map(RetryPolicy::getRetryOn).contains("reset");
    assertThat(dyn.cluster()).isEmpty();
    assertThat(dyn.notes()).anyMatch(n -> n.contains("x-cluster"));
    assertThat(forward(sim.route(Request.get("x", "/dyn").header("X-Cluster", "east"))).cluster()).contains("east");
  }

  @Test
  void dynamicMetadataAndTlsContextMatch() {
    Route byMetadata = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/")
            .addDynamicMetadata(MetadataMatcher.newBuilder().setFilter("auth")
                .addPath(MetadataMatcher.PathSegment.newBuilder().setKey("tier"))
                .setValue(ValueMatcher.newBuilder().setStringMatch(StringMatcher.newBuilder().setExact("gold")))))
        .setRoute(RouteAction.newBuilder().setCluster("gold")).build();
    Route byCert = Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/")
            .setTlsContext(io.envoyproxy.envoy.config.route.v3.RouteMatch.TlsContextMatchOptions.newBuilder()
                .setPresented(BoolValue.of(true))))
        .setRoute(RouteAction.newBuilder().setCluster("mtls")).build();
    RouteSimulator sim = RouteSimulator.of(config(host("h", "*", byMetadata, byCert, prefix("rest", "/", "rest"))));

    Struct gold = Struct.newBuilder().putFields("tier", Value.newBuilder().setStringValue("gold").build()).build();
    assertThat(forward(sim.route(Request.builder().authority("x").dynamicMetadata("auth", gold).build())).cluster())
        .contains("gold");
    assertThat(forward(sim.route(Request.builder().authority("x").tls(true).peerCertificatePresented(true).build()))
        .cluster()).contains("mtls");
    assertThat(forward(sim.route(Request.builder().authority("x").peerCertificatePresented(true).build())).cluster())
        .as("no TLS connection, no certificate").contains("rest");
  }

  @Test
  void severalConfigurationsAreChosenByNameOrByAuthority() {
    RouteConfiguration a = config(host("a", "a.example.com", prefix("r", "/", "a"))).toBuilder().setName("a").build();
    RouteConfiguration b = config(host("b", "b.example.com", prefix("r", "/", "b"))).toBuilder().setName("b").build();
    RouteSimulator sim = RouteSimulator.of(List.of(a, b));

    assertThat(forward(sim.route(Request.get("b.example.com", "/"))).cluster()).contains("b");
    assertThat(sim.route(Request.get("b.example.com", "/").toBuilder().routeConfigurationName("a").build()))
        .isInstanceOf(Decision.NoRoute.class);
    assertThatThrownBy(() -> sim.route(Request.builder().routeConfigurationName("zzz").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zzz");
  }

  @Test
  void invalidConfigurationsReportEveryProblem() {
    Route badRegex = Route.newBuilder().setMatch(RouteMatch.newBuilder()
            .setSafeRegex(RegexMatcher.newBuilder().setRegex("(unclosed")))
        .setRoute(RouteAction.newBuilder().setCluster("c")).build();
    RouteConfiguration rc = config(host("one", "dup.example.com", badRegex), host("two", "DUP.example.com"),
        host("three", "*"), host("four", "*"));

    assertThatThrownBy(() -> RouteSimulator.of(rc))
        .isInstanceOfSatisfying(InvalidRouteConfigurationException.class, e -> assertThat(e.problems())
            .anyMatch(p -> p.startsWith("virtual_hosts[0].routes[0].match.safe_regex") && p.contains("RE2"))
            .anyMatch(p -> p.contains("duplicate domain 'dup.example.com'"))
            .anyMatch(p -> p.contains("single wildcard")));
  }

  @Test
  void requestIsImmutableAndCarriesPseudoHeaders() {
    Request base = Request.get("Api.Example.com", "/p?q=1");
    Request changed = base.header("X-A", "1").tls(true).internal(true).method("POST");

    assertThat(base.headers().isEmpty()).isTrue();
    assertThat(base.scheme()).isEqualTo("http");
    assertThat(changed.allHeaders().get(":scheme")).contains("https");
    assertThat(changed.allHeaders().get("x-forwarded-proto")).contains("https");
    assertThat(changed.allHeaders().get("x-envoy-internal")).contains("true");
    assertThat(changed.allHeaders().get(":method")).contains("POST");
    assertThat(changed.allHeaders().get("x-a")).contains("1");
  }

  @Test
  void headersAreCaseInsensitiveAndMultiValued() {
    Headers h = Headers.of("Set-Cookie", "a=1", "set-cookie", "b=2");
    assertThat(h.getAll("SET-COOKIE")).containsExactly("a=1", "b=2");
    assertThat(h.joined("set-cookie")).contains("a=1,b=2");
    assertThat(h.without("Set-Cookie").isEmpty()).isTrue();
    assertThatThrownBy(() -> Headers.of("odd")).isInstanceOf(IllegalArgumentException.class);
  }
}
