package io.hango.controlplane.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The control plane's admin HTTP port: {@code /healthz}, {@code /ready}, {@code /metrics}
 * (Prometheus text), {@code /debug/status}, {@code /debug/config}, {@code /debug/registries} (JSON) and a status page at
 * {@code /}. Uses the JDK's HTTP server: the admin port needs no web framework.
 */
public final class AdminHttpServer implements AutoCloseable {

  /** What the admin port shows; each supplier is called per request. */
  public record Content(
      BooleanSupplier ready,
      Supplier<String> prometheusText,
      Supplier<String> statusJson,
      Supplier<String> configJson,
      Supplier<String> registriesJson,
      Supplier<String> statusPageHtml) {}

  private final HttpServer server;
  private final ExecutorService executor;

  private AdminHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving on {@code host:port} (port 0 picks a free port). */
  public static AdminHttpServer start(String host, int port, Content content) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "hango-admin");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/healthz", ex -> respond(ex, "text/plain", () -> new Reply(200, "ok\n")));
    server.createContext(
        "/ready",
        ex ->
            respond(
                ex,
                "text/plain",
                () ->
                    content.ready().getAsBoolean()
                        ? new Reply(200, "ready\n")
                        : new Reply(503, "not ready: no valid config served yet\n")));
    server.createContext(
        "/metrics", ex -> respond(ex, "text/plain; version=0.0.4; charset=utf-8", ok(content.prometheusText())));
    server.createContext("/debug/status", ex -> respond(ex, "application/json", ok(content.statusJson())));
    server.createContext("/debug/config", ex -> respond(ex, "application/json", ok(content.configJson())));
    server.createContext("/debug/registries", ex -> respond(ex, "application/json", ok(content.registriesJson())));
    server.createContext(
        "/",
        ex -> {
          if (!ex.getRequestURI().getPath().equals("/")) {
            respond(
                ex,
                "text/plain",
                () -> new Reply(404, "not found; try /, /healthz, /ready, /metrics, /debug/status, /debug/config, /debug/registries\n"));
            return;
          }
          respond(ex, "text/html; charset=utf-8", ok(content.statusPageHtml()));
        });
    server.start();
    return new AdminHttpServer(server, executor);
  }

  /** The bound address and port. */
  public java.net.InetSocketAddress address() {
    return server.getAddress();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** A status and body. */
  private record Reply(int status, String body) {}

  private static Supplier<Reply> ok(Supplier<String> body) {
    return () -> new Reply(200, body.get());
  }

  /**
   * Answers {@code ex}. The body is computed here, inside the error handling, so a failing supplier
   * becomes a 500 rather than a connection the JDK server drops without an answer.
   */
  private static void respond(HttpExchange ex, String contentType, Supplier<Reply> reply) throws IOException {
    try (ex) {
      boolean head = "HEAD".equals(ex.getRequestMethod());
      if (!"GET".equals(ex.getRequestMethod()) && !head) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain", "only GET\n", false);
        return;
      }
      Reply r;
      try {
        r = reply.get();
      } catch (RuntimeException e) {
        send(ex, 500, "text/plain", "internal error: " + e + "\n", head);
        return;
      }
      send(ex, r.status(), contentType, r.body(), head);
    }
  }

  private static void send(HttpExchange ex, int status, String contentType, String body, boolean head) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
