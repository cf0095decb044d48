package io.hango.bench.registry;

import io.hango.bench.Args;
import io.hango.controlplane.ControlPlane;
import io.hango.model.service.Endpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The control plane under test of the {@link RegistryLoadHarness}, in its own JVM so that its CPU
 * and memory are measured alone. Writes the {@link RegistryBenchConfig} for the harness's
 * ZooKeeper, starts a {@link ControlPlane} (xDS on a free port of 127.0.0.1, admin port off, xDS
 * debounce at its default), waits until every service has all its providers as endpoints, collects
 * garbage, resets the heap peaks and prints {@code READY <port>} (or {@code FAILED <reason>}). Then
 * answers line commands on stdin: {@code CPU} ({@code CPU <ns>}: the process's CPU time so far),
 * {@code STATS} (a {@link ServerStats} line, after a full GC) and {@code EXIT} ({@code BYE}).
 *
 * <p>Usage: {@code RegistryServerProcess --zookeeper 127.0.0.1:PORT --services 1000 --instances 10
 * --dir DIR [--sync-timeout-seconds 300]}
 */
public final class RegistryServerProcess {

  private RegistryServerProcess() {}

  public static void main(String[] args) {
    try {
      serve(Args.parse(args));
    } catch (Throwable t) {
      t.printStackTrace();
      System.out.println("FAILED " + t);
      System.out.flush();
      System.exit(1);
    }
  }

  private static void serve(Map<String, String> opts) throws Exception {
    ProviderNames names = new ProviderNames(
        Integer.parseInt(opts.getOrDefault("services", "1000")),
        Integer.parseInt(opts.getOrDefault("instances", "10")));
    Path dir = Path.of(opts.get("dir"));
    Path config = Files.createDirectories(dir.resolve("config")).resolve("registry-bench.yaml");
    Files.writeString(config, RegistryBenchConfig.yaml(names, opts.get("zookeeper")));
    long syncTimeout = TimeUnit.SECONDS.toNanos(Long.parseLong(opts.getOrDefault("sync-timeout-seconds", "300")));

    try (ControlPlane cp = ControlPlane.builder()
        .config(config)
        .xdsHost("127.0.0.1")
        .xdsPort(0)
        .disableAdmin()
        .registryDataDirectory(dir.resolve("data"))
        .build()
        .start()) {
      long deadline = System.nanoTime() + syncTimeout;
      while (discovered(cp) < (long) names.services() * names.instances()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + discovered(cp) + " of " + (long) names.services() * names.instances()
              + " providers discovered after " + TimeUnit.NANOSECONDS.toSeconds(syncTimeout) + " s");
        }
        Thread.sleep(100);
      }
      System.gc();
      ServerStats.resetPeakHeap();
      System.out.println("READY " + cp.xdsPort());
      System.out.flush();
      answer(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
    System.out.println("BYE");
    System.out.flush();
    System.exit(0);
  }

  private static long discovered(ControlPlane cp) {
    return cp.discovery().endpoints().values().stream().mapToLong(List<Endpoint>::size).sum();
  }

  /** Answers commands until {@code EXIT} or the end of stdin (the harness died). */
  private static void answer(BufferedReader in) throws Exception {
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "CPU" -> System.out.println("CPU " + ServerStats.processCpuNanos());
        case "STATS" -> System.out.println(ServerStats.measure().toLine());
        case "EXIT" -> {
          return;
        }
        default -> System.out.println("ERROR unknown command " + line);
      }
      System.out.flush();
    }
  }
}
