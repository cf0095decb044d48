package io.hango.bench.xds;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * The xDS harness's output: markdown table rows (to paste into {@code docs/benchmarks.md}), the
 * median of repeated runs, and the ratios Hango / java-control-plane against the targets of
 * issue 11.
 */
final class Report {

  private Report() {}

  static void comparisonHeader(PrintStream out) {
    out.println("| workload | clients | mode | server | connections | initial sync (ms) | server CPU, initial sync (ms) "
        + "| update to all, p50 (ms) | update to all, max (ms) | server CPU per round, p50 (ms) "
        + "| server CPU per round, max (ms) | server CPU per round without JIT compiler, p50 (ms) "
        + "| bytes initial (MiB) | bytes per round (KiB) | server peak heap (MiB) | server peak RSS (MiB) | notes |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  }

  static void comparisonRow(PrintStream out, ComparisonRun.Result r) {
    long timedOut = DoubleStream.of(r.roundMillis()).filter(Double::isNaN).count();
    String notes = (r.synced() < r.clients() ? "only " + r.synced() + " synced; " : "")
        + (timedOut > 0 ? timedOut + " of " + r.roundMillis().length + " rounds timed out; " : "")
        + String.format("%d rounds; peak RSS at start-up %.0f MiB; idle server CPU %.0f ms/s; load %s; ",
            r.roundMillis().length, r.startupRssKb() / 1024.0, r.idleCpuMillisPerSecond(), r.loadAverage())
        + r.notes();
    out.printf("| %s | %d | %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.0f | %.0f | %s |%n",
        r.workload(), r.clients(), r.mode(), label(r.server()), r.connections(),
        r.initialMillis(), r.initialCpuMillis(),
        percentile(r.roundMillis(), 50), percentile(r.roundMillis(), 100),
        percentile(r.roundCpuMillis(), 50), percentile(r.roundCpuMillis(), 100), percentile(withoutJit(r), 50),
        r.initialBytes() / 1048576.0, r.roundBytes() / 1024.0,
        r.peakHeap() / 1048576.0, r.peakRssKb() / 1024.0, notes);
  }

  /**
   * The median of each metric over repeated runs of one combination; the rounds of all runs
   * together (their p50 and max are then over all rounds).
   */
  static ComparisonRun.Result median(List<ComparisonRun.Result> runs) {
    ComparisonRun.Result f = runs.get(0);
    return new ComparisonRun.Result(
        f.workload(), f.server(), f.mode(), f.clients(),
        (int) median(runs, ComparisonRun.Result::connections), (long) median(runs, ComparisonRun.Result::synced),
        median(runs, ComparisonRun.Result::initialMillis), median(runs, ComparisonRun.Result::initialCpuMillis),
        runs.stream().flatMapToDouble(r -> DoubleStream.of(r.roundMillis())).toArray(),
        runs.stream().flatMapToDouble(r -> DoubleStream.of(r.roundCpuMillis())).toArray(),
        runs.stream().flatMapToDouble(r -> DoubleStream.of(r.roundJitMillis())).toArray(),
        (long) median(runs, ComparisonRun.Result::initialBytes), median(runs, ComparisonRun.Result::roundBytes),
        (long) median(runs, ComparisonRun.Result::peakHeap), (long) median(runs, ComparisonRun.Result::peakRssKb),
        (long) median(runs, ComparisonRun.Result::startupRssKb),
        median(runs, ComparisonRun.Result::idleCpuMillisPerSecond),
        runs.stream().mapToLong(ComparisonRun.Result::errors).sum(),
        runs.stream().map(ComparisonRun.Result::loadAverage).collect(Collectors.joining("/")),
        runs.size() + " run(s)" + Arrays.stream(f.notes().split("; "))
            .filter(n -> n.startsWith("multiplexed")).map(n -> "; " + n).collect(Collectors.joining()));
  }

  /** Hango / java-control-plane for every combination that has both, with the targets. */
  static void ratios(PrintStream out, List<ComparisonRun.Result> results) {
    Map<String, ComparisonRun.Result[]> pairs = new LinkedHashMap<>();
    for (ComparisonRun.Result r : results) {
      ComparisonRun.Result[] pair =
          pairs.computeIfAbsent(r.workload() + " | " + r.clients() + " | " + r.mode(), k -> new ComparisonRun.Result[2]);
      pair[r.server().equals("hango") ? 0 : 1] = r;
    }
    out.println("| workload | clients | mode | initial sync (≤ 0.33) | update to all, p50 (≤ 0.33) "
        + "| update to all, max | server CPU per round, p50 (≤ 0.33) | server CPU per round, max "
        + "| server CPU per round without JIT compiler, p50 | server CPU, initial sync | peak RSS (≤ 0.5) | peak heap |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    pairs.forEach((key, p) -> {
      if (p[0] == null || p[1] == null) {
        return;
      }
      out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", key,
          ratio(p, ComparisonRun.Result::initialMillis, 1 / 3.0),
          ratio(p, r -> percentile(r.roundMillis(), 50), 1 / 3.0),
          ratio(p, r -> percentile(r.roundMillis(), 100), Double.NaN),
          ratio(p, r -> percentile(r.roundCpuMillis(), 50), 1 / 3.0),
          ratio(p, r -> percentile(r.roundCpuMillis(), 100), Double.NaN),
          ratio(p, r -> percentile(withoutJit(r), 50), Double.NaN),
          ratio(p, ComparisonRun.Result::initialCpuMillis, Double.NaN),
          ratio(p, r -> r.peakRssKb(), 0.5),
          ratio(p, r -> r.peakHeap(), Double.NaN));
    });
  }

  /** Each round's server CPU minus that of its JIT compiler threads. */
  private static double[] withoutJit(ComparisonRun.Result r) {
    double[] out = new double[r.roundCpuMillis().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.roundCpuMillis()[i] - r.roundJitMillis()[i];
    }
    return out;
  }

  private static String ratio(ComparisonRun.Result[] pair, ToDoubleFunction<ComparisonRun.Result> metric, double target) {
    double ratio = metric.applyAsDouble(pair[0]) / metric.applyAsDouble(pair[1]);
    if (Double.isNaN(ratio)) {
      return "n/a";
    }
    String mark = Double.isNaN(target) ? "" : ratio <= target ? " ✓" : " ✗";
    return String.format("%.2f%s", ratio, mark);
  }

  static void idleHeader(PrintStream out) {
    out.println("| workload | streams | mode | server | connections | open + sync (s) | server heap after GC, before (MiB) "
        + "| server heap after GC, with streams (MiB) | heap per stream (KB) | server RSS before (MiB) "
        + "| server RSS with streams (MiB) | server threads | notes |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  }

  static void idleRow(PrintStream out, IdleRun.Result r) {
    String notes = (r.synced() < r.streams() ? "only " + r.synced() + " synced; " : "") + r.notes();
    out.printf("| %s | %d | %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %d | %s |%n",
        r.workload(), r.streams(), r.mode(), label(r.server()), r.connections(), r.connectMillis() / 1000,
        r.heapBefore() / 1048576.0, r.heapAfter() / 1048576.0, r.heapPerStreamBytes() / 1000,
        r.rssBeforeKb() / 1024.0, r.rssAfterKb() / 1024.0, r.serverThreads(), notes);
  }

  /**
   * The p-th percentile (nearest rank; 100 = max) of {@code values}, where NaN (a timeout) counts
   * as longer than anything; NaN if there are none.
   */
  static double percentile(double[] values, int p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted); // NaN last
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double median(List<ComparisonRun.Result> runs, ToDoubleFunction<ComparisonRun.Result> metric) {
    double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
    return values[values.length / 2];
  }

  private static String label(String server) {
    return Objects.equals(server, "jcp") ? "java-control-plane" : server;
  }
}
