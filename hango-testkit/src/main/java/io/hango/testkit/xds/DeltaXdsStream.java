package io.hango.testkit.xds;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.ClientCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An incremental (delta) xDS stream driven by a test. It keeps the client's view of each type
 * (name to version, applying additions and removals of every response it receives), which
 * {@link #held} exposes for assertions.
 *
 * <p>Thread-safe. Closing cancels the stream.
 */
public final class DeltaXdsStream extends XdsTestStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse, DeltaXdsStream> {

  private final Node node;
  private final Map<String, Map<String, String>> held = new HashMap<>();

  DeltaXdsStream(ClientCall<DeltaDiscoveryRequest, DeltaDiscoveryResponse> call, Node node) {
    super(call, DeltaDiscoveryResponse::getTypeUrl, r -> r.getTypeUrl() + XdsResponses.names(r) + "-" + r.getRemovedResourcesList());
    this.node = node;
  }

  @Override
  void onResponse(DeltaDiscoveryResponse r) {
    Map<String, String> view = held.computeIfAbsent(r.getTypeUrl(), t -> new TreeMap<>());
    for (Resource res : r.getResourcesList()) {
      view.put(res.getName(), res.getVersion());
    }
    r.getRemovedResourcesList().forEach(view::remove);
  }

  @Override
  DeltaXdsStream self() {
    return this;
  }

  /** Subscribes to names of a type ({@code "*"} for wildcard; none on a first CDS/LDS request: legacy wildcard). */
  public DeltaXdsStream subscribe(String typeUrl, String... names) {
    return send(
        DeltaDiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(typeUrl)
            .addAllResourceNamesSubscribe(List.of(names))
            .build());
  }

  /**
   * The first request of a type after a reconnect: subscribes and declares what the client
   * already holds, so the server sends only what differs.
   */
  public DeltaXdsStream resubscribe(String typeUrl, Map<String, String> initialVersions, String... names) {
    synchronized (this) {
      held.put(typeUrl, new TreeMap<>(initialVersions));
    }
    return send(
        DeltaDiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(typeUrl)
            .addAllResourceNamesSubscribe(List.of(names))
            .putAllInitialResourceVersions(initialVersions)
            .build());
  }

  /** Unsubscribes from names of a type. */
  public DeltaXdsStream unsubscribe(String typeUrl, String... names) {
    return send(
        DeltaDiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(typeUrl)
            .addAllResourceNamesUnsubscribe(List.of(names))
            .build());
  }

  /** Accepts a response. */
  @Override
  public DeltaXdsStream ack(DeltaDiscoveryResponse response) {
    return send(
        DeltaDiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(response.getTypeUrl())
            .setResponseNonce(response.getNonce())
            .build());
  }

  /** Rejects a response with an error message. */
  public DeltaXdsStream nack(DeltaDiscoveryResponse response, String message) {
    return send(
        DeltaDiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(response.getTypeUrl())
            .setResponseNonce(response.getNonce())
            .setErrorDetail(Status.newBuilder().setCode(3).setMessage(message))
            .build());
  }

  /** The client's view of a type: name to version, after every response received. */
  public synchronized Map<String, String> held(String typeUrl) {
    return Map.copyOf(held.getOrDefault(typeUrl, Map.of()));
  }
}
