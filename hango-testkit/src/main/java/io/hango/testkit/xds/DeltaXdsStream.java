package io.hango.testkit.xds;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
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
public final class DeltaXdsStream implements AutoCloseable {

  private final ClientCall<DeltaDiscoveryRequest, DeltaDiscoveryResponse> call;
  private final StreamObserver<DeltaDiscoveryRequest> requests;
  private final ResponseInbox<DeltaDiscoveryResponse> inbox =
      new ResponseInbox<>(
          r -> r.getTypeUrl() + XdsResponses.names(r) + "-" + r.getRemovedResourcesList());
  private final Node node;
  private final Map<String, Map<String, String>> held = new HashMap<>();
  private volatile boolean autoAck;

  DeltaXdsStream(ClientCall<DeltaDiscoveryRequest, DeltaDiscoveryResponse> call, Node node) {
    this.call = call;
    this.node = node;
    this.requests =
        ClientCalls.asyncBidiStreamingCall(
            call,
            new StreamObserver<>() {
              @Override
              public void onNext(DeltaDiscoveryResponse r) {
                synchronized (DeltaXdsStream.this) {
                  Map<String, String> view = held.computeIfAbsent(r.getTypeUrl(), t -> new TreeMap<>());
                  for (Resource res : r.getResourcesList()) {
                    view.put(res.getName(), res.getVersion());
                  }
                  r.getRemovedResourcesList().forEach(view::remove);
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
  public DeltaXdsStream autoAck(boolean on) {
    this.autoAck = on;
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

  /** Sends a request exactly as given. */
  public synchronized DeltaXdsStream send(DeltaDiscoveryRequest request) {
    requests.onNext(request);
    return this;
  }

  /** The client's view of a type: name to version, after every response received. */
  public synchronized Map<String, String> held(String typeUrl) {
    return Map.copyOf(held.getOrDefault(typeUrl, Map.of()));
  }

  /** The next unread response of a type, waiting up to {@link XdsTestClient#DEFAULT_TIMEOUT}. */
  public DeltaDiscoveryResponse awaitResponse(String typeUrl) {
    return awaitResponse(typeUrl, XdsTestClient.DEFAULT_TIMEOUT);
  }

  /** The next unread response of a type. */
  public DeltaDiscoveryResponse awaitResponse(String typeUrl, Duration timeout) {
    return inbox.next(r -> r.getTypeUrl().equals(typeUrl), "response of " + typeUrl, timeout);
  }

  /** The next unread response of any type. */
  public DeltaDiscoveryResponse awaitAnyResponse(Duration timeout) {
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
  public List<DeltaDiscoveryResponse> received() {
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
