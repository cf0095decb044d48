package io.hango.testing.eureka;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spring Cloud Netflix Eureka server in a JVM of its own, for tests: {@link #start()} picks a
 * free port on 127.0.0.1, launches the server with the JDK of {@code java.home} and waits until
 * {@code /eureka/apps} answers; {@link #stop()} ends it; {@link #restart()} starts it again on the
 * same port (with an empty registry, as a real restart has). The server's output goes to a log file.
 * A JVM shutdown hook ends a server that a test forgot to stop.
 *
 * <p>This class has no Spring imports: the server's class path is a resource of this jar, written at
 * build time, so tests depend on this module with an exclusion of {@code *:*} and keep Spring off
 * their own class path.
 *
 * <pre>{@code
 * static EurekaServerProcess eureka = EurekaServerProcess.start();   // ~10 s
 * String url = eureka.url();                                         // http://127.0.0.1:PORT/eureka
 * eureka.close();
 * }</pre>
 *
 * <p>Not thread-safe: one test class drives it.
 */
public final class EurekaServerProcess implements AutoCloseable {

  private static final String MAIN_CLASS = "io.hango.testing.eureka.internal.EurekaServerMain";
  private static final String CLASSPATH_RESOURCE = "server-classpath.txt";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final int port;
  private final Path logFile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Thread shutdownHook = new Thread(this::kill, "eureka-test-server-shutdown");
  private volatile Process process;

  private EurekaServerProcess(int port, Path logFile) {
    this.port = port;
    this.logFile = logFile;
  }

  /** Starts a server on a free port, logging to {@code target/eureka-server-PORT.log}; waits until it answers. */
  public static EurekaServerProcess start() {
    int port = freePort();
    return start(port, Path.of("target", "eureka-server-" + port + ".log"));
  }

  /**
   * Starts a server on {@code port} (0: a free one), appending its output to {@code logFile}; waits
   * until it answers.
   */
  public static EurekaServerProcess start(int port, Path logFile) {
    requireNonNull(logFile, "logFile");
    EurekaServerProcess server = new EurekaServerProcess(port == 0 ? freePort() : port, logFile.toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    server.launch();
    return server;
  }

  /** A port on 127.0.0.1 that nothing listens on now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** The service URL, {@code http://127.0.0.1:PORT/eureka}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/eureka";
  }

  /** The port the server listens on (also while it is stopped). */
  public int port() {
    return port;
  }

  /** The file the server's output goes to. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the server process is running. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Ends the server and waits until its process has exited; nothing if it is not running. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Stops the server if it runs, then starts it again on the same port, with an empty registry; waits until it answers. */
  public void restart() {
    stop();
    launch();
  }

  /** Stops the server for good. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway, and finds nothing to do.
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms64m");
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(classPath());
    command.add(MAIN_CLASS);
    command.add("--server.port=" + port);
    try {
      Files.createDirectories(logFile.getParent());
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch the Eureka test server", e);
    }
    awaitReady();
  }

  private void awaitReady() {
    HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/apps"))
        .header("Accept", "application/json")
        .timeout(Duration.ofSeconds(2))
        .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Eureka test server exited with code " + process.exitValue() + "; see " + logFile);
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IllegalStateException("interrupted while the Eureka test server started", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IllegalStateException("interrupted while the Eureka test server started", e);
      }
    }
    kill();
    throw new IllegalStateException("the Eureka test server did not answer within " + STARTUP_TIMEOUT + "; see " + logFile);
  }

  private void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  /** This jar (or classes directory) followed by the server's class path written at build time. */
  private static String classPath() {
    String serverPath;
    try (InputStream in = EurekaServerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + CLASSPATH_RESOURCE + " is missing: build hango-eureka-test-server with Maven");
      }
      serverPath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
    }
    Path self;
    try {
      self = Path.of(EurekaServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the hango-eureka-test-server classes", e);
    }
    return self + java.io.File.pathSeparator + serverPath;
  }
}
