package io.hango.bench.xds;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of another process in nanoseconds, read from outside: the sum of the first field
 * ({@code sum_exec_runtime}) of {@code /proc/<pid>/task/<tid>/schedstat} over all its threads,
 * JIT compiler and GC threads included. The JVM's own process CPU time only counts in 10 ms ticks
 * on Linux, too coarse for an update round of the small workload.
 *
 * <p>A thread that has ended keeps the last value read; only what a thread ran after the last
 * reading before it ended (or in all, if it started and ended between two readings) is missed.
 */
final class CpuClock {

  private final Path tasks;
  private final Map<String, Long> seen = new HashMap<>();
  private final Map<String, String> names = new HashMap<>();

  CpuClock(long pid) {
    this.tasks = Path.of("/proc/" + pid + "/task");
  }

  /** The process's CPU time so far, in nanoseconds (-1 if {@code schedstat} cannot be read). */
  synchronized long nanos() {
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path t : threads) {
        try {
          String stat = Files.readString(t.resolve("schedstat"));
          String tid = t.getFileName().toString();
          seen.put(tid, Long.parseLong(stat.substring(0, stat.indexOf(' '))));
          if (!names.containsKey(tid)) {
            names.put(tid, Files.readString(t.resolve("comm")).trim());
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile: its last value stays
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return seen.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Of the CPU time read by the last {@link #nanos()}, that of the JIT compiler threads
   * ({@code C1/C2 CompilerThread}), in nanoseconds.
   */
  synchronized long compilerNanos() {
    long sum = 0;
    for (Map.Entry<String, Long> e : seen.entrySet()) {
      if (names.getOrDefault(e.getKey(), "").contains("Compiler")) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /** Per thread name (numbers dropped), the CPU time read by the last {@link #nanos()}, for diagnosis. */
  synchronized Map<String, Long> byThreadName() {
    Map<String, Long> out = new java.util.TreeMap<>();
    seen.forEach((tid, ns) -> out.merge(names.getOrDefault(tid, "?").replaceAll("[0-9]+", "#"), ns, Long::sum));
    return out;
  }
}
