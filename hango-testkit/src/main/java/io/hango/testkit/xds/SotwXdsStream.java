package io.hango.testkit.xds;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
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
public final class SotwXdsStream implements AutoCloseable {

  private final ClientCall<DiscoveryRequest, DiscoveryResponse> call;
  private final StreamObserver<DiscoveryRequest> requests;
  private final ResponseInbox<DiscoveryResponse> inbox =
      new ResponseInbox<>(r -> r.getTypeUrl() + "@" + r.getVersionInfo() + XdsResponses.names(r));
  private final Node node;
  private final Map<String, String> acceptedVersion = new HashMap<>();
  private final Map<String, String> latestNonce = new HashMap<>();
  private final Map<String, List<String>> subscription = new HashMap<>();
  private volatile boolean autoAck;

  SotwXdsStream(ClientCall<DiscoveryRequest, DiscoveryResponse> call, Node node) {
    this.call = call;
    this.node = node;
    this.requests =
        ClientCalls.asyncBidiStreamingCall(
            call,
            new StreamObserver<>() {
              @Override
              public void onNext(DiscoveryResponse r) {
                synchronized (SotwXdsStream.this) {
                  latestNonce.put(r.getTypeUrl(), r.getNonce());
                }
                inbox.add(r);
                if (autoAck) {
                  ack(r);
                }
              }

              @Override
              public void onError(Throwable t) {
                inbox.closed(io.grpc.Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                inbox.closed(io.grpc.Status.OK);
              }
            });
  }

  /** When on, every response is ACKed as it arrives (it still lands in the inbox). */
  public SotwXdsStream autoAck(boolean on) {
    this.autoAck = on;
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

  /** Sends a request exactly as given. */
  public synchronized SotwXdsStream send(DiscoveryRequest request) {
    requests.onNext(request);
    return this;
  }

  /** The next unread response of a type, waiting up to {@link XdsTestClient#DEFAULT_TIMEOUT}. */
  public DiscoveryResponse awaitResponse(String typeUrl) {
    return awaitResponse(typeUrl, XdsTestClient.DEFAULT_TIMEOUT);
  }

  /** The next unread response of a type. */
  public DiscoveryResponse awaitResponse(String typeUrl, Duration timeout) {
    return inbox.next(r -> r.getTypeUrl().equals(typeUrl), "response of " + typeUrl, timeout);
  }

  /** The next unread response of any type. */
  public DiscoveryResponse awaitAnyResponse(Duration timeout) {
    return inbox.next(r -> true, "response", timeout);
  }

  /** Fails if a response of the type arrives within the duration. */
  public void expectNoResponse(String typeUrl, Duration within) {
    inbox.expectNone(r -> r.getTypeUrl().equals(typeUrl), within);
  }

  /** Fails if any response arrives within the duration. */
  public void expectNoResponse(Duration within) {
    inbox.expectNone(r -> true, within);
  }

  /** Every response received so far, in order. */
  public List<DiscoveryResponse> received() {
    return inbox.all();
  }

  /** Waits for the server to end the stream; returns the final status. */
  public io.grpc.Status awaitClosed(Duration timeout) {
    return inbox.awaitClosed(timeout);
  }

  /** Cancels the stream. */
  @Override
  public void close() {
    call.cancel("test client closed", null);
  }
}
