package io.hango.bench.xds;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hango.bench.Args;
import io.hango.bench.FrozenClassPath;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The xDS load harness: for every combination of {@code --clients}, {@code --mode} and
 * {@code --server}, starts the server in a fresh JVM ({@link ServerProcess}) on loopback, opens N
 * simulated ADS clients (threads of this JVM multiplexed on {@code --channels} TCP connections,
 * each with its own node id), and measures:
 *
 * <ul>
 *   <li>the time from opening the streams until every client has ACKed CDS, EDS, LDS and RDS;
 *   <li>the time from publishing the update (one route and one endpoint set changed) until every
 *       client has ACKed the new EDS and RDS;
 *   <li>the bytes the server sent (serialized size of every response, counted by the clients);
 *   <li>the server's peak heap since it started serving (sum of its heap pools' peak usage, read
 *       by the server itself) and its peak RSS ({@code VmHWM} of {@code /proc/<pid>/status}).
 * </ul>
 *
 * <p>Every phase has a timeout; a run that times out is reported with how many clients made it.
 *
 * <p>Usage: {@code LoadHarness [--clients 100,1000] [--mode sotw,delta] [--server hango,jcp]
 * [--routes 1000] [--services 1000] [--channels 4] [--timeout-seconds 180] [--server-heap 2g]
 * [--repeat 1] [--warmup-runs 1]}
 */
public final class LoadHarness {

  private LoadHarness() {}

  record Result(
      String server, String mode, int clients, long syncedClients, double initialMillis,
      long convergedClients, double updateMillis, long initialBytes, long updateBytes,
      long peakHeap, long peakRssKb, long errors, String loadAverage, String spread) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Args.parse(args);
    List<Integer> clients = new ArrayList<>();
    for (String c : opts.getOrDefault("clients", "100,1000").split(",")) {
      clients.add(Integer.parseInt(c.trim()));
    }
    String[] modes = opts.getOrDefault("mode", "sotw,delta").split(",");
    String[] servers = opts.getOrDefault("server", "hango,jcp").split(",");
    int repeat = Integer.parseInt(opts.getOrDefault("repeat", "1"));
    // The first run of a fresh harness JVM also measures the JIT warm-up of the clients (it was
    // 2-4x slower than the same row later): run the first row once and throw its result away.
    int warmups = Integer.parseInt(opts.getOrDefault("warmup-runs", "1"));
    for (int i = 0; i < warmups; i++) {
      Result r = run(servers[0].trim(), modes[0].trim(), clients.get(0), opts);
      System.out.print("warm-up, discarded: ");
      print(System.out, List.of(r), false);
    }
    Map<String, List<Result>> results = new LinkedHashMap<>();
    for (int round = 0; round < repeat; round++) {
      for (int n : clients) {
        for (String mode : modes) {
          for (String server : servers) {
            Result r = run(server.trim(), mode.trim(), n, opts);
            results.computeIfAbsent(n + mode + server, k -> new ArrayList<>()).add(r);
            print(System.out, List.of(r), false);
          }
        }
      }
    }
    System.out.println();
    System.out.println("Median of " + repeat + " run(s) per row, each metric separately:");
    print(System.out, results.values().stream().map(LoadHarness::median).toList(), true);
    System.exit(0);
  }

  /** Each metric's median over the runs of one combination; the notes add up. */
  private static Result median(List<Result> runs) {
    Result first = runs.get(0);
    return new Result(
        first.server(), first.mode(), first.clients(),
        (long) median(runs, r -> r.syncedClients()), median(runs, Result::initialMillis),
        (long) median(runs, r -> r.convergedClients()), median(runs, Result::updateMillis),
        (long) median(runs, r -> r.initialBytes()), (long) median(runs, r -> r.updateBytes()),
        (long) median(runs, r -> r.peakHeap()), (long) median(runs, r -> r.peakRssKb()),
        runs.stream().mapToLong(Result::errors).sum(),
        runs.stream().map(Result::loadAverage).collect(Collectors.joining("/")), "");
  }

  private static double median(List<Result> runs, ToDoubleFunction<Result> metric) {
    double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
    return values[values.length / 2];
  }

  private static Result run(String server, String mode, int n, Map<String, String> opts) throws Exception {
    long timeout = Long.parseLong(opts.getOrDefault("timeout-seconds", "180"));
    int channels = Integer.parseInt(opts.getOrDefault("channels", "4"));
    Path log = Path.of("target", "xds-server-" + server + "-" + mode + "-" + n + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + opts.getOrDefault("server-heap", "2g"), "-XX:+UseG1GC",
        "-cp", FrozenClassPath.get(),
        ServerProcess.class.getName(),
        "--server", server,
        "--routes", opts.getOrDefault("routes", "1000"),
        "--services", opts.getOrDefault("services", "1000"));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
        .start();
    String loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    ExecutorService executor = Executors.newFixedThreadPool(4);
    List<ManagedChannel> open = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
      String ready = readLine(out, process, timeout, "READY");
      int port = Integer.parseInt(ready.split(" ")[1]);
      for (int i = 0; i < channels; i++) {
        open.add(NettyChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .executor(executor)
            .maxInboundMessageSize(256 << 20)
            .build());
      }
      ClientRun run = new ClientRun(n);
      List<Runnable> stops = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        ManagedChannel channel = open.get(i % channels);
        if (mode.equals("delta")) {
          DeltaClient c = new DeltaClient(run, i);
          c.start(channel);
          stops.add(c::stop);
        } else {
          SotwClient c = new SotwClient(run, i);
          c.start(channel);
          stops.add(c::stop);
        }
      }
      boolean synced = run.synced.await(timeout, TimeUnit.SECONDS);
      double initialMillis = synced ? (System.nanoTime() - start) / 1e6 : Double.NaN;
      double updateMillis = Double.NaN;
      if (synced) {
        Thread.sleep(1000);
        run.updating = true;
        long updateStart = System.nanoTime();
        command(in, out, process, "UPDATE", "UPDATED", timeout);
        if (run.converged.await(timeout, TimeUnit.SECONDS)) {
          updateMillis = (System.nanoTime() - updateStart) / 1e6;
        }
      }
      long errors = run.errors.get();
      String[] stats = command(in, out, process, "STATS", "STATS", timeout).split(" ");
      long rss = peakRssKb(process.pid());
      stops.forEach(Runnable::run);
      command(in, out, process, "EXIT", "BYE", timeout);
      return new Result(
          server, mode, n, n - run.synced.getCount(), initialMillis, n - run.converged.getCount(), updateMillis,
          run.initialBytes.get(), run.updateBytes.get(), Long.parseLong(stats[1]), rss, errors, loadAverage, run.syncSpread());
    } finally {
      open.forEach(ManagedChannel::shutdownNow);
      executor.shutdownNow();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static String command(Writer in, BufferedReader out, Process process, String command, String answer, long timeout)
      throws IOException, InterruptedException {
    in.write(command + "\n");
    in.flush();
    return readLine(out, process, timeout, answer);
  }

  /** The next stdout line of the server starting with {@code prefix}, or fails after {@code timeout} seconds. */
  private static String readLine(BufferedReader out, Process process, long timeoutSeconds, String prefix)
      throws InterruptedException {
    String[] line = new String[1];
    CountDownLatch got = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try {
        String l;
        while ((l = out.readLine()) != null) {
          if (l.startsWith(prefix)) {
            line[0] = l;
            break;
          }
        }
      } catch (IOException e) {
        // the process died: reported below
      }
      got.countDown();
    });
    reader.setDaemon(true);
    reader.start();
    if (!got.await(timeoutSeconds, TimeUnit.SECONDS) || line[0] == null) {
      throw new IllegalStateException("server did not answer " + prefix + " (alive: " + process.isAlive() + ")");
    }
    return line[0];
  }

  private static long peakRssKb(long pid) throws IOException {
    for (String l : Files.readAllLines(new File("/proc/" + pid + "/status").toPath())) {
      if (l.startsWith("VmHWM:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static void print(PrintStream out, List<Result> results, boolean header) {
    if (header) {
      out.println("| clients | mode | server | initial ACK (ms) | update converged (ms) | bytes initial (MiB) "
          + "| bytes update (MiB) | server peak heap (MiB) | server peak RSS (MiB) | notes |");
      out.println("|---|---|---|---|---|---|---|---|---|---|");
    }
    for (Result r : results) {
      String notes = (r.syncedClients() < r.clients() ? "only " + r.syncedClients() + " synced; " : "")
          + (r.convergedClients() < r.clients() ? "only " + r.convergedClients() + " converged; " : "")
          + (r.errors() > 0 ? r.errors() + " stream errors; " : "")
          + "load " + r.loadAverage() + (r.spread().isEmpty() ? "" : "; " + r.spread());
      out.printf("| %d | %s | %s | %.0f | %.0f | %.1f | %.2f | %.0f | %.0f | %s |%n",
          r.clients(), r.mode(), r.server().equals("jcp") ? "java-control-plane" : r.server(),
          r.initialMillis(), r.updateMillis(), r.initialBytes() / 1048576.0, r.updateBytes() / 1048576.0,
          r.peakHeap() / 1048576.0, r.peakRssKb() / 1024.0, notes);
    }
  }
}
