package io.hango.bench.registry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the control plane process reports of itself on {@code STATS}, one line:
 * {@code STATS <cpu ns> <gc cpu ns> <heap after GC> <peak heap> <RSS kB> <peak RSS kB>}.
 *
 * @param cpuNanos the process's CPU time so far, read before the GC below
 * @param gcCpuNanos the CPU time of that GC, to subtract from a CPU interval it falls in
 * @param heapAfterGc heap used right after {@link System#gc()}, in bytes: the live set, about
 * @param peakHeap the sum of the heap pools' peak usage since they were last reset (at READY), in bytes
 * @param rssKb {@code VmRSS} of {@code /proc/self/status}
 * @param peakRssKb {@code VmHWM} of {@code /proc/self/status}: the highest RSS of the process's life
 */
record ServerStats(long cpuNanos, long gcCpuNanos, long heapAfterGc, long peakHeap, long rssKb, long peakRssKb) {

  /** Measures this process: CPU time, then a full GC, then heap and RSS. */
  static ServerStats measure() throws IOException {
    long cpu = processCpuNanos();
    System.gc();
    long gcCpu = processCpuNanos() - cpu;
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
    return new ServerStats(cpu, gcCpu, heap, peak, status("VmRSS:"), status("VmHWM:"));
  }

  /** Resets the heap pools' peaks, so that {@link #peakHeap} counts from now. */
  static void resetPeakHeap() {
    ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** This process's CPU time so far (all threads, user + system), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Parses a {@code STATS} line. */
  static ServerStats parse(String line) {
    String[] f = line.trim().split(" ");
    if (f.length != 7 || !f[0].equals("STATS")) {
      throw new IllegalArgumentException("not a STATS line: " + line);
    }
    return new ServerStats(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
        Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
  }

  /** The {@code STATS} line. */
  String toLine() {
    return "STATS " + cpuNanos + " " + gcCpuNanos + " " + heapAfterGc + " " + peakHeap + " " + rssKb + " " + peakRssKb;
  }

  private static long status(String field) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith(field)) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
