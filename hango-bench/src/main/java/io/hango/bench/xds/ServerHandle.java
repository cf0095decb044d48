package io.hango.bench.xds;

import io.hango.bench.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The harness's handle on a {@link ServerProcess}: starts it in a fresh JVM (stderr to
 * {@code target/xds-server-<tag>.log}), waits for {@code READY}, sends commands, and stops it on
 * {@link #close()} or, failing that, when this JVM exits.
 */
final class ServerHandle implements AutoCloseable {

  private final ChildJvm jvm;
  private final Duration timeout;
  private final int port;
  private final String target;

  private ServerHandle(ChildJvm jvm, Duration timeout) throws InterruptedException {
    this.jvm = jvm;
    this.timeout = timeout;
    String[] ready = jvm.next("READY", timeout).split(" ");
    this.port = Integer.parseInt(ready[1]);
    this.target = ready[2];
  }

  /**
   * Starts {@code server} ({@code hango} or {@code jcp}) serving {@code workload}; options used:
   * {@code --server-heap} (2g), {@code --routes}, {@code --services}, {@code --server-jfr DIR}
   * (a profile recording per run, {@code DIR/<tag>.jfr}, written when the server exits).
   */
  static ServerHandle start(String server, String workload, String tag, Map<String, String> opts, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Path.of("target", "xds-server-" + tag + ".log");
    Files.createDirectories(log.getParent());
    List<String> jvmOptions = new ArrayList<>();
    String jfr = opts.get("server-jfr");
    if (jfr != null) {
      Path dir = Files.createDirectories(Path.of(jfr));
      jvmOptions.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
          + dir.resolve(tag + ".jfr").toAbsolutePath());
    }
    ChildJvm jvm = ChildJvm.start("the server", opts.getOrDefault("server-heap", "2g"), jvmOptions, ServerProcess.class,
        List.of("--server", server, "--workload", workload,
            "--routes", opts.getOrDefault("routes", "1000"),
            "--services", opts.getOrDefault("services", "1000")),
        log);
    try {
      return new ServerHandle(jvm, timeout);
    } catch (InterruptedException | RuntimeException e) {
      jvm.destroy();
      throw e;
    }
  }

  /** The xDS port, on 127.0.0.1. */
  int port() {
    return port;
  }

  long pid() {
    return jvm.pid();
  }

  /** The name of the assignment that every update round changes. */
  String target() {
    return target;
  }

  /** Publishes round {@code round}'s endpoint change; returns once the server has set it. */
  void round(int round) {
    jvm.command("ROUND " + round, "PUBLISHED", timeout);
  }

  /** The server process's CPU time so far, in nanoseconds. */
  long cpuNanos() {
    return Long.parseLong(jvm.command("CPU", "CPU", timeout).split(" ")[1]);
  }

  /** The server's peak heap since READY, in bytes. */
  long peakHeap() {
    return Long.parseLong(jvm.command("STATS", "STATS", timeout).split(" ")[1]);
  }

  /** The server's heap in use right after a full GC, in bytes. */
  long heapAfterGc() {
    return Long.parseLong(jvm.command("GCHEAP", "GCHEAP", timeout).split(" ")[1]);
  }

  /** Asks the server to exit, then destroys it if it has not within 15 s. */
  @Override
  public void close() throws InterruptedException {
    jvm.close();
  }
}
