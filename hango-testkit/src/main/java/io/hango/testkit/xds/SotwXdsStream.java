package io.hango.testkit.xds;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ClientCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A state-of-the-world xDS stream (ADS or per-type) driven by a test. Like Envoy, it
 * remembers per type the last accepted version, the latest nonce and the current
 * subscription, so {@link #request}, {@link #ack} and {@link #nack} build well-formed
 * requests; {@link #send} sends anything at all.
 *
 * <p>Thread-safe. Closing cancels the stream.
 */
public final class SotwXdsStream extends XdsTestStream<DiscoveryRequest, DiscoveryResponse, SotwXdsStream> {

  private final Node node;
  private final Map<String, String> acceptedVersion = new HashMap<>();
  private final Map<String, String> latestNonce = new HashMap<>();
  private final Map<String, List<String>> subscription = new HashMap<>();

  SotwXdsStream(ClientCall<DiscoveryRequest, DiscoveryResponse> call, Node node) {
    super(call, DiscoveryResponse::getTypeUrl, r -> r.getTypeUrl() + "@" + r.getVersionInfo() + XdsResponses.names(r));
    this.node = node;
  }

  @Override
  void onResponse(DiscoveryResponse r) {
    latestNonce.put(r.getTypeUrl(), r.getNonce());
  }

  @Override
  SotwXdsStream self() {
    return this;
  }

  /**
   * Subscribes to a type with these names (none: legacy wildcard for CDS/LDS, nothing for
   * others; {@code "*"}: explicit wildcard), carrying the latest nonce and accepted version of
   * the type as Envoy does.
   */
  public synchronized SotwXdsStream request(String typeUrl, String... names) {
    subscription.put(typeUrl, List.of(names));
    return send(
        DiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(typeUrl)
            .addAllResourceNames(List.of(names))
            .setVersionInfo(acceptedVersion.getOrDefault(typeUrl, ""))
            .setResponseNonce(latestNonce.getOrDefault(typeUrl, ""))
            .build());
  }

  /** Accepts a response: its version and nonce, with the current subscription. */
  @Override
  public synchronized SotwXdsStream ack(DiscoveryResponse response) {
    acceptedVersion.put(response.getTypeUrl(), response.getVersionInfo());
    return send(
        DiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(response.getTypeUrl())
            .addAllResourceNames(subscription.getOrDefault(response.getTypeUrl(), List.of()))
            .setVersionInfo(response.getVersionInfo())
            .setResponseNonce(response.getNonce())
            .build());
  }

  /** Rejects a response: its nonce, the previously accepted version, and an error. */
  public synchronized SotwXdsStream nack(DiscoveryResponse response, String message) {
    return send(
        DiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(response.getTypeUrl())
            .addAllResourceNames(subscription.getOrDefault(response.getTypeUrl(), List.of()))
            .setVersionInfo(acceptedVersion.getOrDefault(response.getTypeUrl(), ""))
            .setResponseNonce(response.getNonce())
            .setErrorDetail(Status.newBuilder().setCode(3).setMessage(message))
            .build());
  }
}
