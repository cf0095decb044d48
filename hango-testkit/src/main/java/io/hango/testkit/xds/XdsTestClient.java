package io.hango.testkit.xds;

import static java.util.Objects.requireNonNull;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.cluster.v3.ClusterDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.envoyproxy.envoy.service.endpoint.v3.EndpointDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.listener.v3.ListenerDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.route.v3.RouteDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.secret.v3.SecretDiscoveryServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.Map;

/**
 * An xDS client for tests, speaking to any xDS server over a gRPC {@link Channel} (in-process
 * or network). It opens raw streams and leaves every protocol decision to the test: what to
 * request, when to ACK or NACK, which nonce to send.
 *
 * <pre>{@code
 * XdsTestClient client = XdsTestClient.of(channel);
 * try (SotwXdsStream ads = client.ads(Node.newBuilder().setId("envoy-1").build())) {
 *   ads.request(XdsTypes.CLUSTER);                        // legacy wildcard
 *   DiscoveryResponse cds = ads.awaitResponse(XdsTypes.CLUSTER);
 *   ads.ack(cds);
 *   ads.expectNoResponse(Duration.ofMillis(200));
 * }
 * }</pre>
 */
public final class XdsTestClient {

  /** How long the {@code await*} methods wait unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final Map<String, MethodDescriptor<DiscoveryRequest, DiscoveryResponse>> SOTW =
      Map.of(
          XdsTypes.CLUSTER, ClusterDiscoveryServiceGrpc.getStreamClustersMethod(),
          XdsTypes.ENDPOINT, EndpointDiscoveryServiceGrpc.getStreamEndpointsMethod(),
          XdsTypes.LISTENER, ListenerDiscoveryServiceGrpc.getStreamListenersMethod(),
          XdsTypes.ROUTE, RouteDiscoveryServiceGrpc.getStreamRoutesMethod(),
          XdsTypes.SECRET, SecretDiscoveryServiceGrpc.getStreamSecretsMethod());

  private static final Map<String, MethodDescriptor<DeltaDiscoveryRequest, DeltaDiscoveryResponse>>
      DELTA =
          Map.of(
              XdsTypes.CLUSTER, ClusterDiscoveryServiceGrpc.getDeltaClustersMethod(),
              XdsTypes.ENDPOINT, EndpointDiscoveryServiceGrpc.getDeltaEndpointsMethod(),
              XdsTypes.LISTENER, ListenerDiscoveryServiceGrpc.getDeltaListenersMethod(),
              XdsTypes.ROUTE, RouteDiscoveryServiceGrpc.getDeltaRoutesMethod(),
              XdsTypes.SECRET, SecretDiscoveryServiceGrpc.getDeltaSecretsMethod());

  private final Channel channel;

  private XdsTestClient(Channel channel) {
    this.channel = channel;
  }

  /** A client on a channel; the channel stays the caller's to close. */
  public static XdsTestClient of(Channel channel) {
    return new XdsTestClient(requireNonNull(channel, "channel"));
  }

  /** A node with just an id. */
  public static Node node(String id) {
    return Node.newBuilder().setId(id).build();
  }

  /** Opens a state-of-the-world ADS stream. */
  public SotwXdsStream ads(Node node) {
    return new SotwXdsStream(
        channel.newCall(AggregatedDiscoveryServiceGrpc.getStreamAggregatedResourcesMethod(), CallOptions.DEFAULT),
        node);
  }

  /** Opens a state-of-the-world stream on the per-type service of a well-known type. */
  public SotwXdsStream sotw(String typeUrl, Node node) {
    MethodDescriptor<DiscoveryRequest, DiscoveryResponse> m = SOTW.get(typeUrl);
    if (m == null) {
      throw new IllegalArgumentException("no per-type service for " + typeUrl);
    }
    return new SotwXdsStream(channel.newCall(m, CallOptions.DEFAULT), node);
  }

  /** Opens an incremental ADS stream. */
  public DeltaXdsStream deltaAds(Node node) {
    return new DeltaXdsStream(
        channel.newCall(AggregatedDiscoveryServiceGrpc.getDeltaAggregatedResourcesMethod(), CallOptions.DEFAULT),
        node);
  }

  /** Opens an incremental stream on the per-type service of a well-known type. */
  public DeltaXdsStream delta(String typeUrl, Node node) {
    MethodDescriptor<DeltaDiscoveryRequest, DeltaDiscoveryResponse> m = DELTA.get(typeUrl);
    if (m == null) {
      throw new IllegalArgumentException("no per-type service for " + typeUrl);
    }
    return new DeltaXdsStream(channel.newCall(m, CallOptions.DEFAULT), node);
  }
}
