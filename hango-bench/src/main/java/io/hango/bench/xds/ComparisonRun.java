package io.hango.bench.xds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One row of the xDS server comparison: one server, protocol, workload and client count.
 *
 * <ol>
 *   <li>starts the server ({@link ServerHandle}), notes its peak RSS so far (start-up and
 *       translation), then resets it;
 *   <li>opens N ADS clients, each on its own connection by default ({@link ClientChannels}), and
 *       measures the time and the server CPU until every client has received CDS, EDS, LDS and
 *       RDS (<em>initial sync</em>), then counts the connections established to the server;
 *   <li>measures the server's idle CPU over one second;
 *   <li>runs {@code --warmup-rounds} (dropped) and {@code --rounds} endpoint-only update rounds:
 *       each publishes a new version of one assignment and measures the time from the publish
 *       command until every client has received it, and the server CPU from before the publish
 *       until at least {@code --settle-ms} after the last client got it and the server is quiet
 *       again (so the clients' ACKs are included), read by a {@link CpuClock}, with the part of
 *       the JIT compiler threads apart ({@code --cpu-detail true} also logs it per thread);
 *   <li>reads the server's peak heap (since READY) and peak RSS (since the reset), stops all.
 * </ol>
 */
final class ComparisonRun {

  /** Everything measured in one run; times in ms, NaN when the phase timed out. */
  record Result(
      String workload, String server, String mode, int clients, int connections, long synced,
      double initialMillis, double initialCpuMillis, double[] roundMillis, double[] roundCpuMillis,
      double[] roundJitMillis,
      long initialBytes, double roundBytes, long peakHeap, long peakRssKb, long startupRssKb,
      double idleCpuMillisPerSecond, long errors, String loadAverage, String notes) {}

  private ComparisonRun() {}

  /** What each thread group used between two {@link CpuClock#byThreadName()} readings, 1 ms or more. */
  private static String difference(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder sb = new StringBuilder();
    after.forEach((name, ns) -> {
      long d = (ns - before.getOrDefault(name, 0L)) / 1_000_000;
      if (d > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(d);
      }
    });
    return sb.toString();
  }

  /**
   * Waits {@code minMillis}, then until the server has used less than 5 ms of CPU in the last
   * 100 ms (it has processed the clients' ACKs), 10 s at most.
   */
  private static void settle(CpuClock cpu, long minMillis) throws InterruptedException {
    Thread.sleep(minMillis);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long last = cpu.nanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(100);
      long now = cpu.nanos();
      if (now - last < TimeUnit.MILLISECONDS.toNanos(5)) {
        return;
      }
      last = now;
    }
  }

  static Result run(String workload, String server, String mode, int n, Map<String, String> opts,
      Consumer<String> progress) throws IOException, InterruptedException {
    Duration timeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout-seconds", "180")));
    Duration roundTimeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("round-timeout-seconds", "60")));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
    int warmupRounds = Integer.parseInt(opts.getOrDefault("warmup-rounds", "2"));
    long settleMillis = Long.parseLong(opts.getOrDefault("settle-ms", "1000"));
    boolean cpuDetail = Boolean.parseBoolean(opts.getOrDefault("cpu-detail", "false"));
    int connections = Integer.parseInt(opts.getOrDefault("connections", "0"));
    int threads = Integer.parseInt(opts.getOrDefault("client-threads", "2"));
    String loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    String tag = workload + "-" + server + "-" + mode + "-" + n;

    try (ServerHandle s = ServerHandle.start(server, workload, tag, opts, timeout);
        ClientChannels channels = new ClientChannels(s.port(), connections, threads)) {
      long startupRssKb = ProcFs.peakRssKb(s.pid());
      boolean reset = ProcFs.resetPeakRss(s.pid());
      CpuClock cpu = new CpuClock(s.pid());
      ClientRun run = new ClientRun(n);
      List<AdsClient> clients = new ArrayList<>();
      try {
        long cpu0 = cpu.nanos();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          AdsClient c = AdsClient.create(mode, run, i);
          clients.add(c);
          c.start(channels.channel(i));
        }
        boolean synced = run.synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        double initialMillis = synced ? (System.nanoTime() - start) / 1e6 : Double.NaN;
        double initialCpuMillis = (cpu.nanos() - cpu0) / 1e6;
        int established = ProcFs.establishedTo(s.port());
        progress.accept(String.format("%s: %d/%d synced in %.0f ms, %d connections established to the server",
            tag, n - run.synced.getCount(), n, initialMillis, established));

        double[] roundMillis = new double[synced ? rounds : 0];
        double[] roundCpuMillis = new double[roundMillis.length];
        double[] roundJitMillis = new double[roundMillis.length];
        double idleCpu = Double.NaN;
        long roundBytes = 0;
        if (synced) {
          Thread.sleep(settleMillis);
          long idle0 = cpu.nanos();
          Thread.sleep(1000);
          idleCpu = (cpu.nanos() - idle0) / 1e6;
          // Warm-up rounds: the server's first pushes also pay for JIT compilation (its compiler
          // threads count in its CPU time); measured like the others, then dropped.
          for (int r = 1; r <= warmupRounds + rounds; r++) {
            boolean warmup = r <= warmupRounds;
            long ticksBefore = s.cpuNanos();
            long before = cpu.nanos();
            long jitBefore = cpu.compilerNanos();
            Map<String, Long> threadsBefore = cpu.byThreadName();
            Round round = new Round(r, s.target(), n);
            run.start(round);
            s.round(r);
            boolean all = round.pending.await(roundTimeout.toNanos(), TimeUnit.NANOSECONDS);
            double millis = all ? (System.nanoTime() - round.startNanos) / 1e6 : Double.NaN;
            settle(cpu, settleMillis);
            double cpuMillis = (cpu.nanos() - before) / 1e6;
            double jitMillis = (cpu.compilerNanos() - jitBefore) / 1e6;
            double ticksMillis = (s.cpuNanos() - ticksBefore) / 1e6;
            progress.accept(String.format(
                "%s: %sround %d: %d/%d clients in %.0f ms, server CPU %.1f ms, of which JIT compiler %.1f ms"
                    + " (JVM's own count: %.0f ms)%s",
                tag, warmup ? "warm-up " : "", r, n - round.pending.getCount(), n, millis, cpuMillis, jitMillis,
                ticksMillis, cpuDetail ? "; by thread (ms): " + difference(threadsBefore, cpu.byThreadName()) : ""));
            if (!warmup) {
              roundMillis[r - warmupRounds - 1] = millis;
              roundCpuMillis[r - warmupRounds - 1] = cpuMillis;
              roundJitMillis[r - warmupRounds - 1] = jitMillis;
              roundBytes += round.bytes.get();
            }
          }
        }
        long peakHeap = s.peakHeap();
        long peakRssKb = ProcFs.peakRssKb(s.pid());
        String notes = (reset ? "" : "peak RSS not reset at READY (whole life); ")
            + (connections > 0 ? "multiplexed on " + connections + " connections; " : "")
            + (run.errors.get() > 0 ? "stream errors: " + run.errorSummary() + "; " : "")
            + run.syncSpread();
        return new Result(workload, server, mode, n, established, n - run.synced.getCount(), initialMillis,
            initialCpuMillis, roundMillis, roundCpuMillis, roundJitMillis, run.initialBytes.get(),
            rounds == 0 ? 0 : (double) roundBytes / rounds, peakHeap, peakRssKb, startupRssKb, idleCpu,
            run.errors.get(), loadAverage, notes);
      } finally {
        clients.forEach(AdsClient::stop);
      }
    }
  }
}
