package io.hango.routesim.check;

import java.util.ArrayList;
import java.util.List;

/** The results of running a router_check suite, in test order. */
public final class RouterCheckReport {
  private final List<CaseResult> results;

  RouterCheckReport(List<CaseResult> results) {
    this.results = List.copyOf(results);
  }

  public List<CaseResult> results() {
    return results;
  }

  public int passed() {
    return (int) results.stream().filter(CaseResult::passed).count();
  }

  public int failed() {
    return results.size() - passed();
  }

  public boolean allPassed() {
    return failed() == 0;
  }

  /** {@code N passed, M failed}. */
  public String summary() {
    return passed() + " passed, " + failed() + " failed";
  }

  /** Every result line followed by the summary line. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    results.forEach(r -> lines.addAll(r.lines()));
    lines.add(summary());
    return lines;
  }

  @Override
  public String toString() {
    return String.join("\n", lines());
  }
}
