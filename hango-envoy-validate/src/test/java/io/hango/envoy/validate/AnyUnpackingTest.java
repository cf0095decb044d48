package io.hango.envoy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.github.xds.type.v3.TypedStruct;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import org.junit.jupiter.api.Test;

/** Violations inside messages packed in {@code Any}, and the Any itself. */
class AnyUnpackingTest {

  private static final String HCM = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
  private static final EnvoyValidator VALIDATOR = EnvoyValidator.create();

  @Test
  void badHttpConnectionManagerInsideListener() {
    Listener listener = EnvoyFixtures.listener(EnvoyFixtures.hcm("r").toBuilder().setStatPrefix("").build());

    assertThat(VALIDATOR.validate(listener))
        .extracting(Violation::resourceType, Violation::resourceName, Violation::path, Violation::rule)
        .containsExactly(tuple("envoy.config.listener.v3.Listener", "https_443",
            "filter_chains[0].filters[0].typed_config<" + HCM + ">.stat_prefix", "string.min_len"));
  }

  @Test
  void badHttpFilterConfigTwoAnysDeep() {
    HttpConnectionManager hcm = EnvoyFixtures.hcm("r").toBuilder()
        .setHttpFilters(0, EnvoyFixtures.hcm("r").getHttpFilters(0).toBuilder()
            .setTypedConfig(Any.pack(LocalRateLimit.getDefaultInstance())))
        .build();

    assertThat(VALIDATOR.validate(EnvoyFixtures.listener(hcm))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("filter_chains[0].filters[0].typed_config<" + HCM + ">.http_filters[0].typed_config"
            + "<envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit>.stat_prefix", "string.min_len"));
  }

  @Test
  void badPerFilterConfigInTypedPerFilterConfig() {
    RouteConfiguration rc = EnvoyFixtures.routeConfiguration();
    RouteConfiguration bad = rc.toBuilder().setVirtualHosts(0, rc.getVirtualHosts(0).toBuilder()
        .setRoutes(0, rc.getVirtualHosts(0).getRoutes(0).toBuilder()
            .putTypedPerFilterConfig(EnvoyFixtures.LOCAL_RATELIMIT, Any.pack(LocalRateLimit.getDefaultInstance()))))
        .build();

    assertThat(VALIDATOR.validate(rc)).isEmpty();
    assertThat(VALIDATOR.validate(bad)).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("virtual_hosts[0].routes[0].typed_per_filter_config[\"envoy.filters.http.local_ratelimit\"]"
            + "<envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit>.stat_prefix", "string.min_len"));
  }

  @Test
  void apiListenerHcmIsValidatedToo() {
    Listener listener = Listener.newBuilder().setName("api.example.com")
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(HttpConnectionManager.getDefaultInstance())))
        .build();

    assertThat(VALIDATOR.validate(listener)).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple("api_listener.api_listener<" + HCM + ">.route_specifier", "oneof.required"),
        tuple("api_listener.api_listener<" + HCM + ">.stat_prefix", "string.min_len"));
  }

  @Test
  void unknownTypeUrlIsAViolation() {
    Listener listener = listenerWithFilterConfig(Any.newBuilder()
        .setTypeUrl("type.googleapis.com/acme.filters.v1.Unheard").setValue(ByteString.copyFromUtf8("x")).build());

    assertThat(VALIDATOR.validate(listener)).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("filter_chains[0].filters[0].typed_config", "any.unknown_type"));
  }

  @Test
  void emptyTypeUrlAndMalformedBytesAreViolations() {
    assertThat(VALIDATOR.validate(listenerWithFilterConfig(Any.newBuilder().setValue(ByteString.copyFromUtf8("x")).build())))
        .extracting(Violation::rule).containsExactly("any.type_url");
    Any garbage = Any.newBuilder().setTypeUrl("type.googleapis.com/" + HCM)
        .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff})).build();
    assertThat(VALIDATOR.validate(listenerWithFilterConfig(garbage))).extracting(Violation::rule)
        .containsExactly("any.malformed");
  }

  @Test
  void typedStructIsOpaqueButMustNameItsType() {
    Struct anything = Struct.newBuilder().putFields("stat_prefix", Value.newBuilder().setStringValue("").build()).build();
    Any named = Any.pack(TypedStruct.newBuilder().setTypeUrl("type.googleapis.com/proxy.filters.http.circuitbreaker")
        .setValue(anything).build());
    Any unnamed = Any.pack(TypedStruct.newBuilder().setValue(anything).build());

    assertThat(VALIDATOR.validate(listenerWithFilterConfig(named))).isEmpty();
    assertThat(VALIDATOR.validate(listenerWithFilterConfig(unnamed))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("filter_chains[0].filters[0].typed_config<xds.type.v3.TypedStruct>.type_url",
            "typed_struct.type_url"));
  }

  @Test
  void typesOutsideTheEnvoyApiCanBeAdded() {
    // Struct stands in for a user's own filter config type: unknown by default, known once added.
    Listener listener = listenerWithFilterConfig(Any.pack(Struct.getDefaultInstance()).toBuilder()
        .setTypeUrl("type.googleapis.com/google.protobuf.Struct").build());
    EnvoyValidator withStruct = EnvoyValidator.builder().addType(Struct.getDefaultInstance()).build();

    assertThat(withStruct.validate(listener)).isEmpty();
  }

  @Test
  void re2RegexMustCompileWherever() {
    RouteConfiguration rc = RouteConfiguration.newBuilder().setName("rc").addVirtualHosts(VirtualHost.newBuilder()
        .setName("vh").addDomains("*")
        .addRoutes(EnvoyFixtures.route("/", "c").toBuilder().setMatch(RouteMatch.newBuilder()
            .setSafeRegex(RegexMatcher.newBuilder().setRegex("/orders/(?!admin)"))))   // look-ahead: java.util.regex accepts it, RE2 does not
        .addRoutes(EnvoyFixtures.route("/", "c").toBuilder().setMatch(RouteMatch.newBuilder()
            .setSafeRegex(RegexMatcher.newBuilder().setRegex("/orders/(?P<id>\\d+)")))))
        .build();

    assertThat(VALIDATOR.validate(rc)).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("virtual_hosts[0].routes[0].match.safe_regex.regex", "regex.re2"));
  }

  private static Listener listenerWithFilterConfig(Any config) {
    Listener l = EnvoyFixtures.listener();
    return l.toBuilder().setFilterChains(0, l.getFilterChains(0).toBuilder()
        .setFilters(0, l.getFilterChains(0).getFilters(0).toBuilder().setTypedConfig(config))).build();
  }
}
