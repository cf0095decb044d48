package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.StringValue;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.hango.model.GatewayConfig;
import io.hango.model.HangoStyle;
import io.hango.model.io.ConfigReader;
import io.hango.model.validation.Problem;
import io.hango.translate.spi.HttpFilterOrder;
import io.hango.translate.spi.HttpFilterPlugin;
import io.hango.translate.spi.RouteContext;
import io.hango.translate.spi.TypedHttpFilterPlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import org.junit.jupiter.api.Test;

/**
 * Typed plugin configs: the model's reader binds them, so structural errors read as for the
 * model, with the full field path and file:line:col; plugins add only semantic checks; user
 * plugins get the same by declaring a type, or keep the raw JSON.
 */
class TypedPluginConfigTest {

  private static final String BASE = String.join("\n",
      "apiVersion: hango.io/v1alpha1",
      "kind: Gateway",
      "metadata: {name: g}",
      "spec: {listeners: [{name: l, port: 80, hosts: [api.example.com]}]}",
      "---",
      "apiVersion: hango.io/v1alpha1",
      "kind: Route",
      "metadata: {name: r}",
      "spec: {gateway: g, directResponse: {status: 200}}",
      "---",
      "apiVersion: hango.io/v1alpha1",
      "kind: Plugin",
      "metadata: {name: p}",
      "spec:",
      "  type: %s",
      "  targets: [{kind: Route, name: r}]",
      "  config:",
      "    %s",
      "");

  private static GatewayConfig fromFile(String type, String config) {
    return ConfigReader.readString("plugins.yaml", BASE.formatted(type, config)).config();
  }

  private static List<String> validate(String type, String config) {
    return PluginConfigValidator.create().validatePlugins(fromFile(type, config)).stream().map(Problem::toString).toList();
  }

  @Test
  void aTypoGetsTheModelsUnknownFieldMessageWithPathAndPosition() {
    assertThat(validate("local-rate-limit", "{rules: [{limt: {requests: 1, per: second}}]}")).containsExactly(
        "plugins.yaml:18:15: Plugin/p: spec.config.rules[0].limt: unknown field 'limt'; did you mean 'limit'?",
        "plugins.yaml:18:14: Plugin/p: spec.config.rules[0].limit: required field 'limit' is missing");
  }

  @Test
  void wrongTypesBadDurationsAndBadEnumsReadAsForTheModel() {
    assertThat(validate("local-rate-limit", "{rules: [{limit: {requests: many, per: fortnight}}], statusCode: \"429\"}")).containsExactly(
        "plugins.yaml:18:33: Plugin/p: spec.config.rules[0].limit.requests: expected a whole number, found 'many'",
        "plugins.yaml:18:44: Plugin/p: spec.config.rules[0].limit.per: 'fortnight' is not one of second, minute, hour, day",
        "plugins.yaml:18:70: Plugin/p: spec.config.statusCode: expected a whole number, found '429'");
    assertThat(validate("cors", "{allowOrigins: [\"*\"], maxAge: 1x, allowCredentials: 1}")).containsExactly(
        "plugins.yaml:18:35: Plugin/p: spec.config.maxAge: '1x' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s",
        "plugins.yaml:18:57: Plugin/p: spec.config.allowCredentials: expected true or false, found number 1");
    assertThat(validate("fault", "{delay: {percent: half, fixed: 5}}")).containsExactly(
        "plugins.yaml:18:23: Plugin/p: spec.config.delay.percent: expected a number, found 'half'",
        "plugins.yaml:18:36: Plugin/p: spec.config.delay.fixed: '5' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s");
    assertThat(validate("access-control", "{deny: [5, {header: {exact: a}}]}")).containsExactly(
        "plugins.yaml:18:13: Plugin/p: spec.config.deny[0]: expected a string or an object, found number 5",
        "plugins.yaml:18:25: Plugin/p: spec.config.deny[1].header.name: required field 'name' is missing");
  }

  @Test
  void semanticChecksStayThePluginsAndAreLocatedToo() {
    assertThat(validate("fault", "{abort: {percent: 101, status: 503}}")).containsExactly(
        "plugins.yaml:18:23: Plugin/p: spec.config.abort.percent: must be a percentage from 0 to 100");
    assertThat(validate("access-control", "{deny: [\"10.0.0.0/33\", {clientIp: \"::1\"}, {uri: {prefix: /admin}}]}")).containsExactly(
        "plugins.yaml:18:13: Plugin/p: spec.config.deny[0]: '10.0.0.0/33' has a prefix length outside 0–32");
  }

  @Test
  void enumsAreMatchedIgnoringCaseAsInTheModel() throws Exception {
    GatewayConfig c = fromFile("local-rate-limit", "{rules: [{limit: {requests: 3, per: Minute}}]}");
    assertThat(PluginConfigValidator.create().validatePlugins(c)).isEmpty();
    Translation t = Translator.builder().options(TranslatorOptions.builder().proxylessGrpc(false).build()).build()
        .translate(c, Endpoints.empty());
    LocalRateLimit l = t.resources().routes().get(0).getVirtualHosts(0).getRoutes(0)
        .getTypedPerFilterConfigOrThrow("envoy.filters.http.local_ratelimit").unpack(LocalRateLimit.class);
    assertThat(l.getTokenBucket().getFillInterval().getSeconds()).isEqualTo(60);
  }

  /** A user plugin's typed config. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableStampConfig.class)
  @JsonDeserialize(as = ImmutableStampConfig.class)
  public interface StampConfig {
    /** Required. */
    String stamp();

    Optional<Duration> ttl();

    Optional<Mode> mode();

    List<String> tags();
  }

  /** A user enum. */
  public enum Mode {
    @JsonProperty("append") APPEND,
    @JsonProperty("replace") REPLACE
  }

  /** A user plugin with a typed config: structure for free, one semantic rule of its own. */
  static final class StampPlugin implements TypedHttpFilterPlugin<StampConfig> {
    final List<Object> seen = new ArrayList<>();

    @Override
    public String type() {
      return "stamp";
    }

    @Override
    public String filterName() {
      return "example.filters.http.stamp";
    }

    @Override
    public int order() {
      return HttpFilterOrder.USER;
    }

    @Override
    public Class<StampConfig> configType() {
      return StampConfig.class;
    }

    @Override
    public List<Problem> check(StampConfig config, String pathPrefix) {
      return config.stamp().isBlank() ? List.of(Problem.error("", pathPrefix + ".stamp", "must not be blank")) : List.of();
    }

    @Override
    public void patchRoute(RouteContext ctx) {
      StampConfig c = config(ctx);
      seen.add(c);
      ctx.setPerFilterConfig(StringValue.of(c.stamp() + "/" + c.mode().orElse(Mode.APPEND) + "/" + c.ttl().map(Duration::toSeconds).orElse(0L)));
    }
  }

  @Test
  void aUserPluginDeclaringATypedConfigGetsTheSameChecksForFree() throws Exception {
    StampPlugin plugin = new StampPlugin();
    Translator translator = Translator.builder().options(TranslatorOptions.builder().proxylessGrpc(false).build()).plugins(plugin).build();
    PluginConfigValidator validator = translator.pluginValidator();

    assertThat(validator.validatePlugins(fromFile("stamp", "{stmp: x, ttl: soon, mode: prepend, tags: [a, {b: c}]}")))
        .extracting(Problem::toString).containsExactly(
            "plugins.yaml:18:6: Plugin/p: spec.config.stmp: unknown field 'stmp'; did you mean 'stamp'?",
            "plugins.yaml:18:20: Plugin/p: spec.config.ttl: 'soon' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s",
            "plugins.yaml:18:32: Plugin/p: spec.config.mode: 'prepend' is not one of append, replace",
            "plugins.yaml:18:51: Plugin/p: spec.config.tags[1]: expected a string, found an object",
            "plugins.yaml:18:5: Plugin/p: spec.config.stamp: required field 'stamp' is missing");
    assertThat(validator.validatePlugins(fromFile("stamp", "{stamp: \" \"}"))).extracting(Problem::toString)
        .containsExactly("plugins.yaml:18:13: Plugin/p: spec.config.stamp: must not be blank");

    Translation bad = translator.translate(fromFile("stamp", "{stamp: s, ttl: 5}"), Endpoints.empty());
    assertThat(bad.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "Plugin/p: spec.config.ttl: '5' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s; plugin not applied");

    Translation t = translator.translate(fromFile("stamp", "{stamp: s, ttl: 1m, mode: REPLACE}"), Endpoints.empty());
    assertThat(t.diagnostics()).isEmpty();
    assertThat(t.resources().routes().get(0).getVirtualHosts(0).getRoutes(0)
        .getTypedPerFilterConfigOrThrow("example.filters.http.stamp").unpack(StringValue.class).getValue()).isEqualTo("s/REPLACE/60");
    assertThat(plugin.seen).singleElement().isInstanceOf(ImmutableStampConfig.class);
  }

  /** A user plugin keeping the raw JSON: its own validate, the tree in its hooks. */
  static final class RawPlugin implements HttpFilterPlugin {
    @Override
    public String type() {
      return "raw";
    }

    @Override
    public String filterName() {
      return "example.filters.http.raw";
    }

    @Override
    public int order() {
      return HttpFilterOrder.USER;
    }

    @Override
    public List<Problem> validate(ObjectNode config, String pathPrefix) {
      return config.path("anything").isTextual() ? List.of() : List.of(Problem.error("", pathPrefix + ".anything", "a string, please"));
    }

    @Override
    public void patchRoute(RouteContext ctx) {
      assertThat(ctx.parsedConfig()).isInstanceOf(ObjectNode.class);
      ctx.setPerFilterConfig(StringValue.of(ctx.pluginConfig().get("anything").asText() + ctx.pluginConfig().path("free").asText()));
    }
  }

  @Test
  void aUserPluginWithTheRawJsonEscapeHatchStillWorks() throws Exception {
    Translator translator = Translator.builder().options(TranslatorOptions.builder().proxylessGrpc(false).build()).plugins(new RawPlugin()).build();
    assertThat(new RawPlugin().configType()).isEqualTo(ObjectNode.class);
    // no binding: any field is the plugin's business
    Translation t = translator.translate(fromFile("raw", "{anything: a, free: \"-form\"}"), Endpoints.empty());
    assertThat(t.diagnostics()).isEmpty();
    assertThat(t.resources().routes().get(0).getVirtualHosts(0).getRoutes(0)
        .getTypedPerFilterConfigOrThrow("example.filters.http.raw").unpack(StringValue.class).getValue()).isEqualTo("a-form");
    assertThat(translator.pluginValidator().validatePlugins(fromFile("raw", "{anything: 5}"))).extracting(Problem::toString)
        .containsExactly("plugins.yaml:18:16: Plugin/p: spec.config.anything: a string, please");
  }
}
