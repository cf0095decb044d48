package io.hango.xds;

import static io.hango.xds.TestResources.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must not make the server buffer: over real loopback HTTP/2,
 * the server sends until the transport says it is not ready, then only remembers that the
 * type is due. When the client reads again it gets the latest version, not the backlog.
 */
class FlowControlTest {

  private static final int PUBLISHES = 150;
  private static final int RESOURCE_BYTES = 100_000;

  private XdsServer xds;
  private ManagedChannel channel;

  @BeforeEach
  void setUp() {
    xds = XdsServer.builder().host("127.0.0.1").port(0).debounce(Duration.ZERO, Duration.ZERO).build().start();
    channel =
        Grpc.newChannelBuilder("127.0.0.1:" + xds.port(), InsecureChannelCredentials.create())
            .maxInboundMessageSize(16 << 20)
            .build();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    xds.shutdown(Duration.ofSeconds(2));
  }

  @Test
  void aClientThatNeverReadsCostsBoundedMemoryAndThenGetsTheLatestVersion() throws Exception {
    LinkedBlockingQueue<DiscoveryResponse> received = new LinkedBlockingQueue<>();
    ClientCall<DiscoveryRequest, DiscoveryResponse> call =
        channel.newCall(AggregatedDiscoveryServiceGrpc.getStreamAggregatedResourcesMethod(), CallOptions.DEFAULT);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(DiscoveryResponse message) {
            received.add(message);
          }

          @Override
          public void onClose(Status status, io.grpc.Metadata trailers) {}
        },
        new io.grpc.Metadata());
    // Deliberately no call.request(n): the client reads nothing.
    xds.snapshots().publish("default", big(0));
    call.sendMessage(
        DiscoveryRequest.newBuilder().setNode(XdsTestClient.node("slow")).setTypeUrl(TypeUrls.CLUSTER).build());

    Snapshot last = null;
    for (int i = 1; i <= PUBLISHES; i++) {
      last = big(i);
      xds.snapshots().publish("default", last);
    }
    // Let the server do whatever it would do with the backlog.
    NodeStatus s = awaitSettled();
    long published = (long) PUBLISHES * RESOURCE_BYTES;
    assertThat(s.pendingTypes()).isLessThanOrEqualTo(1);
    // Bounded by the HTTP/2 window plus a message or so, far below what was published.
    assertThat(s.bytesSent()).isLessThan(3_000_000L).isLessThan(published / 4);
    assertThat(s.responsesSent()).isLessThan(PUBLISHES / 4);

    call.request(Integer.MAX_VALUE);
    String latest = last.version(TypeUrls.CLUSTER);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    DiscoveryResponse r;
    do {
      r = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(r).as("latest version never arrived").isNotNull();
    } while (!r.getVersionInfo().equals(latest));
    // Coalesced: far fewer responses than publishes.
    assertThat(xds.status().node("slow").get(0).responsesSent()).isLessThan(PUBLISHES / 4);
    call.cancel("done", null);
  }

  @Test
  void deltaStreamsAreFlowControlledTheSameWay() throws Exception {
    LinkedBlockingQueue<DeltaDiscoveryResponse> received = new LinkedBlockingQueue<>();
    ClientCall<DeltaDiscoveryRequest, DeltaDiscoveryResponse> call =
        channel.newCall(AggregatedDiscoveryServiceGrpc.getDeltaAggregatedResourcesMethod(), CallOptions.DEFAULT);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(DeltaDiscoveryResponse message) {
            received.add(message);
          }
        },
        new io.grpc.Metadata());
    xds.snapshots().publish("default", big(0));
    call.sendMessage(
        DeltaDiscoveryRequest.newBuilder().setNode(XdsTestClient.node("slow")).setTypeUrl(TypeUrls.CLUSTER).build());
    Snapshot last = null;
    for (int i = 1; i <= PUBLISHES; i++) {
      last = big(i);
      xds.snapshots().publish("default", last);
    }
    NodeStatus s = awaitSettled();
    assertThat(s.delta()).isTrue();
    assertThat(s.pendingTypes()).isLessThanOrEqualTo(1);
    assertThat(s.bytesSent()).isLessThan(3_000_000L);
    assertThat(s.responsesSent()).isLessThan(PUBLISHES / 4);

    call.request(Integer.MAX_VALUE);
    String latest = last.resource(TypeUrls.CLUSTER, "big").orElseThrow().version();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    DeltaDiscoveryResponse r;
    do {
      r = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(r).as("latest version never arrived").isNotNull();
    } while (r.getResourcesCount() == 0 || !r.getResources(0).getVersion().equals(latest));
    call.cancel("done", null);
  }

  /** Waits until the stream's sent counters stop moving. */
  private NodeStatus awaitSettled() throws InterruptedException {
    NodeStatus previous = null;
    for (int i = 0; i < 100; i++) {
      Thread.sleep(50);
      List<NodeStatus> n = xds.status().node("slow");
      if (n.isEmpty()) {
        continue;
      }
      NodeStatus now = n.get(0);
      if (previous != null && previous.bytesSent() == now.bytesSent() && now.responsesSent() > 0) {
        return now;
      }
      previous = now;
    }
    throw new AssertionError("stream never settled: " + previous);
  }

  /** One cluster of about {@link #RESOURCE_BYTES} bytes, different for each i. */
  private static Snapshot big(int i) {
    String filler = String.valueOf((char) ('a' + i % 26)).repeat(RESOURCE_BYTES);
    Cluster c =
        cluster("big").toBuilder()
            .setMetadata(
                Metadata.newBuilder()
                    .putFilterMetadata(
                        "test",
                        Struct.newBuilder()
                            .putFields("i", Value.newBuilder().setNumberValue(i).build())
                            .putFields("filler", Value.newBuilder().setStringValue(filler).build())
                            .build()))
            .build();
    return Snapshot.builder().add(c).build();
  }
}
