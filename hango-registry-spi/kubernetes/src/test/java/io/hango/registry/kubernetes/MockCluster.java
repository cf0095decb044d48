package io.hango.registry.kubernetes;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.hango.testkit.kubernetes.MockKubernetesApi;

/**
 * The testkit's mock API server (fabric8's, CRUD mode, 127.0.0.1) with helpers for EndpointSlices.
 * Not a real API server.
 */
final class MockCluster implements AutoCloseable {

  final MockKubernetesApi api;
  final KubernetesMockServer server;
  final NamespacedKubernetesClient client;

  private MockCluster(MockKubernetesApi api) {
    this.api = api;
    this.server = api.server();
    this.client = api.client();
  }

  /** A CRUD mock server on {@code port} (0: any free port). */
  static MockCluster start(int port) {
    return new MockCluster(MockKubernetesApi.start(port));
  }

  /** The URL of the mock API server. */
  String apiServer() {
    return api.url();
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
    api.close();
  }
}
