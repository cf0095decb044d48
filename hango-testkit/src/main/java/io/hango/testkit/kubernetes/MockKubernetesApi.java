package io.hango.testkit.kubernetes;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.hango.testkit.kubernetes.internal.ClosingOffTheEventLoop;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * fabric8's Kubernetes mock API server in CRUD mode, on 127.0.0.1 over plain HTTP: it stores what is
 * written to it and serves gets, lists and watches of it (label selectors, custom resources of
 * created CustomResourceDefinitions and their {@code status} subresource included). Not a real API
 * server: no admission, no schema validation, no garbage collection. Watches that close while an
 * event is being sent do not stall it (a work-around for the mock).
 *
 * <pre>{@code
 * try (MockKubernetesApi api = MockKubernetesApi.start(0)) {
 *   api.client().configMaps().inNamespace("default").resource(cm).create();
 * }
 * }</pre>
 */
public final class MockKubernetesApi implements AutoCloseable {

  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;

  private MockKubernetesApi(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** Starts a CRUD mock on {@code port} (0: any free port). */
  public static MockKubernetesApi start(int port) {
    KubernetesMockServer server = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), new ClosingOffTheEventLoop(), false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new MockKubernetesApi(server);
  }

  /** A client of this server (namespace {@code test}); closed with it. */
  public NamespacedKubernetesClient client() {
    return client;
  }

  /** The underlying fabric8 mock server. */
  public KubernetesMockServer server() {
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  /** Its URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
