package io.hango.bench.registry;

import io.hango.bench.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's handle on a {@link RegistryServerProcess}: starts it in a fresh JVM (stderr to a
 * log file), waits for {@code READY}, sends commands, and stops it on {@link #close()} or, failing
 * that, when this JVM exits.
 */
final class ControlPlaneProcess implements AutoCloseable {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  private final ChildJvm jvm;
  private final int port;

  private ControlPlaneProcess(ChildJvm jvm, Duration readyTimeout) throws InterruptedException {
    this.jvm = jvm;
    this.port = Integer.parseInt(jvm.next("READY", readyTimeout).split(" ")[1]);
  }

  /**
   * Starts the control plane for {@code names}' services discovered from the ZooKeeper at
   * {@code zookeeper}, and waits until it serves them all.
   *
   * @param jvmOptions further options of the control plane's JVM (e.g. to record a profile)
   */
  static ControlPlaneProcess start(
      ProviderNames names, String zookeeper, String heap, List<String> jvmOptions, Path dir, Duration readyTimeout)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(List.of(
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
    ChildJvm jvm = ChildJvm.start("the control plane", heap, options, RegistryServerProcess.class,
        List.of(
            "--zookeeper", zookeeper,
            "--services", Integer.toString(names.services()),
            "--instances", Integer.toString(names.instances()),
            "--dir", dir.toAbsolutePath().toString(),
            "--sync-timeout-seconds", Long.toString(readyTimeout.toSeconds())),
        dir.resolve("control-plane.log"));
    try {
      return new ControlPlaneProcess(jvm, readyTimeout.plusSeconds(30));
    } catch (InterruptedException | RuntimeException e) {
      jvm.destroy();
      throw e;
    }
  }

  /** The xDS port, on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The process's CPU time so far, in nanoseconds (no GC). */
  long cpuNanos() {
    return Long.parseLong(jvm.command("CPU", "CPU", ANSWER_TIMEOUT).split(" ")[1]);
  }

  /** The process's CPU time, heap after a full GC, peak heap and RSS. */
  ServerStats stats() {
    return ServerStats.parse(jvm.command("STATS", "STATS", ANSWER_TIMEOUT));
  }

  /** Asks the process to exit, then destroys it if it has not within 15 s. */
  @Override
  public void close() throws InterruptedException {
    jvm.close();
  }
}
