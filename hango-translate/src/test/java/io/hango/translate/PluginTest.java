package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import io.envoyproxy.envoy.config.route.v3.FilterConfig;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.hango.model.io.HangoMappers;
import io.hango.model.validation.Problem;
import io.hango.translate.spi.HcmContext;
import io.hango.translate.spi.HttpFilterOrder;
import io.hango.translate.spi.HttpFilterPlugin;
import io.hango.translate.spi.RouteContext;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Built-in plugins: config validation with field paths, produced configs; the SPI: discovery, order, idempotence. */
class PluginTest {

  private static final String BASE = """
      apiVersion: hango.io/v1alpha1
      kind: Gateway
      metadata: {name: g}
      spec: {listeners: [{name: l, port: 80, hosts: [api.example.com]}]}
      ---
      apiVersion: hango.io/v1alpha1
      kind: Route
      metadata: {name: r}
      spec: {gateway: g, directResponse: {status: 200}}
      ---
      apiVersion: hango.io/v1alpha1
      kind: Plugin
      metadata: {name: p}
      spec: {type: %s, targets: [{kind: Route, name: r}], config: %s}
      """;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      local-rate-limit | {}                                                             | spec.config.rules: at least one rule is required
      local-rate-limit | {rules: [{limit: {requests: 0, per: second}}]}                 | spec.config.rules[0].limit.requests: must be a whole number from 1 to 2147483647
      local-rate-limit | {rules: [{limit: {requests: 5, per: week}}]}                   | spec.config.rules[0].limit.per: 'week' is not one of second, minute, hour, day
      local-rate-limit | {rules: [{limit: {requests: 5, per: second}}, {limit: {requests: 5, per: second}}]} | spec.config.rules[1]: only one rule may have no headers (the default bucket)
      local-rate-limit | {rules: [{headers: [{name: x, regex: "a("}], limit: {requests: 1, per: day}}]} | spec.config.rules[0].headers[0].regex: not an RE2 regular expression: error parsing regexp: missing closing ): `a(`
      local-rate-limit | {rules: [{headers: [{exact: a}], limit: {requests: 1, per: day}}]} | spec.config.rules[0].headers[0].name: required field 'name' is missing
      local-rate-limit | {rules: [{limit: {requests: 5, per: second}}], statusCode: 420} | spec.config.statusCode: 420 is not a status code Envoy can answer with (e.g. 429, 503)
      local-rate-limit | {rule: []}                                                     | spec.config.rule: unknown field 'rule'; did you mean 'rules'?
      cors             | {allowMethods: [GET]}                                          | spec.config.allowOrigins: at least one origin (allowOrigins or allowOriginRegex) is required
      cors             | {allowOrigins: ["*"], maxAge: 10}                              | spec.config.maxAge: '10' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s
      cors             | {allowOrigins: ["*"], maxAge: 10x}                             | spec.config.maxAge: '10x' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s
      cors             | {allowOriginRegex: ["(("]}                                     | spec.config.allowOriginRegex[0]: not an RE2 regular expression: error parsing regexp: missing closing ): `((`
      access-control   | {}                                                             | spec.config: needs one of deny (black list), allow (white list)
      access-control   | {deny: ["10.0.0.0/33"]}                                        | spec.config.deny[0]: '10.0.0.0/33' has a prefix length outside 0–32
      access-control   | {allow: ["not-an-ip"]}                                         | spec.config.allow[0]: 'not-an-ip' is not an IP address or CIDR range
      access-control   | {deny: [{uri: {present: true}}]}                               | spec.config.deny[0].uri.present: not allowed here
      access-control   | {deny: [{userAgent: {exact: a, prefix: b}}]}                   | spec.config.deny[0].userAgent: needs exactly one of exact, prefix, suffix, contains, regex, present; found 2
      access-control   | {deny: [{cookie: {exact: a}}]}                                 | spec.config.deny[0].cookie: unknown field 'cookie'
      fault            | {}                                                             | spec.config: needs abort, delay or both
      fault            | {abort: {percent: 101, status: 503}}                           | spec.config.abort.percent: must be a percentage from 0 to 100
      fault            | {abort: {percent: 1}}                                          | spec.config.abort: needs one of status, grpcStatus
      fault            | {delay: {percent: 1, fixed: 0s}}                               | spec.config.delay.fixed: must be longer than 0s
      fault            | {abort: {percent: 1, status: 700}}                             | spec.config.abort.status: must be a whole number from 200 to 599
      unknown          | {}                                                             | spec.type: unknown plugin type 'unknown'; known types: access-control, cors, fault, local-rate-limit
      """)
  void invalidConfigsAreReportedWithPaths(String type, String config, String expected) {
    List<Problem> problems = PluginConfigValidator.create().validatePlugins(TestConfigs.read(BASE.formatted(type, config)));
    assertThat(problems).extracting(Problem::toString).contains("Plugin/p: " + expected);
    assertThat(problems).allMatch(p -> p.resource().equals("Plugin/p"));
    Translation t = Translator.defaults().translate(TestConfigs.read(BASE.formatted(type, config)), Endpoints.empty());
    assertThat(t.diagnostics()).extracting(Diagnostic::toString).contains("Plugin/p: " + expected + "; plugin not applied");
  }

  @Test
  void validConfigsHaveNoProblems() {
    for (String[] c : new String[][] {
        {"local-rate-limit", "{rules: [{limit: {requests: 1, per: hour}}, {headers: [{name: x, present: false}], limit: {requests: 2, per: day}}]}"},
        {"cors", "{allowOrigins: [\"https://a\"], allowCredentials: false, maxAge: 1m}"},
        {"access-control", "{allow: [\"::1\", {header: {name: x, suffix: y, invert: true}}]}"},
        {"fault", "{abort: {percent: 0.01, grpcStatus: 14}, delay: {percent: 100, fixed: 10ms}}"}}) {
      assertThat(PluginConfigValidator.create().validatePlugins(TestConfigs.read(BASE.formatted(c[0], c[1])))).as(c[0]).isEmpty();
    }
  }

  private static io.envoyproxy.envoy.config.route.v3.Route route(Translation t) {
    return t.resources().routes().get(0).getVirtualHosts(0).getRoutes(0);
  }

  @Test
  void localRateLimitPerRouteConfig() throws Exception {
    Translation t = Translator.builder().options(TranslatorOptions.builder().proxylessGrpc(false).build()).build().translate(
        TestConfigs.read(BASE.formatted("local-rate-limit",
            "{rules: [{limit: {requests: 60, per: minute}}, {headers: [{name: x-user, exact: bob}], limit: {requests: 5, per: second}}]}")),
        Endpoints.empty());
    assertThat(t.diagnostics()).isEmpty();
    LocalRateLimit l = route(t).getTypedPerFilterConfigOrThrow("envoy.filters.http.local_ratelimit").unpack(LocalRateLimit.class);
    assertThat(l.getTokenBucket().getMaxTokens()).isEqualTo(60);
    assertThat(l.getTokenBucket().getFillInterval().getSeconds()).isEqualTo(60);
    assertThat(l.getDescriptors(0).getEntries(0).getKey()).isEqualTo("hango_rule_0");
    assertThat(l.getDescriptors(0).getTokenBucket().getMaxTokens()).isEqualTo(5);
    assertThat(l.getRateLimits(0).getActions(0).getHeaderValueMatch().getHeaders(0).getName()).isEqualTo("x-user");
    assertThat(l.getAlwaysConsumeDefaultTokenBucket().getValue()).isFalse();
  }

  @Test
  void perRouteConfigOfFiltersGrpcCannotRunIsOptionalWhenProxylessIsOn() throws Exception {
    Translation t = Translator.defaults().translate(
        TestConfigs.read(BASE.formatted("local-rate-limit", "{rules: [{limit: {requests: 1, per: second}}]}")), Endpoints.empty());
    Any any = route(t).getTypedPerFilterConfigOrThrow("envoy.filters.http.local_ratelimit");
    FilterConfig fc = any.unpack(FilterConfig.class);
    assertThat(fc.getIsOptional()).isTrue();
    assertThat(fc.getConfig().is(LocalRateLimit.class)).isTrue();
    // and the API listener for api.example.com has only the router
    HttpConnectionManager api = t.resources().listeners().stream().filter(l -> l.getName().equals("api.example.com")).findFirst()
        .orElseThrow().getApiListener().getApiListener().unpack(HttpConnectionManager.class);
    assertThat(api.getHttpFiltersList()).extracting(HttpFilter::getName).containsExactly("envoy.filters.http.router");
  }

  @Test
  void faultRunsOnApiListenersAccessControlDoesNot() throws Exception {
    Translation t = Translator.defaults().translate(
        TestConfigs.read(BASE.formatted("access-control", "{allow: [\"10.0.0.0/8\"]}")), Endpoints.empty());
    // grpc-java implements RBAC for servers only and NACKs a client Listener listing it: optional per route, absent from API listeners
    FilterConfig wrapped = route(t).getTypedPerFilterConfigOrThrow("envoy.filters.http.rbac").unpack(FilterConfig.class);
    assertThat(wrapped.getIsOptional()).isTrue();
    RBACPerRoute rbac = wrapped.getConfig().unpack(RBACPerRoute.class);
    assertThat(rbac.getRbac().getRules().getAction()).isEqualTo(io.envoyproxy.envoy.config.rbac.v3.RBAC.Action.ALLOW);
    assertThat(rbac.getRbac().getRules().getPoliciesOrThrow("p").getPrincipals(0).getRemoteIp().getPrefixLen().getValue()).isEqualTo(8);
    HttpConnectionManager api = t.resources().listeners().stream().filter(l -> l.getName().equals("api.example.com")).findFirst()
        .orElseThrow().getApiListener().getApiListener().unpack(HttpConnectionManager.class);
    assertThat(api.getHttpFiltersList()).extracting(HttpFilter::getName).containsExactly("envoy.filters.http.router");

    Translation f = Translator.defaults().translate(
        TestConfigs.read(BASE.formatted("fault", "{abort: {percent: 12.5, status: 503}}")), Endpoints.empty());
    HTTPFault fault = route(f).getTypedPerFilterConfigOrThrow("envoy.filters.http.fault").unpack(HTTPFault.class);
    assertThat(fault.getAbort().getHttpStatus()).isEqualTo(503);
    assertThat(fault.getAbort().getPercentage().getNumerator()).isEqualTo(125000);
  }

  @Test
  void builtInsAreFoundWithServiceLoaderInFilterOrder() {
    assertThat(Translator.defaults().plugins()).extracting(HttpFilterPlugin::filterName).containsExactly(
        "envoy.filters.http.cors", "envoy.filters.http.rbac", "envoy.filters.http.fault", "envoy.filters.http.local_ratelimit");
    assertThat(PluginConfigValidator.create().knownTypes()).containsExactly("access-control", "cors", "fault", "local-rate-limit");
  }

  /** A user plugin: adds its filter twice (must appear once), orders by name on ties, sets per-route config. */
  static class HeaderStampPlugin implements HttpFilterPlugin {
    private final String type;

    HeaderStampPlugin(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public String filterName() {
      return "example.filters.http." + type;
    }

    @Override
    public int order() {
      return HttpFilterOrder.USER;
    }

    @Override
    public List<Problem> validate(ObjectNode config, String pathPrefix) {
      return config.has("stamp") ? List.of() : List.of(Problem.error("", pathPrefix + ".stamp", "required"));
    }

    @Override
    public void patchHcm(HcmContext ctx) {
      ctx.addHttpFilter(filterName(), StringValue.of("hcm"));
      ctx.addHttpFilter(filterName(), StringValue.of("again"));
    }

    @Override
    public void patchRoute(RouteContext ctx) {
      ctx.setPerFilterConfig(StringValue.of(ctx.pluginConfig().get("stamp").asText()));
    }
  }

  @Test
  void userPluginsPlugInWithOrderTiesBrokenByNameAndIdempotentHcmPatches() throws Exception {
    String yaml = BASE.formatted("zeta", "{stamp: z}") + """
        ---
        apiVersion: hango.io/v1alpha1
        kind: Plugin
        metadata: {name: q}
        spec: {type: alpha, targets: [{kind: Route, name: r}], config: {stamp: a}}
        """;
    Translator t = Translator.builder().options(TranslatorOptions.builder().proxylessGrpc(false).build())
        .plugins(new HeaderStampPlugin("zeta"), new HeaderStampPlugin("alpha")).build();
    Translation tr = t.translate(TestConfigs.read(yaml), Endpoints.empty());
    assertThat(tr.diagnostics()).isEmpty();
    HttpConnectionManager hcm = tr.resources().listeners().get(0).getFilterChains(0).getFilters(0).getTypedConfig().unpack(HttpConnectionManager.class);
    assertThat(hcm.getHttpFiltersList()).extracting(HttpFilter::getName)
        .containsExactly("example.filters.http.alpha", "example.filters.http.zeta", "envoy.filters.http.router");
    assertThat(hcm.getHttpFilters(0).getTypedConfig().unpack(StringValue.class).getValue()).isEqualTo("hcm");
    assertThat(route(tr).getTypedPerFilterConfigOrThrow("example.filters.http.zeta").unpack(StringValue.class).getValue()).isEqualTo("z");
    assertThat(tr.resources().toYaml()).contains("example.filters.http.alpha");

    Translation bad = t.translate(TestConfigs.read(BASE.formatted("zeta", "{}")), Endpoints.empty());
    assertThat(bad.diagnostics()).extracting(Diagnostic::toString).containsExactly("Plugin/p: spec.config.stamp: required; plugin not applied");
  }

  @Test
  void twoPluginsForOneTypeAreRejected() {
    assertThatThrownBy(() -> Translator.builder().plugins(new HeaderStampPlugin("x"), new HeaderStampPlugin("x")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two plugins for type 'x'");
  }

  @Test
  void throwingPluginsBecomeDiagnostics() {
    HttpFilterPlugin boom = new HeaderStampPlugin("boom") {
      @Override
      public void patchRoute(RouteContext ctx) {
        throw new IllegalStateException("kaput");
      }
    };
    Translation t = Translator.builder().plugins(boom).build().translate(TestConfigs.read(BASE.formatted("boom", "{stamp: s}")), Endpoints.empty());
    assertThat(t.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining()))
        .contains("Plugin/p: plugin 'boom' failed: java.lang.IllegalStateException: kaput");
  }

  @Test
  void configIsReadFromJacksonTrees() {
    ObjectNode cfg = (ObjectNode) HangoMappers.json().createObjectNode().put("stamp", "x");
    assertThat(new HeaderStampPlugin("t").validate(cfg, "spec.config")).isEmpty();
  }
}
