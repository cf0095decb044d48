package io.hango.bench.xds;

import io.hango.bench.Args;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The server under test of the {@link LoadHarness}, run in its own JVM so that its CPU, heap and
 * RSS are measured alone. Builds the {@link Workload} up front, publishes its initial resources,
 * runs a full GC, resets the heap pools' peaks and prints {@code READY <port> <target assignment>};
 * then answers line commands on stdin:
 *
 * <ul>
 *   <li>{@code ROUND <r>}: publishes round r's endpoint change, answers {@code PUBLISHED <r>};
 *   <li>{@code CPU}: {@code CPU <ns>}, the process's CPU time so far (all threads, user + system);
 *   <li>{@code STATS}: {@code STATS <peak heap> <used heap>} in bytes, peak since READY;
 *   <li>{@code GCHEAP}: runs {@link System#gc()} twice, answers {@code GCHEAP <heap used after>};
 *   <li>{@code EXIT}: stops the server, answers {@code BYE} and exits.
 * </ul>
 *
 * <p>Usage: {@code ServerProcess --server hango|jcp --workload large|small --routes 1000 --services 1000}
 */
public final class ServerProcess {

  private ServerProcess() {}

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
    Workload workload = Workload.of(
        opts.getOrDefault("workload", "large"),
        Integer.parseInt(opts.getOrDefault("routes", "1000")),
        Integer.parseInt(opts.getOrDefault("services", "1000")));
    Served served = Served.start(opts.getOrDefault("server", "hango"));
    served.publish(workload.initial());
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .forEach(MemoryPoolMXBean::resetPeakUsage);
    System.out.println("READY " + served.port() + " " + workload.target());
    System.out.flush();

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] command = line.trim().split(" ");
      switch (command[0]) {
        case "ROUND" -> {
          int round = Integer.parseInt(command[1]);
          served.updateEndpoints(workload.round(round));
          System.out.println("PUBLISHED " + round);
        }
        case "CPU" -> System.out.println("CPU " + cpuNanos());
        case "STATS" -> System.out.println("STATS " + peakHeap() + " " + usedHeap());
        case "GCHEAP" -> {
          System.gc();
          Thread.sleep(200);
          System.gc();
          System.out.println("GCHEAP " + usedHeap());
        }
        case "EXIT" -> {
          served.close();
          System.out.println("BYE");
          System.out.flush();
          System.exit(0);
        }
        default -> System.out.println("ERROR unknown command " + line);
      }
      System.out.flush();
    }
    served.close();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
