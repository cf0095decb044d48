package io.hango.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCheckCommandTest {

  private static Path exampleTests() {
    return CliRun.examples().resolve("tests/route-tests.json");
  }

  @Test
  void exampleTestsAllPass() {
    CliRun run = CliRun.of("route-check", "--config", CliRun.examples().toString(), "--tests", exampleTests().toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("PASS beta orders go 90/10 to v1/v2: low random value picks v1")
        .contains("PASS legacy v1 paths move to the secure host");
    assertThat(run.out().strip()).endsWith("12 passed, 0 failed");
    assertThat(run.out().lines().filter(l -> l.startsWith("FAIL"))).isEmpty();
  }

  @Test
  void wrongExpectationFailsWithItsLineAndExitCode1(@TempDir Path dir) throws Exception {
    Path tests = dir.resolve("tests.json");
    Files.writeString(tests, """
        {"tests": [
          {"test_name": "inventory", "input": {"authority": "api.example.com", "path": "/inventory/7", "method": "GET"},
           "validate": {"cluster_name": "inventory"}},
          {"test_name": "wrong version", "input": {"authority": "api.example.com", "path": "/orders/7", "method": "GET"},
           "validate": {"cluster_name": "orders|v2"}}
        ]}
        """);

    CliRun run = CliRun.of("route-check", "--config", CliRun.examples().toString(), "--tests", tests.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly(
        "PASS inventory",
        "FAIL wrong version: expected cluster_name 'orders|v2', got 'orders|v1'",
        "1 passed, 1 failed");
  }

  @Test
  void envoyModeReadsRawRouteConfigurations(@TempDir Path dir) throws Exception {
    Path routes = dir.resolve("routes.yaml");
    Files.writeString(routes, """
        name: local
        virtual_hosts:
        - name: api
          domains: ["api.example.com"]
          routes:
          - match: {prefix: /v2/}
            route: {cluster: api-v2}
          - match: {prefix: /}
            route: {cluster: api-v1}
        """);
    Path tests = dir.resolve("tests.yaml");
    Files.writeString(tests, """
        tests:
        - test_name: v2
          input: {authority: api.example.com, path: /v2/x, method: GET}
          validate: {cluster_name: api-v2}
        - test_name: default
          input: {authority: api.example.com, path: /x, method: GET}
          validate: {cluster_name: api-v1}
        """);

    CliRun run = CliRun.of("route-check", "--envoy", "--config", routes.toString(), "--tests", tests.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out().lines()).containsExactly("PASS v2", "PASS default", "2 passed, 0 failed");
  }

  @Test
  void invalidConfigIsReportedLikeValidateAndExits1(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, """
        apiVersion: hango.io/v1alpha1
        kind: Route
        metadata: {name: r}
        spec:
          gateway: nope
          match: {path: {prefix: orders}}
          forward: {destinations: [{service: s}]}
        """);

    CliRun run = CliRun.of("route-check", "--config", config.toString(), "--tests", exampleTests().toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("Route/r: spec.gateway: Gateway 'nope' does not exist")
        .contains("spec.match.path.prefix: a path prefix must start with '/'")
        .contains("INVALID: ");
    assertThat(run.out()).doesNotContain("passed");
  }

  @Test
  void unreadableInputExits2(@TempDir Path dir) {
    CliRun run = CliRun.of("route-check", "--config", CliRun.examples().toString(), "--tests", dir.resolve("missing.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read tests");
  }
}
