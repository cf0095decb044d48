package io.hango.bench.xds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the harness reads of the server process from Linux's {@code /proc}: its resident set
 * (current and peak), its thread count, and the TCP connections established to a local port.
 */
final class ProcFs {

  private ProcFs() {}

  /** {@code VmHWM} of the process in kB: its peak RSS since start or since {@link #resetPeakRss}; -1 if unknown. */
  static long peakRssKb(long pid) {
    return status(pid, "VmHWM:");
  }

  /** {@code VmRSS} of the process in kB; -1 if unknown. */
  static long rssKb(long pid) {
    return status(pid, "VmRSS:");
  }

  /** The process's threads; -1 if unknown. */
  static long threads(long pid) {
    return status(pid, "Threads:");
  }

  /**
   * Resets the process's peak RSS to its current RSS (writes 5 to {@code /proc/<pid>/clear_refs},
   * Linux 4.0+), so that {@link #peakRssKb} counts from now; false if that is not permitted.
   */
  static boolean resetPeakRss(long pid) {
    try {
      Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * TCP connections in state ESTABLISHED whose local port is {@code port} (the server's side of
   * its clients' connections), from {@code /proc/net/tcp} and {@code /proc/net/tcp6}.
   */
  static int establishedTo(int port) {
    String hexPort = String.format(":%04X", port);
    int n = 0;
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(file))) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("01")) {
            n++;
          }
        }
      } catch (IOException e) {
        // no IPv6: nothing to count
      }
    }
    return n;
  }

  /** The soft limit on open files of this process ({@code Max open files} of {@code /proc/self/limits}); -1 if unknown. */
  static long maxOpenFiles() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (l.startsWith("Max open files")) {
          String soft = l.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown
    }
    return -1;
  }

  private static long status(long pid, String field) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith(field)) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return -1;
  }
}
