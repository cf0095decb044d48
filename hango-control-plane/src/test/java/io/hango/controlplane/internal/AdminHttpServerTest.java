package io.hango.controlplane.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin server's HTTP behaviour, independent of the control plane. */
class AdminHttpServerTest {

  private final AtomicBoolean ready = new AtomicBoolean(false);
  private final HttpClient http = HttpClient.newHttpClient();
  private AdminHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        AdminHttpServer.start(
            "127.0.0.1",
            0,
            new AdminHttpServer.Content(
                ready::get,
                () -> "m 1\n",
                () -> {
                  throw new IllegalStateException("status broke");
                },
                () -> "{}",
                () -> "{\"registries\":[]}",
                () -> "<html></html>"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyFollowsTheSupplier() throws Exception {
    assertThat(send("GET", "/ready").statusCode()).isEqualTo(503);
    ready.set(true);
    assertThat(send("GET", "/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void aFailingSupplierAnswers500() throws Exception {
    HttpResponse<String> r = send("GET", "/debug/status");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("status broke");
  }

  @Test
  void onlyGetAndHead() throws Exception {
    assertThat(send("POST", "/metrics").statusCode()).isEqualTo(405);
    HttpResponse<String> head = send("HEAD", "/metrics");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(send("GET", "/metrics").body()).isEqualTo("m 1\n");
    assertThat(send("GET", "/debug/registries").body()).isEqualTo("{\"registries\":[]}");
    assertThat(send("GET", "/elsewhere").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
