package io.hango.routesim.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs our own router_check suites in {@code src/test/resources/router-check}: {@code <Name>.yaml}
 * is the route configuration, {@code <Name>.golden.json} its tests. They cover what Envoy's suite
 * does not (wildcard precedence, ports, templates, header and query matcher corner cases, weighted
 * boundaries, redirect rewrites, header mutation order). Every case must pass.
 */
class OwnRouterCheckCasesTest {

  static List<String> suites() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".golden.json"))
          .map(n -> n.substring(0, n.length() - ".golden.json".length())).sorted().toList();
    }
  }

  private static Path dir() throws URISyntaxException {
    return Path.of(OwnRouterCheckCasesTest.class.getResource("/router-check").toURI());
  }

  @ParameterizedTest
  @MethodSource("suites")
  void suitePasses(String suite) throws Exception {
    RouterCheckReport report = RouterCheckRunner.of(
        RouteConfigurationReader.create().read(dir().resolve(suite + ".yaml")))
        .run(dir().resolve(suite + ".golden.json"));
    report.lines().forEach(l -> System.out.println("[" + suite + "] " + l));
    assertThat(report.results()).isNotEmpty();
    assertThat(report.results().stream().filter(r -> !r.passed()).flatMap(r -> r.lines().stream()))
        .as("failing cases of %s", suite).isEmpty();
  }
}
