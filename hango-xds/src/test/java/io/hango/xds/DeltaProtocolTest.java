package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.testkit.xds.XdsResponses.unpack;
import static io.hango.xds.TestResources.basic;
import static io.hango.xds.TestResources.cluster;
import static io.hango.xds.TestResources.endpoints;
import static io.hango.xds.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incremental (delta) protocol conformance, over ADS and the per-type services. */
class DeltaProtocolTest {

  private static final Duration QUIET = Duration.ofMillis(300);

  private XdsFixture fx;
  private DeltaXdsStream ads;

  @BeforeEach
  void setUp() {
    fx = XdsFixture.start();
    fx.store().publish("default", basic());
    ads = fx.client.deltaAds(XdsTestClient.node("envoy-1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    ads.close();
    fx.close();
  }

  @Test
  void firstRequestIsAnsweredWithPerResourceVersions() {
    ads.subscribe(TypeUrls.CLUSTER);
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(r)).containsExactly("a", "b");
    assertThat(r.getResourcesList())
        .extracting(Resource::getVersion)
        .containsExactly(
            basic().resource(TypeUrls.CLUSTER, "a").orElseThrow().version(),
            basic().resource(TypeUrls.CLUSTER, "b").orElseThrow().version());
    assertThat(r.getSystemVersionInfo()).isEqualTo(basic().version(TypeUrls.CLUSTER));
    assertThat(r.getRemovedResourcesList()).isEmpty();
  }

  @Test
  void plainAckIsNotAnswered() {
    ads.subscribe(TypeUrls.CLUSTER);
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.ack(r);
    ads.expectNoResponse(QUIET);
    assertThat(status(TypeUrls.CLUSTER).versionAcked()).isEqualTo(r.getSystemVersionInfo());
  }

  @Test
  void nackIsRecordedAndTheRejectedVersionIsNotResent() {
    ads.subscribe(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));

    Snapshot bad = basic().withChanges(TypeUrls.CLUSTER, Map.of("a", cluster("a", 99)), List.of());
    fx.store().publish("default", bad);
    DeltaDiscoveryResponse rejected = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(rejected)).containsExactly("a");
    ads.nack(rejected, "connect timeout too long");
    ads.expectNoResponse(QUIET);
    TypeStatus s = status(TypeUrls.CLUSTER);
    assertThat(s.versionNacked()).isEqualTo(rejected.getSystemVersionInfo());
    assertThat(s.lastNackMessage()).isEqualTo("connect timeout too long");

    // An unrelated change is sent, the rejected resource is not.
    fx.store().publish("default", bad.withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("c");
    // A newer version of the rejected resource is.
    fx.store().publish("default", basic());
    DeltaDiscoveryResponse fixed = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(fixed)).containsExactly("a");
  }

  @Test
  void unknownNoncesAreIgnoredButSubscriptionsStillApply() {
    ads.subscribe(TypeUrls.ENDPOINT, "a");
    ads.awaitResponse(TypeUrls.ENDPOINT);
    ads.send(
        DeltaDiscoveryRequest.newBuilder()
            .setTypeUrl(TypeUrls.ENDPOINT)
            .setResponseNonce("no-such-nonce")
            .setErrorDetail(com.google.rpc.Status.newBuilder().setMessage("bogus"))
            .addResourceNamesSubscribe("b")
            .build());
    assertThat(names(ads.awaitResponse(TypeUrls.ENDPOINT))).containsExactly("b");
    assertThat(status(TypeUrls.ENDPOINT).versionNacked()).isNull();
    fx.store().publish("default", basic().withChanges(TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 5)), List.of()));
    assertThat(names(ads.awaitResponse(TypeUrls.ENDPOINT))).containsExactly("a");
  }

  @Test
  void starIsAnExplicitWildcardNotAName() {
    ads.subscribe(TypeUrls.ENDPOINT, "*");
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(r)).containsExactly("a", "b");
    assertThat(r.getRemovedResourcesList()).isEmpty();
    assertThat(status(TypeUrls.ENDPOINT).wildcard()).isTrue();
  }

  @Test
  void emptyFirstSubscriptionIsALegacyWildcardForClustersAndListeners() {
    ads.subscribe(TypeUrls.LISTENER);
    assertThat(names(ads.awaitResponse(TypeUrls.LISTENER))).containsExactly("api.example.com");
    ads.subscribe(TypeUrls.CLUSTER);
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
    ads.subscribe(TypeUrls.ROUTE);
    DeltaDiscoveryResponse rds = ads.awaitResponse(TypeUrls.ROUTE);
    assertThat(rds.getResourcesList()).isEmpty();
  }

  @Test
  void subscribeAndUnsubscribe() {
    ads.subscribe(TypeUrls.ENDPOINT, "a");
    assertThat(names(ads.awaitResponse(TypeUrls.ENDPOINT))).containsExactly("a");
    ads.subscribe(TypeUrls.ENDPOINT, "b");
    assertThat(names(ads.awaitResponse(TypeUrls.ENDPOINT))).containsExactly("b");
    ads.unsubscribe(TypeUrls.ENDPOINT, "a");
    ads.expectNoResponse(QUIET);
    assertThat(status(TypeUrls.ENDPOINT).subscriptions()).containsExactly("b");

    fx.store().publish("default", basic().withChanges(TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 5)), List.of()));
    ads.expectNoResponse(QUIET);
    fx.store().publish("default", basic().withChanges(TypeUrls.ENDPOINT, Map.of("b", endpoints("b", 6)), List.of()));
    assertThat(names(ads.awaitResponse(TypeUrls.ENDPOINT))).containsExactly("b");
  }

  @Test
  void unknownSubscribedNamesAreReportedRemovedOnce() {
    ads.subscribe(TypeUrls.CLUSTER, "a", "ghost");
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(r)).containsExactly("a");
    assertThat(r.getRemovedResourcesList()).containsExactly("ghost");
    ads.ack(r);
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("b", cluster("b", 3)), List.of()));
    ads.expectNoResponse(QUIET);
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("ghost", cluster("ghost")), List.of()));
    DeltaDiscoveryResponse appeared = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(appeared)).containsExactly("ghost");
  }

  @Test
  void initialResourceVersionsAreHonouredOnReconnect() {
    ads.subscribe(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    Map<String, String> held = ads.held(TypeUrls.CLUSTER);
    assertThat(held).containsOnlyKeys("a", "b");
    ads.close();

    // Meanwhile: a unchanged, b deleted, c added.
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of("b")));
    try (DeltaXdsStream again = fx.client.deltaAds(XdsTestClient.node("envoy-1"))) {
      again.resubscribe(TypeUrls.CLUSTER, held);
      DeltaDiscoveryResponse r = again.awaitResponse(TypeUrls.CLUSTER);
      assertThat(names(r)).containsExactly("c");
      // On ADS the deletion follows the additions (make-before-break).
      DeltaDiscoveryResponse removal = again.awaitResponse(TypeUrls.CLUSTER);
      assertThat(removal.getResourcesList()).isEmpty();
      assertThat(removal.getRemovedResourcesList()).containsExactly("b");
      assertThat(again.held(TypeUrls.CLUSTER)).containsOnlyKeys("a", "c");
    }
  }

  @Test
  void reconnectWithEverythingCurrentGetsAnEmptyAnswer() {
    ads.subscribe(TypeUrls.ENDPOINT, "a", "b");
    ads.awaitResponse(TypeUrls.ENDPOINT);
    Map<String, String> held = ads.held(TypeUrls.ENDPOINT);
    try (DeltaXdsStream again = fx.client.deltaAds(XdsTestClient.node("envoy-1"))) {
      again.resubscribe(TypeUrls.ENDPOINT, held, "a", "b");
      DeltaDiscoveryResponse r = again.awaitResponse(TypeUrls.ENDPOINT);
      assertThat(r.getResourcesList()).isEmpty();
      assertThat(r.getRemovedResourcesList()).isEmpty();
    }
  }

  @Test
  void endpointsOfAnUnknownClusterAreAnsweredEmpty() {
    ads.subscribe(TypeUrls.ENDPOINT, "unknown");
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.ENDPOINT);
    List<ClusterLoadAssignment> clas = unpack(r, ClusterLoadAssignment.class);
    assertThat(clas).extracting(ClusterLoadAssignment::getClusterName).containsExactly("unknown");
    assertThat(clas.get(0).getEndpointsList()).isEmpty();
  }

  @Test
  void wildcardEndpointsWithUnknownNamesComeInNameOrderWithTheHeldSetVersion() {
    ads.subscribe(TypeUrls.ENDPOINT, "*", "c-unknown", "0-unknown");
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(r)).containsExactly("0-unknown", "a", "b", "c-unknown");
    assertThat(unpack(r, ClusterLoadAssignment.class).get(0).getEndpointsList()).isEmpty();
    java.util.TreeMap<String, String> held = new java.util.TreeMap<>();
    r.getResourcesList().forEach(res -> held.put(res.getName(), res.getVersion()));
    assertThat(r.getSystemVersionInfo())
        .isEqualTo(io.hango.xds.internal.ResourceVersions.aggregateVersions(held));
    assertThat(r.getRemovedResourcesList()).isEmpty();
    ads.ack(r);

    // Only what changed is sent, and a name that disappears from the snapshot stays as an
    // empty assignment (it is still subscribed by name).
    fx.store()
        .publish("default", basic().withChanges(TypeUrls.ENDPOINT, Map.of("b", endpoints("b", 7)), List.of("a")));
    DeltaDiscoveryResponse next = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(next)).containsExactly("b");
    ads.ack(next);
    DeltaDiscoveryResponse removal = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(removal.getResourcesList()).isEmpty();
    assertThat(removal.getRemovedResourcesList()).containsExactly("a");
  }

  @Test
  void endpointsAreResentAfterAClusterChange() {
    ads.subscribe(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    ads.subscribe(TypeUrls.ENDPOINT, "a", "b");
    ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));

    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("a", cluster("a", 7)), List.of()));
    DeltaDiscoveryResponse cds = ads.awaitResponse(TypeUrls.CLUSTER);
    DeltaDiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(cds)).containsExactly("a");
    assertThat(names(eds)).containsExactly("a");
    assertThat(ads.received()).containsSubsequence(cds, eds);
  }

  @Test
  void perTypeServicesServeTheirTypeWithRemovalsInline() {
    fx.store().publish("default", basic().withChanges(TypeUrls.SECRET, Map.of("cert", secret("cert")), List.of()));
    Map<String, String[]> requests =
        Map.of(
            TypeUrls.CLUSTER, new String[0],
            TypeUrls.ENDPOINT, new String[] {"a"},
            TypeUrls.LISTENER, new String[0],
            TypeUrls.ROUTE, new String[] {"routes"},
            TypeUrls.SECRET, new String[] {"cert"});
    requests.forEach(
        (type, names) -> {
          try (DeltaXdsStream s = fx.client.delta(type, XdsTestClient.node("per-type"))) {
            s.subscribe(type, names);
            DeltaDiscoveryResponse r = s.awaitResponse(type);
            assertThat(r.getResourcesCount()).as(type).isPositive();
            s.ack(r);
            s.expectNoResponse(Duration.ofMillis(100));
          }
        });
    try (DeltaXdsStream cds = fx.client.delta(TypeUrls.CLUSTER, XdsTestClient.node("per-type"))) {
      cds.subscribe(TypeUrls.CLUSTER);
      cds.ack(cds.awaitResponse(TypeUrls.CLUSTER));
      fx.store().update("default", TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of("b"));
      DeltaDiscoveryResponse r = cds.awaitResponse(TypeUrls.CLUSTER);
      assertThat(names(r)).containsExactly("c");
      assertThat(r.getRemovedResourcesList()).containsExactly("b");
    }
  }

  private TypeStatus status(String type) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      List<NodeStatus> n = fx.xds.status().node("envoy-1");
      if (!n.isEmpty() && n.get(0).type(type).isPresent()) {
        return n.get(0).type(type).get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no status for " + type);
  }
}
