package io.hango.bench.xds;

import io.hango.bench.Args;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The xDS load harness: Hango's xDS server against java-control-plane 1.0.49, each in its own JVM
 * ({@link ServerProcess}) on loopback, with N simulated ADS clients in this JVM, each on its own
 * TCP connection by default ({@link ClientChannels}).
 *
 * <p>{@code --mode sotw,delta}: for every workload, client count, protocol and server, one
 * {@link ComparisonRun} (initial sync, endpoint-only update rounds, server CPU, peak heap and RSS),
 * printed as a markdown row as it completes; then the median of {@code --repeat} runs per row and
 * the ratios Hango / java-control-plane ({@link Report}).
 *
 * <p>{@code --mode idle}: for every workload, client count, {@code --protocol} and server, one
 * {@link IdleRun} (server heap per connected idle stream).
 *
 * <p>Usage: {@code LoadHarness [--mode sotw,delta | idle] [--workload large,small] [--clients 1000]
 * [--server hango,jcp] [--rounds 5] [--warmup-rounds 2] [--settle-ms 1000] [--connections 0] [--client-threads 2]
 * [--timeout-seconds 180] [--round-timeout-seconds 60] [--routes 1000] [--services 1000]
 * [--server-heap 2g] [--server-jfr DIR] [--cpu-detail false] [--repeat 1] [--warmup-runs 1]} and, for idle,
 * {@code [--protocol sotw] [--batch 1000] [--idle-seconds 5]} (idle defaults: workload small,
 * server hango, clients 10000, no warm-up).
 *
 * <p>{@code --connections N} (N &gt; 0) multiplexes the clients on N connections instead;
 * {@code --server-jfr DIR} records a profile of every server JVM into {@code DIR/<run>.jfr}.
 */
public final class LoadHarness {

  private static final Set<String> OPTIONS = Set.of("mode", "workload", "clients", "server", "rounds", "settle-ms",
      "connections", "client-threads", "timeout-seconds", "round-timeout-seconds", "routes", "services",
      "server-heap", "server-jfr", "repeat", "warmup-runs", "warmup-rounds", "cpu-detail", "protocol", "batch", "idle-seconds");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private LoadHarness() {}

  public static void main(String[] args) {
    Args.runAndExit(args, OPTIONS, LoadHarness::run);
  }

  private static void run(Map<String, String> opts) throws Exception {
    boolean idle = opts.getOrDefault("mode", "sotw,delta").trim().equals("idle");
    List<String> workloads = list(opts.getOrDefault("workload", idle ? "small" : "large,small"));
    List<String> servers = list(opts.getOrDefault("server", idle ? "hango" : "hango,jcp"));
    List<Integer> clients = list(opts.getOrDefault("clients", idle ? "10000" : "1000")).stream()
        .map(Integer::parseInt).toList();
    int most = clients.stream().mapToInt(Integer::intValue).max().orElse(0);
    long files = ProcFs.maxOpenFiles();
    int connections = Integer.parseInt(opts.getOrDefault("connections", "0"));
    progress("open files limit of this JVM: " + files + " (one per client connection, plus ~100)");
    if (connections <= 0 && files >= 0 && files < most + 200L) {
      throw new IllegalArgumentException(most + " clients need " + most + " sockets, but this JVM may open only "
          + files + " files: raise `ulimit -n` or use fewer clients");
    }
    if (idle) {
      idle(opts, workloads, servers, clients, list(opts.getOrDefault("protocol", "sotw")));
    } else {
      compare(opts, workloads, servers, clients, list(opts.get("mode") == null ? "sotw,delta" : opts.get("mode")));
    }
  }

  private static void compare(Map<String, String> opts, List<String> workloads, List<String> servers,
      List<Integer> clients, List<String> modes) throws Exception {
    int repeat = Integer.parseInt(opts.getOrDefault("repeat", "1"));
    // The first run of a fresh harness JVM also measures the clients' JIT warm-up: run the first
    // combination once and throw its result away.
    int warmups = Integer.parseInt(opts.getOrDefault("warmup-runs", "1"));
    Consumer<String> progress = LoadHarness::progress;
    PrintStream out = System.out;
    for (int i = 0; i < warmups; i++) {
      ComparisonRun.Result r =
          ComparisonRun.run(workloads.get(0), servers.get(0), modes.get(0), clients.get(0), opts, progress);
      out.print("warm-up, discarded: ");
      Report.comparisonRow(out, r);
    }
    Report.comparisonHeader(out);
    Map<String, List<ComparisonRun.Result>> results = new LinkedHashMap<>();
    for (int round = 0; round < repeat; round++) {
      for (String workload : workloads) {
        for (int n : clients) {
          for (String mode : modes) {
            for (String server : servers) {
              ComparisonRun.Result r = ComparisonRun.run(workload, server, mode, n, opts, progress);
              results.computeIfAbsent(workload + n + mode + server, k -> new ArrayList<>()).add(r);
              Report.comparisonRow(out, r);
              out.flush();
            }
          }
        }
      }
    }
    List<ComparisonRun.Result> medians = results.values().stream().map(Report::median).toList();
    out.println();
    out.println("Median of " + repeat + " run(s) per row, each metric separately (update and CPU per round over "
        + "all rounds of all runs):");
    Report.comparisonHeader(out);
    medians.forEach(r -> Report.comparisonRow(out, r));
    out.println();
    out.println("Hango / java-control-plane (lower is better for Hango; ✓ meets issue 11's target):");
    Report.ratios(out, medians);
  }

  private static void idle(Map<String, String> opts, List<String> workloads, List<String> servers,
      List<Integer> clients, List<String> protocols) throws Exception {
    PrintStream out = System.out;
    List<IdleRun.Result> results = new ArrayList<>();
    for (String workload : workloads) {
      for (int n : clients) {
        for (String protocol : protocols) {
          for (String server : servers) {
            IdleRun.Result r = IdleRun.run(workload, server, protocol, n, opts, LoadHarness::progress);
            results.add(r);
            progress(String.format("idle %s %s %s %d: %.1f KB per stream", workload, server, protocol, n,
                r.heapPerStreamBytes() / 1000));
          }
        }
      }
    }
    Report.idleHeader(out);
    results.forEach(r -> Report.idleRow(out, r));
  }

  private static List<String> list(String csv) {
    return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A progress line on stderr, with the time of day. */
  static void progress(String line) {
    System.err.println(LocalTime.now().format(TIME) + " " + line);
  }
}
