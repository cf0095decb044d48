package io.hango.bench.registry;

import io.hango.bench.FrozenClassPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on a {@link RegistryServerProcess}: starts it in a fresh JVM (stderr to a
 * log file), waits for {@code READY}, sends commands, and stops it on {@link #close()} or, failing
 * that, when this JVM exits.
 */
final class ControlPlaneProcess implements AutoCloseable {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final int port;

  private ControlPlaneProcess(Process process, Duration readyTimeout) throws IOException, InterruptedException {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "control-plane-stdout");
    reader.setDaemon(true);
    reader.start();
    this.port = Integer.parseInt(next("READY", readyTimeout).split(" ")[1]);
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
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-XX:+UseG1GC"));
    command.addAll(jvmOptions);
    command.addAll(List.of(
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "-cp", FrozenClassPath.get(),
        RegistryServerProcess.class.getName(),
        "--zookeeper", zookeeper,
        "--services", Integer.toString(names.services()),
        "--instances", Integer.toString(names.instances()),
        "--dir", dir.toAbsolutePath().toString(),
        "--sync-timeout-seconds", Long.toString(readyTimeout.toSeconds())));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.to(dir.resolve("control-plane.log").toFile()))
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    try {
      return new ControlPlaneProcess(process, readyTimeout.plusSeconds(30));
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The xDS port, on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The process's CPU time so far, in nanoseconds (no GC). */
  long cpuNanos() {
    return Long.parseLong(command("CPU").split(" ")[1]);
  }

  /** The process's CPU time, heap after a full GC, peak heap and RSS. */
  ServerStats stats() {
    return ServerStats.parse(command("STATS"));
  }

  private synchronized String command(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
      return next(command, ANSWER_TIMEOUT);
    } catch (IOException e) {
      throw new UncheckedIOException("the control plane process is gone (see its log)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + command, e);
    }
  }

  /** The next stdout line starting with {@code prefix}; fails on {@code FAILED}, exit or timeout. */
  private String next(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException("the control plane did not answer " + prefix + " within " + timeout
            + " (alive: " + process.isAlive() + "; see its log)");
      }
      if (line.startsWith("FAILED")) {
        throw new IllegalStateException("the control plane failed: " + line);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  private void readLines() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process is gone: next() times out, saying whether it is alive
    }
    lines.add("FAILED the control plane process ended");
  }

  /** Asks the process to exit, then destroys it if it has not within 15 s. */
  @Override
  public void close() throws InterruptedException {
    try {
      if (process.isAlive()) {
        commands.write("EXIT\n");
        commands.flush();
      }
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
