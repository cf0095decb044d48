package io.hango.routesim.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs Envoy's own router_check suite ({@code shared/conformance/envoy-router-check}, next to the
 * project root) through {@link RouterCheckRunner}.
 *
 * <p>{@code <Name>.golden.proto.json} runs against {@code <Name>.yaml}; a suite named
 * {@code <Base>Failures} has no config of its own, runs against {@code <Base>.yaml} and every one
 * of its tests must fail. The test fails when the pass rate drops below 95%, when a case not in
 * {@link #KNOWN_FAILURES} fails, or when a known failure starts passing (so the list stays honest).
 */
class EnvoyRouterCheckConformanceTest {
  private static final String DIRECTORY = "shared/conformance/envoy-router-check";

  /** {@code suite/test name} of positive cases expected to fail, with the reason. */
  private static final Map<String, String> KNOWN_FAILURES = Map.of();

  @Test
  void envoySuitesPass() throws IOException {
    Path dir = locate();
    assumeTrue(dir != null, "Envoy router_check data not found: no " + DIRECTORY
        + " in the working directory or above it (" + Path.of("").toAbsolutePath() + "); skipping");

    List<Path> testFiles;
    try (Stream<Path> files = Files.list(dir)) {
      testFiles = files.filter(p -> p.getFileName().toString().endsWith(".golden.proto.json"))
          .sorted().toList();
    }
    assertThat(testFiles).isNotEmpty();

    Map<String, String> perSuite = new LinkedHashMap<>();
    List<String> unexpected = new ArrayList<>();
    Map<String, String> stillFailing = new TreeMap<>();
    int positivePassed = 0;
    int positiveTotal = 0;
    int negativeAsExpected = 0;
    int negativeTotal = 0;
    for (Path testFile : testFiles) {
      String suite = testFile.getFileName().toString().replace(".golden.proto.json", "");
      boolean negative = suite.endsWith("Failures") && !Files.exists(dir.resolve(suite + ".yaml"));
      String configName = negative ? suite.substring(0, suite.length() - "Failures".length()) : suite;
      RouteConfiguration config = RouteConfigurationReader.create().read(dir.resolve(configName + ".yaml"));
      RouterCheckReport report = RouterCheckRunner.of(config).run(testFile);
      report.lines().forEach(l -> System.out.println("[" + suite + "] " + l));
      if (negative) {
        int failed = report.failed();
        negativeAsExpected += failed;
        negativeTotal += report.results().size();
        perSuite.put(suite, failed + "/" + report.results().size() + " failed as expected (negative suite)");
        report.results().stream().filter(CaseResult::passed)
            .forEach(r -> unexpected.add(suite + "/" + r.name() + ": negative case passed"));
        continue;
      }
      positivePassed += report.passed();
      positiveTotal += report.results().size();
      perSuite.put(suite, report.passed() + "/" + report.results().size() + " passed");
      for (CaseResult r : report.results()) {
        String id = suite + "/" + r.name();
        if (r.passed() && KNOWN_FAILURES.containsKey(id)) {
          unexpected.add(id + ": listed as a known failure but passes; remove it from KNOWN_FAILURES");
        } else if (!r.passed()) {
          if (KNOWN_FAILURES.containsKey(id)) {
            stillFailing.put(id, KNOWN_FAILURES.get(id));
          } else {
            unexpected.add(id + ": " + String.join("; ", r.failures()));
          }
        }
      }
    }

    System.out.println("Envoy router_check conformance:");
    perSuite.forEach((s, r) -> System.out.println("  " + s + ": " + r));
    System.out.println("  positive cases: " + positivePassed + "/" + positiveTotal + " passed; negative cases: "
        + negativeAsExpected + "/" + negativeTotal + " failed as expected; total "
        + (positivePassed + negativeAsExpected) + "/" + (positiveTotal + negativeTotal) + " cases conform");
    stillFailing.forEach((id, why) -> System.out.println("  known failure " + id + ": " + why));

    assertThat(unexpected).as("cases that changed outcome").isEmpty();
    assertThat(positivePassed * 100.0 / positiveTotal).as("pass rate of positive cases").isGreaterThanOrEqualTo(95.0);
    for (String id : KNOWN_FAILURES.keySet()) {
      assertThat(stillFailing).as("known failure %s must still exist and fail", id).containsKey(id);
    }
  }

  /** Walks up from the working directory to find {@value #DIRECTORY}. */
  static Path locate() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve(DIRECTORY);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
