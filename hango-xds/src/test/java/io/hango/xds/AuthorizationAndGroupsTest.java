package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.xds.TestResources.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Status;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Node groups, the authorizer, and the stream limit. */
class AuthorizationAndGroupsTest {

  private static Snapshot only(String clusterName) {
    return Snapshot.builder().add(cluster(clusterName)).build();
  }

  private static Node node(String id, String cluster, String metadataKey, String metadataValue) {
    Node.Builder b = Node.newBuilder().setId(id).setCluster(cluster);
    if (metadataKey != null) {
      b.setMetadata(
          Struct.newBuilder().putFields(metadataKey, Value.newBuilder().setStringValue(metadataValue).build()));
    }
    return b.build();
  }

  @Test
  void everyNodeIsInTheDefaultGroupByDefault() throws Exception {
    try (XdsFixture fx = XdsFixture.start();
        SotwXdsStream ads = fx.client.ads(node("n1", "edge", null, null))) {
      fx.store().publish("default", only("for-everyone"));
      ads.request(TypeUrls.CLUSTER);
      assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("for-everyone");
    }
  }

  @Test
  void groupsByNodeCluster() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.nodeGroups(NodeGroupFunction.byCluster()));
        SotwXdsStream edge = fx.client.ads(node("n1", "edge", null, null));
        SotwXdsStream internal = fx.client.ads(node("n2", "internal", null, null));
        SotwXdsStream none = fx.client.ads(node("n3", "", null, null))) {
      fx.store().publish("edge", only("edge-cluster"));
      fx.store().publish("internal", only("internal-cluster"));
      fx.store().publish("default", only("default-cluster"));
      edge.request(TypeUrls.CLUSTER);
      internal.request(TypeUrls.CLUSTER);
      none.request(TypeUrls.CLUSTER);
      assertThat(names(edge.awaitResponse(TypeUrls.CLUSTER))).containsExactly("edge-cluster");
      assertThat(names(internal.awaitResponse(TypeUrls.CLUSTER))).containsExactly("internal-cluster");
      assertThat(names(none.awaitResponse(TypeUrls.CLUSTER))).containsExactly("default-cluster");
      // A publish to one group reaches only its nodes.
      fx.store().publish("edge", only("edge-2"));
      // Make-before-break on ADS: the new cluster next to the old one, then the old one goes.
      DiscoveryResponse both = edge.awaitResponse(TypeUrls.CLUSTER);
      assertThat(names(both)).containsExactly("edge-2", "edge-cluster");
      edge.ack(both);
      assertThat(names(edge.awaitResponse(TypeUrls.CLUSTER))).containsExactly("edge-2");
      internal.expectNoResponse(Duration.ofMillis(200));
    }
  }

  @Test
  void streamsOfARemovedGroupAreResetAndGroupedAgainOnReconnect() throws Exception {
    // Like the control plane: a node joins its gateway's group while that gateway exists.
    Set<String> gateways = ConcurrentHashMap.newKeySet();
    NodeGroupFunction byGateway = n -> gateways.contains(n.getCluster()) ? n.getCluster() : "default";
    try (XdsFixture fx = XdsFixture.start(b -> b.nodeGroups(byGateway));
        SotwXdsStream sotw = fx.client.ads(node("n1", "edge", null, null));
        DeltaXdsStream delta = fx.client.deltaAds(node("n2", "edge", null, null));
        SotwXdsStream other = fx.client.ads(node("n3", "internal", null, null));
        SotwXdsStream waiting = fx.client.ads(node("n4", "pending", null, null))) {
      gateways.addAll(List.of("edge", "internal", "pending"));
      fx.store().publish("edge", only("edge-cluster"));
      fx.store().publish("internal", only("internal-cluster"));
      fx.store().publish("default", only("default-cluster"));
      sotw.request(TypeUrls.CLUSTER);
      delta.subscribe(TypeUrls.CLUSTER);
      other.request(TypeUrls.CLUSTER);
      waiting.request(TypeUrls.CLUSTER);
      sotw.ack(sotw.awaitResponse(TypeUrls.CLUSTER));
      delta.ack(delta.awaitResponse(TypeUrls.CLUSTER));
      other.ack(other.awaitResponse(TypeUrls.CLUSTER));

      gateways.remove("edge");
      fx.store().clear("edge");
      // Its clients would otherwise keep the removed gateway's configuration for ever.
      Status reset = sotw.awaitClosed(Duration.ofSeconds(5));
      assertThat(reset.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(reset.getDescription()).contains("'edge'");
      assertThat(delta.awaitClosed(Duration.ofSeconds(5)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      try (SotwXdsStream again = fx.client.ads(node("n1", "edge", null, null))) {
        again.request(TypeUrls.CLUSTER);
        assertThat(names(again.awaitResponse(TypeUrls.CLUSTER))).containsExactly("default-cluster");
      }
      // Other groups, and a group that never had a snapshot, are left alone.
      fx.store().clear("pending");
      other.expectNoResponse(Duration.ofMillis(200));
      fx.store().publish("pending", only("pending-cluster"));
      assertThat(names(waiting.awaitResponse(TypeUrls.CLUSTER))).containsExactly("pending-cluster");
      assertThat(fx.xds.status().node("n3")).hasSize(1);
    }
  }

  @Test
  void groupsByMetadataKey() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.nodeGroups(NodeGroupFunction.byMetadata("tenant")));
        DeltaXdsStream a = fx.client.deltaAds(node("n1", "x", "tenant", "a"));
        DeltaXdsStream missing = fx.client.deltaAds(node("n2", "x", "other", "b"))) {
      fx.store().publish("a", only("tenant-a"));
      fx.store().publish("default", only("default-cluster"));
      a.subscribe(TypeUrls.CLUSTER);
      missing.subscribe(TypeUrls.CLUSTER);
      assertThat(names(a.awaitResponse(TypeUrls.CLUSTER))).containsExactly("tenant-a");
      assertThat(names(missing.awaitResponse(TypeUrls.CLUSTER))).containsExactly("default-cluster");
    }
  }

  @Test
  void authorizerCanDenyAStream() throws Exception {
    XdsAuthorizer authorizer =
        client -> client.node().getId().startsWith("intruder")
            ? XdsAuthorization.deny("unknown node " + client.node().getId())
            : XdsAuthorization.allow();
    try (XdsFixture fx = XdsFixture.start(b -> b.authorizer(authorizer))) {
      fx.store().publish("default", only("secret-cluster"));
      try (SotwXdsStream intruder = fx.client.ads(XdsTestClient.node("intruder-1"))) {
        intruder.request(TypeUrls.CLUSTER);
        Status status = intruder.awaitClosed(Duration.ofSeconds(5));
        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).isEqualTo("unknown node intruder-1");
        assertThat(intruder.received()).isEmpty();
      }
      try (SotwXdsStream friend = fx.client.ads(XdsTestClient.node("friend"))) {
        friend.request(TypeUrls.CLUSTER);
        assertThat(names(friend.awaitResponse(TypeUrls.CLUSTER))).containsExactly("secret-cluster");
      }
      assertThat(fx.xds.status().node("intruder-1")).isEmpty();
    }
  }

  @Test
  void authorizerCanRestrictANodeToAGroupWhateverItClaims() throws Exception {
    List<XdsClientIdentity> seen = new CopyOnWriteArrayList<>();
    XdsAuthorizer authorizer =
        client -> {
          seen.add(client);
          // Only nodes whose id says "tenant-b" get tenant b, whatever their metadata claims.
          return XdsAuthorization.allowGroup(client.node().getId().startsWith("b-") ? "b" : "a");
        };
    try (XdsFixture fx =
            XdsFixture.start(b -> b.nodeGroups(NodeGroupFunction.byMetadata("tenant")).authorizer(authorizer));
        SotwXdsStream liar = fx.client.ads(node("a-1", "x", "tenant", "b"))) {
      fx.store().publish("a", only("tenant-a"));
      fx.store().publish("b", only("tenant-b"));
      liar.request(TypeUrls.CLUSTER);
      assertThat(names(liar.awaitResponse(TypeUrls.CLUSTER))).containsExactly("tenant-a");
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).proposedGroup()).isEqualTo("b");
      assertThat(seen.get(0).service()).endsWith("StreamAggregatedResources");
      assertThat(seen.get(0).peerCertificates()).isEmpty();
      StatusListenerMetricsTest.awaitTrue(() -> fx.xds.status().node("a-1").get(0).group().equals("a"));
    }
  }

  @Test
  void streamsBeyondTheLimitAreRefused() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.maxStreams(1))) {
      fx.store().publish("default", only("c"));
      SotwXdsStream first = fx.client.ads(XdsTestClient.node("first"));
      first.request(TypeUrls.CLUSTER);
      first.awaitResponse(TypeUrls.CLUSTER);
      try (SotwXdsStream second = fx.client.ads(XdsTestClient.node("second"))) {
        second.request(TypeUrls.CLUSTER);
        assertThat(second.awaitClosed(Duration.ofSeconds(5)).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      }
      first.close();
      StatusListenerMetricsTest.awaitTrue(() -> fx.xds.status().nodes().isEmpty());
      try (SotwXdsStream third = fx.client.ads(XdsTestClient.node("third"))) {
        third.request(TypeUrls.CLUSTER);
        assertThat(names(third.awaitResponse(TypeUrls.CLUSTER))).containsExactly("c");
      }
    }
  }
}
