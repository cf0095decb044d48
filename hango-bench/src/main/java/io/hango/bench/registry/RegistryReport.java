package io.hango.bench.registry;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The harness's results as markdown: one summary table (parameters, load average, every figure),
 * then the raw rows: each single change, and each churn sample.
 */
final class RegistryReport {

  /**
   * Everything measured in one run.
   *
   * @param parameters the options, as a sentence
   * @param mode the proxies' protocol variant
   * @param loadAverage {@code /proc/loadavg}'s 1, 5 and 15 minute averages at the start
   * @param initialReached proxies that got every assignment right at the start
   * @param initial from opening the streams until each proxy had every assignment right
   * @param initialTraffic what the proxies received meanwhile (and during a short settle period)
   * @param idleCpuNanosPerSecond the control plane's CPU time per second while nothing changed
   * @param ready the control plane once the proxies had synced
   * @param changes the single changes
   * @param churn the churn
   * @param streamErrors failed streams before teardown, as text
   */
  record Run(String parameters, Fleet.Mode mode, String loadAverage, int initialReached, Spread initial,
      Traffic.Totals initialTraffic, double idleCpuNanosPerSecond, ServerStats ready,
      List<SingleChangeRun.Result> changes, ChurnRun.Result churn, String streamErrors) {}

  private RegistryReport() {}

  static void print(Run run, PrintStream out) {
    int proxies = run.initialTraffic().proxies();
    out.println("| metric | value |");
    out.println("|---|---|");
    row(out, "parameters", "%s", run.parameters());
    row(out, "load average at start (1 / 5 / 15 min)", "%s", run.loadAverage());
    row(out, "initial sync: streams opened → every proxy has every assignment (p50 / max over proxies)",
        "%s / %s (%d/%d proxies)", seconds(run.initial().p50()), seconds(run.initial().max()),
        run.initialReached(), proxies);
    row(out, "initial sync: bytes received, all proxies / per proxy", "%s / %s",
        mib(run.initialTraffic().bytes()), kib(run.initialTraffic().perProxy(run.initialTraffic().bytes())));
    row(out, "control plane after initial sync: heap after GC / peak heap / RSS", "%s / %s / %s",
        mib(run.ready().heapAfterGc()), mib(run.ready().peakHeap()), mib(run.ready().rssKb() * 1024));
    row(out, "control plane CPU while nothing changes (the baseline within every CPU figure below)",
        "%s per second", millis(run.idleCpuNanosPerSecond() / 1e6));
    changes(run.changes(), run.mode(), out);
    churn(run.churn(), proxies, out);
    row(out, "stream errors (before teardown)", "%s", run.streamErrors());
    out.println();
    printChanges(run.changes(), out);
    out.println();
    printSamples(run.churn(), out);
  }

  private static void changes(List<SingleChangeRun.Result> changes, Fleet.Mode mode, PrintStream out) {
    if (changes.isEmpty()) {
      return;
    }
    int proxies = changes.get(0).traffic().proxies();
    Spread p50s = Spread.of(values(changes, c -> c.lag().p50()));
    Spread maxes = Spread.of(values(changes, c -> c.lag().max()));
    long reachedAll = changes.stream().filter(c -> c.reached() == proxies).count();
    row(out, "single change → proxy: p50 over proxies, median / max over changes", "%s / %s",
        millis(p50s.p50()), millis(p50s.max()));
    row(out, "single change → **all** proxies (max over proxies), median / max over changes", "**%s** / %s (all "
        + "proxies reached in %d of %d changes)", millis(maxes.p50()), millis(maxes.max()), reachedAll,
        changes.size());
    Spread bytes = Spread.of(values(changes, c -> c.traffic().bytes()));
    row(out, "single change: bytes received, all proxies / per proxy (median over changes)", "%s / %s",
        kib(bytes.p50()), bytesText(bytes.p50() / proxies));
    Spread responses = Spread.of(values(changes, c -> c.traffic().perProxy(c.traffic().responses())));
    Spread resources = Spread.of(values(changes, c -> c.traffic().perProxy(c.traffic().endpointResources())));
    long other = changes.stream().mapToLong(c -> c.traffic().otherResponses()).sum();
    row(out, "single change: responses / EDS resources per proxy (median over changes); non-EDS responses (all)",
        "%.2f / %.1f; %d", responses.p50(), resources.p50(), other);
    Spread cpu = Spread.of(values(changes, c -> c.serverCpuNanos() / 1e6));
    row(out, "single change: control plane CPU from the change until a settle period after the last proxy got it "
        + "(median / max over changes)", "%s / %s",
        millis(cpu.p50()), millis(cpu.max()));
    if (mode == Fleet.Mode.DELTA) {
      long exact = changes.stream().mapToLong(c -> c.traffic().exactProxies()).sum();
      row(out, "delta: proxies that received exactly the changed assignment and nothing else",
          "%d of %d (proxy × change)", exact, (long) proxies * changes.size());
    }
  }

  private static void churn(ChurnRun.Result churn, int proxies, PrintStream out) {
    row(out, "churn: changes sent / seconds / rate; refused by ZooKeeper", "%d / %.1f s / %.1f per s; %d",
        churn.changes(), churn.seconds(), churn.changes() / churn.seconds(), churn.zookeeperErrors());
    Traffic.Totals t = churn.traffic();
    row(out, "churn: responses per proxy (mean / max), EDS resources per proxy, non-EDS responses (all)",
        "%.1f / %d, %.1f, %d", t.perProxy(t.responses()), t.maxResponses(), t.perProxy(t.endpointResources()),
        t.otherResponses());
    row(out, "churn: bytes received, all proxies / per proxy", "%s / %s", mib(t.bytes()), kib(t.perProxy(t.bytes())));
    row(out, "churn: control plane CPU (without the GCs of the measurements)", "%.1f s over %.1f s (%.0f %% of a core)",
        churn.serverCpuNanos() / 1e9, churn.cpuSeconds(), 100 * churn.serverCpuNanos() / 1e9 / churn.cpuSeconds());
    row(out, "churn: control plane heap after GC, start / middle / end", "%s / %s / %s",
        mib(churn.start().heapAfterGc()), mib(churn.middle().heapAfterGc()), mib(churn.end().heapAfterGc()));
    row(out, "churn: control plane RSS, start / middle / end; peak heap, peak RSS", "%s / %s / %s; %s, %s",
        mib(churn.start().rssKb() * 1024), mib(churn.middle().rssKb() * 1024), mib(churn.end().rssKb() * 1024),
        mib(churn.end().peakHeap()), mib(churn.end().peakRssKb() * 1024));
    List<Spread> samples = churn.samples();
    if (!samples.isEmpty()) {
      Spread maxes = Spread.of(samples.stream().mapToDouble(Spread::max).toArray());
      int third = Math.max(1, samples.size() / 3);
      Spread first = Spread.of(samples.subList(0, third).stream().mapToDouble(Spread::max).toArray());
      Spread lastThird = Spread.of(
          samples.subList(samples.size() - third, samples.size()).stream().mapToDouble(Spread::max).toArray());
      long complete = samples.stream().filter(s -> s.count() == proxies).count();
      row(out, "churn: sampled change → all proxies, median / max over %d samples; median of the first / last third"
          .formatted(samples.size()), "%s / %s; %s / %s (all proxies reached in %d of %d)", millis(maxes.p50()),
          millis(maxes.max()), millis(first.p50()), millis(lastThird.p50()), complete, samples.size());
    }
    row(out, "churn: last change → every proxy has the final state of every cluster (p50 / max over proxies)",
        "**%s** / **%s** (%d/%d proxies)", millis(churn.finalLag().p50()), millis(churn.finalLag().max()),
        churn.finalReached(), proxies);
  }

  private static void printChanges(List<SingleChangeRun.Result> changes, PrintStream out) {
    out.println("| change | cluster | provider | proxies reached | p50 (ms) | max (ms) | responses | EDS resources "
        + "| non-EDS responses | bytes, all proxies | exact (delta) | control plane CPU (ms) |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (SingleChangeRun.Result c : changes) {
      Traffic.Totals t = c.traffic();
      out.printf(Locale.ROOT, "| %d | %s | %s | %d | %.0f | %.0f | %d | %d | %d | %d | %d | %.0f |%n", c.number(),
          c.cluster(), c.add() ? "registered" : "deregistered", c.reached(), c.lag().p50(),
          c.lag().max(), t.responses(), t.endpointResources(), t.otherResponses(), t.bytes(), t.exactProxies(),
          c.serverCpuNanos() / 1e6);
    }
  }

  private static void printSamples(ChurnRun.Result churn, PrintStream out) {
    StringBuilder maxes = new StringBuilder();
    for (Spread s : churn.samples()) {
      maxes.append(maxes.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", s.max()));
    }
    out.println("Churn samples, one a second, in order: change → all proxies (ms): " + maxes);
  }

  private static double[] values(List<SingleChangeRun.Result> changes, ToDoubleFunction<SingleChangeRun.Result> f) {
    return changes.stream().mapToDouble(f).toArray();
  }

  private static void row(PrintStream out, String metric, String format, Object... args) {
    out.println("| " + metric + " | " + String.format(Locale.ROOT, format, args) + " |");
  }

  private static String seconds(double millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }

  private static String millis(double millis) {
    return String.format(Locale.ROOT, "%.0f ms", millis);
  }

  private static String mib(double bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
  }

  private static String kib(double bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
  }

  private static String bytesText(double bytes) {
    return bytes < 10 * 1024 ? String.format(Locale.ROOT, "%.0f B", bytes) : kib(bytes);
  }
}
