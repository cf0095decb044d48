package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.envoy.validate.EnvoyResourceChecker;
import io.hango.envoy.validate.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: {@code golden/in/<case>.yaml} translates to {@code golden/out/<case>.<type>.yaml}
 * for each non-empty resource type. Run with {@code -Dgolden.update=true} to rewrite the outputs
 * (and remove stale ones). An input may start with {@code # options: name=value, ...} to set
 * {@link TranslatorOptions}. Every output must pass the Envoy validator, cross-references included.
 * Cases not listed in {@link #EXPECTED_DIAGNOSTICS} must translate without any diagnostic.
 */
class GoldenTest {

  private static final Path ROOT = Paths.get("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final EnvoyResourceChecker CHECKER = EnvoyResourceChecker.create();

  /** The cases expected to produce diagnostics, with every diagnostic they produce, in order. */
  static final Map<String, List<String>> EXPECTED_DIAGNOSTICS = Map.of(
      "errors",
      List.of(
          "warning: Gateway/edge: spec.clientIp.xffTrustedHops: ignored: the client IP comes from header 'x-real-ip'",
          "warning: Gateway/edge: spec.listeners: host api.example.com is also served by edge/https; its proxyless-gRPC API listener uses the routes of edge/http",
          "Gateway/edge: spec.listeners[1].tls.certificate: no usable Secret 'missing-cert' (needs certificate and privateKey); listener left out",
          "Plugin/bad-limit: spec.config.rules[0].limit.per: must be one of second, minute, hour, day; plugin not applied",
          "Plugin/bad-limit: spec.config.rules[1].limit: required; plugin not applied",
          "Plugin/bad-limit: spec.config.rules[1].limt: unknown field; did you mean 'limit'? (known: headers, limit); plugin not applied",
          "Plugin/mystery: spec.type: unknown plugin type 'oauth'; known types: access-control, cors, fault, local-rate-limit; plugin not applied",
          "Route/absent-query: spec.match.queryParams[0].present: Envoy cannot match the absence of a query parameter (present: false); route left out",
          "Route/bad-subset: spec.forward.destinations: no destination could be resolved; route left out",
          "Route/bad-subset: spec.forward.destinations[0].subset: Service/orders has no subset 'v9'",
          "Route/half-bad: spec.forward.destinations[1].service: no Service named 'ghost'",
          "Route/no-gateway: spec.gateway: no Gateway named 'nowhere'; route left out",
          "warning: Route/other-host: spec.hosts: no listener of Gateway/edge serves the route's hosts; route not emitted"),
      "forward-policies",
      List.of(
          "warning: Route/defaults: spec.forward.rewrite.autoHost: no effect: the destinations' endpoints are IP addresses without host names; the Host header is left as is"),
      "listeners-and-hosts",
      List.of(
          "warning: Gateway/edge: spec.listeners: host api.example.com is also served by edge/internal; its proxyless-gRPC API listener uses the routes of edge/public"),
      "plugin-precedence",
      List.of(
          "warning: Plugin/route-abort-2: spec.targets: Plugin/route-abort of the same type targets the same Route 'b' and applies there; this one does not"));

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(ROOT.resolve("in"))) {
      inputs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(20);
    return inputs.stream().map(in -> DynamicTest.dynamicTest(caseName(in), () -> check(in)));
  }

  @Test
  void noStaleOutputs() throws IOException {
    Set<String> cases = new TreeSet<>();
    try (Stream<Path> s = Files.list(ROOT.resolve("in"))) {
      s.forEach(p -> cases.add(caseName(p)));
    }
    try (Stream<Path> s = Files.list(ROOT.resolve("out"))) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        String c = name.substring(0, name.indexOf('.'));
        if (!cases.contains(c)) {
          if (UPDATE) {
            Files.delete(p);
          } else {
            throw new AssertionError("stale golden output " + p + " (run with -Dgolden.update=true)");
          }
        }
      }
    }
    assertThat(EXPECTED_DIAGNOSTICS.keySet()).allMatch(cases::contains);
  }

  static String caseName(Path in) {
    String n = in.getFileName().toString();
    return n.substring(0, n.length() - ".yaml".length());
  }

  static TranslatorOptions options(String yaml) {
    TranslatorOptions.Builder b = TranslatorOptions.builder();
    String first = yaml.lines().findFirst().orElse("");
    if (first.startsWith("# options:")) {
      for (String kv : first.substring("# options:".length()).split(",")) {
        String[] p = kv.trim().split("=");
        boolean v = Boolean.parseBoolean(p[1]);
        switch (p[0]) {
          case "emitOnlyUsedClusters" -> b.emitOnlyUsedClusters(v);
          case "proxylessGrpc" -> b.proxylessGrpc(v);
          case "useRemoteAddress" -> b.useRemoteAddress(v);
          default -> throw new IllegalArgumentException("unknown option " + p[0]);
        }
      }
    }
    return b.build();
  }

  static Translation translate(Path in) throws IOException {
    String yaml = Files.readString(in);
    return Translator.builder().options(options(yaml)).build().translate(TestConfigs.read(yaml), Endpoints.fromStaticConfig(TestConfigs.read(yaml)));
  }

  private static void check(Path in) throws IOException {
    String name = caseName(in);
    Translation t = translate(in);
    List<String> diags = t.diagnostics().stream().map(Diagnostic::toString).toList();
    assertThat(diags).as("diagnostics of " + name).containsExactlyElementsOf(EXPECTED_DIAGNOSTICS.getOrDefault(name, List.of()));

    EnvoyResources r = t.resources();
    List<Violation> violations = CHECKER.validateAll(r.listeners(), r.routes(), r.clusters(), r.endpoints(), r.secrets());
    assertThat(violations).as("Envoy validation of " + name).isEmpty();

    List<String> mismatches = new ArrayList<>();
    for (EnvoyResources.Type type : EnvoyResources.Type.values()) {
      Path out = ROOT.resolve("out").resolve(name + "." + type.key() + ".yaml");
      String actual = r.get(type).isEmpty() ? null : r.toYaml(type);
      if (UPDATE) {
        if (actual == null) {
          Files.deleteIfExists(out);
        } else {
          Files.writeString(out, actual);
        }
        continue;
      }
      String expected = Files.exists(out) ? Files.readString(out) : null;
      if (!java.util.Objects.equals(expected, actual)) {
        mismatches.add(out.getFileName() + (expected == null ? " (missing)" : actual == null ? " (should not exist)" : " differs"));
      }
    }
    assertThat(mismatches).as("golden outputs of " + name + " (run with -Dgolden.update=true to rewrite)").isEmpty();
  }
}
