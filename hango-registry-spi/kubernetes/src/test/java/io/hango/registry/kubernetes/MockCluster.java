package io.hango.registry.kubernetes;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * A fabric8 Kubernetes mock API server in CRUD mode on 127.0.0.1 (plain HTTP): it stores what is
 * written to it and serves lists and watches of it, label selectors included. Not a real API server.
 */
final class MockCluster implements AutoCloseable {

  final KubernetesMockServer server;
  final NamespacedKubernetesClient client;

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** A CRUD mock server on {@code port} (0: any free port). */
  static MockCluster start(int port) {
    KubernetesMockServer server = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), new ClosingOffTheEventLoop(), false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new MockCluster(server);
  }

  /** The URL of the mock API server. */
  String apiServer() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Creates or replaces {@code slice}; returns it as stored. */
  EndpointSlice apply(EndpointSlice slice) {
    return client.discovery().v1().endpointSlices().inNamespace(slice.getMetadata().getNamespace()).resource(slice)
        .createOr(NonDeletingOperation::update);
  }

  /** Deletes a slice. */
  void delete(String namespace, String name) {
    client.discovery().v1().endpointSlices().inNamespace(namespace).withName(name).delete();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
