package io.hango.testing.nacos;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real Nacos 3.1 server in a JVM of its own, for tests: standalone, with embedded Derby, auth off,
 * every port on 127.0.0.1. {@link #start()} picks free ports, launches the server with the JDK of
 * {@code java.home} and waits until its HTTP API and its gRPC port answer (10-40 s, depending on the
 * machine); {@link #stop()} ends it, {@link #kill()} crashes it; {@link #restart()} starts it again
 * on the same ports with the same data directory, so persistent ({@code ephemeral=false}) instances survive while ephemeral
 * ones do not, as in a real restart. The server's output goes to a log file; a JVM shutdown hook
 * ends a server that a test forgot to stop.
 *
 * <p>Nacos uses four ports: HTTP {@code P}, gRPC for clients {@code P+1000} (clients derive it from
 * {@code P}), gRPC between servers {@code P+1001} and Raft {@code P-1000}.
 *
 * <p>This class has no Nacos imports: the server's class path is a resource of this jar, written at
 * build time, so tests depend on this module with an exclusion of {@code *:*} and keep the server's
 * libraries off their own class path. The jars of the Nacos rebuild are checked against the SHA-256
 * values recorded in {@code server-jars.sha256} before every launch.
 *
 * <pre>{@code
 * static NacosServerProcess nacos = NacosServerProcess.start();   // 10-40 s
 * String addr = nacos.serverAddr();                              // 127.0.0.1:P, for serverAddr
 * nacos.close();
 * }</pre>
 *
 * <p>Not thread-safe: one test class drives it.
 */
public final class NacosServerProcess implements AutoCloseable {

  private static final String MAIN_CLASS = "io.hango.testing.nacos.internal.NacosServerMain";
  private static final String CLASSPATH_RESOURCE = "server-classpath.txt";
  private static final String CHECKSUM_RESOURCE = "server-jars.sha256";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  /** HTTP ports are picked here: below the usual ephemeral range, with room for P-1000 and P+1001. */
  private static final int LOWEST_PORT = 20_000;
  private static final int PORT_RANGE = 9_000;

  private final int port;
  private final Path directory;
  private final Path logFile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Thread shutdownHook = new Thread(this::destroyNow, "nacos-test-server-shutdown");
  private volatile Process process;

  private NacosServerProcess(int port, Path directory) {
    this.port = port;
    this.directory = directory;
    this.logFile = directory.resolve("server.log");
  }

  /** Starts a server on free ports, with its files under {@code target/nacos-server-P}; waits until it answers. */
  public static NacosServerProcess start() {
    int port = freePort();
    return start(port, Path.of("target", "nacos-server-" + port));
  }

  /**
   * Starts a server with HTTP on {@code port} (0: free ports are picked), keeping its data, logs
   * and temporary files under {@code directory}; waits until it answers.
   */
  public static NacosServerProcess start(int port, Path directory) {
    requireNonNull(directory, "directory");
    NacosServerProcess server = new NacosServerProcess(port == 0 ? freePort() : port, directory.toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.launch();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** An HTTP port {@code P} such that nothing listens on {@code P}, {@code P+1000}, {@code P+1001} or {@code P-1000}. */
  public static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int p = LOWEST_PORT + ThreadLocalRandom.current().nextInt(PORT_RANGE);
      if (free(p) && free(p + 1000) && free(p + 1001) && free(p - 1000)) {
        return p;
      }
    }
    throw new IllegalStateException("no free set of ports for a Nacos server in " + LOWEST_PORT + "-" + (LOWEST_PORT + PORT_RANGE));
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The address for a client's {@code serverAddr}: {@code 127.0.0.1:P}. */
  public String serverAddr() {
    return "127.0.0.1:" + port;
  }

  /** The HTTP port {@code P}. */
  public int httpPort() {
    return port;
  }

  /** The gRPC port clients use, {@code P+1000}. */
  public int grpcPort() {
    return port + 1000;
  }

  /** The base of the HTTP APIs, {@code http://127.0.0.1:P/nacos} (e.g. {@code + "/v1/ns/instance"}). */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port + "/nacos");
  }

  /** The directory of the server's data ({@code data/}), configuration ({@code conf/}) and logs. */
  public Path directory() {
    return directory;
  }

  /** The file the server's standard output and error go to. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the server process is running. */
  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /**
   * Ends the server (SIGTERM, then SIGKILL after 15 s) and waits until its process has exited and
   * its ports are closed; nothing if it is not running.
   */
  public void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Kills the server as a crash would (SIGKILL: no shutdown, no goodbye to clients) and waits until
   * its process has exited; nothing if it is not running.
   */
  public void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Stops the server if it runs, then starts it again on the same ports and with the same data;
   * waits until it answers.
   */
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
    String serverClassPath = readResource(CLASSPATH_RESOURCE, "build hango-nacos-test-server with Maven");
    verifyJars(serverClassPath);
    Path conf = directory.resolve("conf");
    Path tmp = directory.resolve("tmp");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms64m");
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dnacos.standalone=true");
    command.add("-Dnacos.home=" + directory);
    command.add("-Duser.home=" + directory);
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-Dnacos.server.ip=127.0.0.1");
    command.add("-Dnacos.remote.grpc.listen.ip=127.0.0.1");
    command.add("-Dspring.config.additional-location=file:" + conf + File.separator);
    command.add("-cp");
    command.add(selfLocation() + File.pathSeparator + serverClassPath);
    command.add(MAIN_CLASS);
    try {
      Files.createDirectories(conf);
      Files.createDirectories(tmp);
      Files.writeString(conf.resolve("application.properties"), applicationProperties());
      process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch the Nacos test server", e);
    }
    awaitReady();
  }

  private String applicationProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("nacos.server.main.port", Integer.toString(port));
    p.put("nacos.server.contextPath", "/nacos");
    p.put("server.address", "127.0.0.1");
    // Nacos insists on an auth system type even with auth off.
    p.put("nacos.core.auth.system.type", "nacos");
    p.put("nacos.core.auth.enabled", "false");
    p.put("nacos.core.auth.admin.enabled", "false");
    p.put("nacos.core.auth.console.enabled", "false");
    p.put("management.endpoints.web.exposure.include", "health");
    StringBuilder sb = new StringBuilder("# Written by NacosServerProcess before each launch.\n");
    p.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  private void awaitReady() {
    HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUri() + "/v1/ns/instance/list?serviceName=hango-readiness-probe"))
        .timeout(Duration.ofSeconds(2))
        .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Process p = process;
      if (!p.isAlive()) {
        process = null;
        throw new IllegalStateException("the Nacos test server exited with code " + p.exitValue() + "; see " + logFile);
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && listening(grpcPort())) {
          return;
        }
        Thread.sleep(200);
      } catch (IOException e) {
        sleepOrGiveUp();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        destroyNow();
        throw new IllegalStateException("interrupted while the Nacos test server started", e);
      }
    }
    destroyNow();
    throw new IllegalStateException("the Nacos test server did not answer within " + STARTUP_TIMEOUT + "; see " + logFile);
  }

  private void sleepOrGiveUp() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      destroyNow();
      throw new IllegalStateException("interrupted while the Nacos test server started", e);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void destroyNow() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  /** Checks every pinned jar of the class path against its recorded SHA-256. */
  private static void verifyJars(String classPath) {
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : readResource(CHECKSUM_RESOURCE, "it belongs to hango-nacos-test-server").split("\n")) {
      String l = line.trim();
      if (!l.isEmpty() && !l.startsWith("#")) {
        String[] parts = l.split("\\s+", 2);
        expected.put(parts[1], parts[0]);
      }
    }
    Map<String, String> missing = new LinkedHashMap<>(expected);
    for (String entry : classPath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      String sum = expected.get(name);
      if (sum == null) {
        continue;
      }
      String actual = sha256(jar);
      if (!actual.equals(sum)) {
        throw new IllegalStateException(jar + " has SHA-256 " + actual + ", not the pinned " + sum + ": refusing to launch it");
      }
      missing.remove(name);
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the Nacos server class path lacks the pinned jars " + missing.keySet());
    }
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String readResource(String name, String hint) {
    try (InputStream in = NacosServerProcess.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing: " + hint);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** This jar, or classes directory: it holds the server's main class. */
  private static Path selfLocation() {
    try {
      return Path.of(NacosServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the hango-nacos-test-server classes", e);
    }
  }
}
