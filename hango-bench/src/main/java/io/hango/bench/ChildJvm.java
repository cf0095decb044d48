package io.hango.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark server in a JVM of its own (the bench's frozen class path), driven by a line
 * protocol: commands on its stdin, answers on its stdout (a line starting with the answer's
 * keyword, or {@code FAILED ...}), its stderr to a log file. Destroyed when this JVM exits, if
 * {@link #close()} did not stop it.
 */
public final class ChildJvm implements AutoCloseable {

  private final String what;
  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildJvm(String what, Process process) {
    this.what = what;
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, what + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} with {@code args}, heap {@code heap} (null: the JVM's default, as a
   * user runs it), G1, further {@code jvmOptions}, stderr to {@code log}; {@code what} names it in
   * errors ("the server").
   */
  public static ChildJvm start(String what, String heap, List<String> jvmOptions, Class<?> mainClass, List<String> args,
      Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (heap != null) {
      command.add("-Xmx" + heap);
    }
    command.add("-XX:+UseG1GC");
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", FrozenClassPath.get(), mainClass.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return new ChildJvm(what, process);
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Sends {@code command} and returns the next line starting with {@code answer}. */
  public synchronized String command(String command, String answer, Duration timeout) {
    try {
      commands.write(command + "\n");
      commands.flush();
      return next(answer, timeout);
    } catch (IOException e) {
      throw new UncheckedIOException(what + " process is gone (see its log)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + answer, e);
    }
  }

  /** The next stdout line starting with {@code prefix}; fails on {@code FAILED}, exit or timeout. */
  public String next(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(what + " did not answer " + prefix + " within " + timeout
            + " (alive: " + process.isAlive() + "; see its log)");
      }
      if (line.startsWith("FAILED")) {
        throw new IllegalStateException(what + " failed: " + line);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Destroys the process at once (start-up failed). */
  public void destroy() {
    process.destroyForcibly();
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
    lines.add("FAILED " + what + " process ended");
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
