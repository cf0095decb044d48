package io.hango.routesim.check;

import java.util.List;

/**
 * The outcome of one router_check test.
 *
 * @param name the test name
 * @param failures one message per failed assertion, such as
 *     {@code expected cluster_name 'www2', got 'www3'}; empty when the test passed
 */
public record CaseResult(String name, List<String> failures) {
  public CaseResult {
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  /** {@code PASS name}, or one {@code FAIL name: <failure>} line per failed assertion. */
  public List<String> lines() {
    if (passed()) {
      return List.of("PASS " + name);
    }
    return failures.stream().map(f -> "FAIL " + name + ": " + f).toList();
  }
}
