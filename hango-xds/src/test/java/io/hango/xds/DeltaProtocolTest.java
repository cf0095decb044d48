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
    // The held set's version: the same pairs as the SotW version_info, but order-independent
    // so that it can be kept up to date as resources come and go.
    assertThat(r.getSystemVersionInfo())
        .isEqualTo(io.hango.xds.internal.ResourceVersions.setVersion(ads.held(TypeUrls.CLUSTER)));
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
  void aNackIsForgottenOnceAnotherVersionIsAcked() {
    ads.subscribe(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    Snapshot v2 = basic().withChanges(TypeUrls.CLUSTER, Map.of("a", cluster("a", 99)), List.of());
    fx.store().publish("default", v2);
    DeltaDiscoveryResponse rejected = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.nack(rejected, "connect timeout too long");
    awaitStatus(() -> rejected.getSystemVersionInfo().equals(status(TypeUrls.CLUSTER).versionNacked()));

    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("a", cluster("a", 5)), List.of()));
    DeltaDiscoveryResponse v3 = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.ack(v3);
    awaitStatus(() -> v3.getSystemVersionInfo().equals(status(TypeUrls.CLUSTER).versionAcked()));

    fx.store().publish("default", v2);
    DeltaDiscoveryResponse again = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(again.getResourcesList()).extracting(Resource::getVersion)
        .containsExactly(v2.resource(TypeUrls.CLUSTER, "a").orElseThrow().version());
  }

  @Test
  void aNackIsForgottenWhenTheNameIsSubscribedAgain() {
    ads.subscribe(TypeUrls.ENDPOINT, "a");
    ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
    Snapshot bad = basic().withChanges(TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 0)), List.of());
    fx.store().publish("default", bad);
    DeltaDiscoveryResponse rejected = ads.awaitResponse(TypeUrls.ENDPOINT);
    ads.nack(rejected, "port 0");
    ads.expectNoResponse(QUIET);
    // Subscribing again asks for the resource anew: the client gets the current one.
    ads.subscribe(TypeUrls.ENDPOINT, "a");
    DeltaDiscoveryResponse answer = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(answer.getResourcesList()).extracting(Resource::getVersion)
        .containsExactly(bad.resource(TypeUrls.ENDPOINT, "a").orElseThrow().version());
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
      // On ADS the deletion follows the additions, once they are applied (make-before-break).
      again.ack(r);
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
  void endpointsOfAClusterWithoutAssignmentAreAnsweredEmptyAndOfNoClusterRemoved() {
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("lonely", cluster("lonely")), List.of()));
    ads.subscribe(TypeUrls.ENDPOINT, "lonely", "unknown");
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.ENDPOINT);
    // The cluster exists and has no endpoints: say so, or Envoy keeps it warming.
    List<ClusterLoadAssignment> clas = unpack(r, ClusterLoadAssignment.class);
    assertThat(clas).extracting(ClusterLoadAssignment::getClusterName).containsExactly("lonely");
    assertThat(clas.get(0).getEndpointsList()).isEmpty();
    // No cluster at all: the resource does not exist.
    assertThat(r.getRemovedResourcesList()).containsExactly("unknown");
  }

  @Test
  void anUpdateIsSentAsWhatItChangedWithRemovalsAfterTheAdditions() {
    ads.subscribe(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    ads.subscribe(TypeUrls.ENDPOINT, "a", "b");
    ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));

    fx.store().update("default", TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 2001)), List.of());
    DeltaDiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(unpack(eds, ClusterLoadAssignment.class)).containsExactly(endpoints("a", 2001));
    ads.ack(eds);
    ads.expectNoResponse(Duration.ofMillis(300));

    fx.store().update("default", TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of("b"));
    DeltaDiscoveryResponse added = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(added)).containsExactly("c");
    assertThat(added.getRemovedResourcesList()).isEmpty();
    ads.ack(added);
    DeltaDiscoveryResponse removed = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(removed.getResourcesList()).isEmpty();
    assertThat(removed.getRemovedResourcesList()).containsExactly("b");
  }

  @Test
  void endpointsOfARemovedClusterAreReportedRemovedNotEmptied() {
    ads.subscribe(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    ads.subscribe(TypeUrls.ENDPOINT, "a", "b");
    ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
    ads.autoAck(true);

    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of(), List.of("a"))
        .withChanges(TypeUrls.ENDPOINT, Map.of(), List.of("a")));
    DeltaDiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(eds.getResourcesList()).isEmpty();
    assertThat(eds.getRemovedResourcesList()).containsExactly("a");
    assertThat(ads.held(TypeUrls.ENDPOINT)).containsOnlyKeys("b");
    // A cluster that stays but loses its endpoints gets an empty assignment.
    fx.store().update("default", TypeUrls.ENDPOINT, Map.of(), List.of("b"));
    DeltaDiscoveryResponse emptied = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(unpack(emptied, ClusterLoadAssignment.class)).singleElement()
        .satisfies(cla -> assertThat(cla.getEndpointsList()).isEmpty());
    assertThat(emptied.getRemovedResourcesList()).isEmpty();
  }

  @Test
  void aReconnectHoldingResourcesThatNoLongerExistIsToldTheyAreRemoved() {
    ads.subscribe(TypeUrls.ENDPOINT, "a", "b");
    ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
    ads.subscribe(TypeUrls.ROUTE, "routes");
    ads.ack(ads.awaitResponse(TypeUrls.ROUTE));
    Map<String, String> endpoints = ads.held(TypeUrls.ENDPOINT);
    Map<String, String> routes = ads.held(TypeUrls.ROUTE);
    ads.close();

    // Meanwhile cluster b and the route configuration (no listener names it) are gone.
    fx.store().publish("default", basic()
        .withChanges(TypeUrls.CLUSTER, Map.of(), List.of("b"))
        .withChanges(TypeUrls.ENDPOINT, Map.of(), List.of("b"))
        .withChanges(TypeUrls.LISTENER, Map.of(), List.of("api.example.com"))
        .withChanges(TypeUrls.ROUTE, Map.of(), List.of("routes")));
    try (DeltaXdsStream again = fx.client.deltaAds(XdsTestClient.node("envoy-1")).autoAck(true)) {
      again.resubscribe(TypeUrls.ENDPOINT, endpoints, "a", "b");
      again.resubscribe(TypeUrls.ROUTE, routes, "routes");
      awaitStatus(() -> again.held(TypeUrls.ENDPOINT).keySet().equals(java.util.Set.of("a"))
          && again.held(TypeUrls.ROUTE).isEmpty());
      assertThat(again.received())
          .allSatisfy(r -> assertThat(r.getResourcesList()).as("nothing re-sent, nothing emptied").isEmpty());
    }
  }

  @Test
  void wildcardEndpointsWithNamedClustersComeInNameOrderWithTheHeldSetVersion() {
    Snapshot withLonely = basic().withChanges(
        TypeUrls.CLUSTER, Map.of("c-lonely", cluster("c-lonely"), "0-lonely", cluster("0-lonely")), List.of());
    fx.store().publish("default", withLonely);
    ads.subscribe(TypeUrls.ENDPOINT, "*", "c-lonely", "0-lonely", "unknown");
    DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(r)).containsExactly("0-lonely", "a", "b", "c-lonely");
    assertThat(unpack(r, ClusterLoadAssignment.class).get(0).getEndpointsList()).isEmpty();
    java.util.TreeMap<String, String> held = new java.util.TreeMap<>();
    r.getResourcesList().forEach(res -> held.put(res.getName(), res.getVersion()));
    assertThat(r.getSystemVersionInfo())
        .isEqualTo(io.hango.xds.internal.ResourceVersions.setVersion(held));
    assertThat(r.getRemovedResourcesList()).containsExactly("unknown");
    ads.ack(r);

    // Only what changed is sent; an assignment that disappears and was not subscribed by name
    // is removed, after the additions.
    fx.store()
        .publish("default", withLonely.withChanges(TypeUrls.ENDPOINT, Map.of("b", endpoints("b", 7)), List.of("a")));
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

  private static void awaitStatus(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("status condition not met within 5s");
      }
      Thread.onSpinWait();
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
