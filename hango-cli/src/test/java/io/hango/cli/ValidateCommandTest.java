package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  @Test
  void validConfigPrintsOneSummaryLine() {
    CliRun run = CliRun.of("validate", CliRun.examples().toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches("OK: \\d+ resources \\(1 Gateway, \\d+ Route, \\d+ Service, \\d+ Plugin, 1 Registry, \\d+ Secret\\)\\R");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void invalidConfigPrintsOneLinePerErrorWithPositionAndPath() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "apiVersion: hango.io/v1alpha1",
            "kind: Route",
            "metadata: {name: r1}",
            "spec:",
            "  gateway: nowhere",
            "  match: {path: {regex: \"([a-z\"}}",
            "  directResponse: {status: 700}",
            ""));

    CliRun run = CliRun.of("validate", f.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(f + ":5:12: Route/r1: spec.gateway: ")
        .contains(f + ":6:25: Route/r1: spec.match.path.regex: ")
        .contains(f + ":7:28: Route/r1: spec.directResponse.status: ")
        .contains("INVALID: 3 errors");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void pluginConfigErrorsAreReportedWithTheirPosition() throws Exception {
    Path f = dir.resolve("plugin.yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "apiVersion: hango.io/v1alpha1",
            "kind: Gateway",
            "metadata: {name: edge}",
            "spec: {listeners: [{name: http, port: 8080}]}",
            "---",
            "apiVersion: hango.io/v1alpha1",
            "kind: Plugin",
            "metadata: {name: limit}",
            "spec:",
            "  type: local-rate-limit",
            "  targets: [{kind: Gateway, name: edge}]",
            "  config: {rules: [{limit: {requests: 10, per: fortnight}}]}",
            ""));

    CliRun run = CliRun.of("validate", f.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(f + ":12:").contains("Plugin/limit: spec.config.rules[0].limit.per");
  }

  @Test
  void syntaxErrorExitsTwoWithFileAndLine() throws Exception {
    Path f = dir.resolve("broken.yaml");
    Files.writeString(f, "kind: Gateway\nmetadata: {name: edge\nspec: {}\n");

    CliRun run = CliRun.of("validate", f.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(f + ":").contains("syntax error").contains("UNREADABLE: 1 error");
  }

  @Test
  void missingFileExitsTwo() {
    CliRun run = CliRun.of("validate", dir.resolve("nope.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml");
  }

  @Test
  void jsonOutputListsProblemsForTools() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "apiVersion: hango.io/v1alpha1\nkind: Service\nmetadata: {name: s}\nspec: {protocl: http}\n");

    CliRun run = CliRun.of("validate", "--output", "json", f.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("valid").asBoolean()).isFalse();
    JsonNode p = json.get("problems").get(0);
    assertThat(p.get("severity").asText()).isEqualTo("error");
    assertThat(p.get("file").asText()).isEqualTo(f.toString());
    assertThat(p.get("line").asInt()).isEqualTo(4);
    assertThat(p.get("resource").asText()).isEqualTo("Service/s");
    assertThat(p.get("path").asText()).isEqualTo("spec.protocl");
    assertThat(p.get("message").asText()).contains("did you mean 'protocol'");
  }

  @Test
  void helpDescribesTheCommands() {
    CliRun top = CliRun.of("--help");
    CliRun validate = CliRun.of("validate", "--help");

    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("validate").contains("translate").contains("bootstrap");
    assertThat(validate.out()).contains("Exit codes").contains("--output");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"zookeeper", "eureka", "nacos", "kubernetes", "static"})
  void everyRegistryExampleIsValidWithTheBundledProviders(String type) {
    CliRun run = CliRun.of("validate", CliRun.examples().resolve("registries").resolve(type + ".yaml").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("OK: 4 resources (1 Gateway, 1 Route, 1 Service, 1 Registry)\n");
  }

  @Test
  void recursiveAlsoReadsSubdirectories(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("more"));
    Files.writeString(dir.resolve("a.yaml"), "apiVersion: hango.io/v1alpha1\nkind: Secret\nmetadata: {name: a}\nspec: {ca: {file: /ca.pem}}\n");
    Files.writeString(sub.resolve("b.yaml"), "apiVersion: hango.io/v1alpha1\nkind: Secret\nmetadata: {name: b}\nspec: {ca: {file: /ca.pem}}\n");
    assertThat(CliRun.of("validate", dir.toString()).out()).isEqualTo("OK: 1 resource (1 Secret)\n");
    assertThat(CliRun.of("validate", "-R", dir.toString()).out()).isEqualTo("OK: 2 resources (2 Secret)\n");
    assertThat(CliRun.of("translate", "--recursive", "--type", "secrets", dir.toString()).exitCode()).isZero();
  }
}
