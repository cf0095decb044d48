package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.testkit.xds.XdsResponses.unpack;
import static io.hango.xds.TestResources.apiListener;
import static io.hango.xds.TestResources.basic;
import static io.hango.xds.TestResources.cluster;
import static io.hango.xds.TestResources.endpoints;
import static io.hango.xds.TestResources.route;
import static io.hango.xds.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** State-of-the-world protocol conformance, over ADS and the per-type services. */
class SotwProtocolTest {

  private static final Duration QUIET = Duration.ofMillis(300);

  private XdsFixture fx;
  private SotwXdsStream ads;

  @BeforeEach
  void setUp() {
    fx = XdsFixture.start();
    fx.store().publish("default", basic());
    ads = fx.client.ads(XdsTestClient.node("envoy-1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    ads.close();
    fx.close();
  }

  @Test
  void firstRequestIsAnsweredWithContentVersion() {
    ads.request(TypeUrls.CLUSTER);
    DiscoveryResponse cds = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(cds)).containsExactly("a", "b");
    // version_info is the hash over what was sent: here the whole type.
    assertThat(cds.getVersionInfo()).isEqualTo(basic().version(TypeUrls.CLUSTER));
    assertThat(cds.getNonce()).isNotEmpty();
  }

  @Test
  void plainAckIsNotAnswered() {
    ads.request(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    ads.expectNoResponse(QUIET);
    assertThat(cdsStatus().versionAcked()).isEqualTo(basic().version(TypeUrls.CLUSTER));
  }

  @Test
  void nackIsRecordedAndTheRejectedVersionIsNotResent() {
    ads.request(TypeUrls.CLUSTER);
    DiscoveryResponse good = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.ack(good);
    // The ACK must land before the next push, or it is (rightly) ignored as stale.
    assertThat(await(() -> cdsStatus().versionAcked(), good.getVersionInfo())).isTrue();

    Snapshot bad = basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of());
    fx.store().publish("default", bad);
    DiscoveryResponse rejected = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.nack(rejected, "cluster c: bad thing");
    ads.expectNoResponse(QUIET);

    TypeStatus s = cdsStatus();
    assertThat(s.versionNacked()).isEqualTo(rejected.getVersionInfo());
    assertThat(s.lastNackMessage()).isEqualTo("cluster c: bad thing");
    assertThat(s.versionAcked()).isEqualTo(good.getVersionInfo());
    assertThat(s.lastNackAt()).isNotNull();
    assertThat(fx.xds.status().node("envoy-1")).hasSize(1);

    // Publishing the rejected content again sends nothing...
    Snapshot worse = bad.withChanges(TypeUrls.CLUSTER, Map.of("zzz", cluster("zzz")), List.of());
    fx.store().publish("default", worse);
    DiscoveryResponse other = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(other)).containsExactly("a", "b", "c", "zzz");
    ads.nack(other, "also bad");
    fx.store().publish("default", worse);
    ads.expectNoResponse(QUIET);
    // ...a newer version is sent.
    fx.store().publish("default", basic());
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  @Test
  void aNackIsForgottenOnceAnotherVersionIsAcked() {
    ads.request(TypeUrls.CLUSTER);
    DiscoveryResponse v1 = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.ack(v1);
    assertThat(await(() -> cdsStatus().versionAcked(), v1.getVersionInfo())).isTrue();
    Snapshot v2 = basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of());
    fx.store().publish("default", v2);
    DiscoveryResponse rejected = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.nack(rejected, "cluster c: bad thing");
    assertThat(await(() -> cdsStatus().versionNacked(), rejected.getVersionInfo())).isTrue();

    Snapshot v3 = basic().withChanges(TypeUrls.CLUSTER, Map.of("d", cluster("d")), List.of());
    fx.store().publish("default", v3);
    DiscoveryResponse accepted = awaitClusters("a", "b", "d");
    assertThat(await(() -> cdsStatus().versionAcked(), accepted.getVersionInfo())).isTrue();

    // The client took another version since: v2 may be what it wants now.
    fx.store().publish("default", v2);
    assertThat(awaitClusters("a", "b", "c").getVersionInfo()).isEqualTo(rejected.getVersionInfo());
  }

  @Test
  void aNackIsForgottenWhenTheSubscriptionChanges() {
    ads.request(TypeUrls.CLUSTER, "a", "b");
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("a", cluster("a", 9)), List.of()));
    DiscoveryResponse rejected = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.nack(rejected, "cluster a: bad thing");
    assertThat(await(() -> cdsStatus().versionNacked(), rejected.getVersionInfo())).isTrue();
    // A new subscription selecting the same set is a new question: it gets an answer.
    ads.request(TypeUrls.CLUSTER, "a", "b", "not-yet");
    DiscoveryResponse answer = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(answer.getVersionInfo()).isEqualTo(rejected.getVersionInfo());
    assertThat(names(answer)).containsExactly("a", "b");
  }

  @Test
  void aSubscriptionChangeAfterANackIsNotAnAckOfTheRejectedVersion() {
    ads.request(TypeUrls.CLUSTER);
    DiscoveryResponse good = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.ack(good);
    assertThat(await(() -> cdsStatus().versionAcked(), good.getVersionInfo())).isTrue();
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    DiscoveryResponse rejected = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.nack(rejected, "cluster c: bad thing");
    assertThat(await(() -> cdsStatus().versionNacked(), rejected.getVersionInfo())).isTrue();

    // Envoy and grpc-java: the next request carries the latest nonce, the last ACCEPTED
    // version and no error_detail. That is a subscription change, not an ACK of the NACKed one.
    ads.request(TypeUrls.CLUSTER, "a");
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a");
    assertThat(cdsStatus().versionAcked()).isEqualTo(good.getVersionInfo());
  }

  @Test
  void aChangedSubscriptionIsAnsweredEvenIfTheVersionStaysTheSame() {
    // grpc-java subscribes CDS by name; a name the server does not have yet must be answered,
    // or the client waits for its does-not-exist timer (15 s) instead of learning it now.
    ads.request(TypeUrls.CLUSTER, "a");
    DiscoveryResponse first = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.ack(first);
    ads.request(TypeUrls.CLUSTER, "a", "not-yet");
    DiscoveryResponse again = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(again)).containsExactly("a");
    assertThat(again.getVersionInfo()).isEqualTo(first.getVersionInfo());
    assertThat(again.getNonce()).isNotEqualTo(first.getNonce());
    // Legacy wildcard to the same names spelled out: also a change of subscription.
    ads.request(TypeUrls.LISTENER);
    DiscoveryResponse lds = ads.awaitResponse(TypeUrls.LISTENER);
    ads.ack(lds);
    ads.request(TypeUrls.LISTENER, "api.example.com");
    assertThat(names(ads.awaitResponse(TypeUrls.LISTENER))).containsExactly("api.example.com");
  }

  @Test
  void staleAndUnknownNoncesAreIgnoredWithoutBreakingTheStream() {
    ads.request(TypeUrls.CLUSTER);
    DiscoveryResponse first = ads.awaitResponse(TypeUrls.CLUSTER);
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    DiscoveryResponse second = ads.awaitResponse(TypeUrls.CLUSTER);

    // A NACK of the superseded response: stale, so neither recorded nor answered.
    ads.nack(first, "late complaint");
    // An unknown nonce with a different subscription: ignored too.
    ads.send(
        DiscoveryRequest.newBuilder()
            .setTypeUrl(TypeUrls.CLUSTER)
            .addResourceNames("a")
            .setResponseNonce("no-such-nonce")
            .build());
    ads.expectNoResponse(QUIET);
    assertThat(cdsStatus().versionNacked()).isNull();

    ads.ack(second);
    assertThat(await(() -> cdsStatus().versionAcked(), second.getVersionInfo())).isTrue();
    fx.store().publish("default", basic());
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  @Test
  void aFirstRequestCarryingANonceFromAnotherServerIsAnswered() {
    // A reconnect to another replica: Envoy sends the version and nonce it had from the old
    // server. This stream has sent no nonce yet, so the request is a new subscription.
    ads.send(
        DiscoveryRequest.newBuilder()
            .setNode(XdsTestClient.node("envoy-1"))
            .setTypeUrl(TypeUrls.CLUSTER)
            .setVersionInfo("version-from-another-server")
            .setResponseNonce("nonce-from-another-server")
            .build());
    DiscoveryResponse cds = ads.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(cds)).containsExactly("a", "b");
    // Once this stream has sent a nonce, other nonces are stale again.
    ads.send(
        DiscoveryRequest.newBuilder()
            .setTypeUrl(TypeUrls.CLUSTER)
            .addResourceNames("a")
            .setResponseNonce("nonce-from-another-server")
            .build());
    ads.expectNoResponse(QUIET);
    ads.ack(cds);
    assertThat(await(() -> cdsStatus().versionAcked(), cds.getVersionInfo())).isTrue();
  }

  @Test
  void aReconnectCarryingTheVersionItHoldsIsSentNothingUntilSomethingChanges() {
    ads.request(TypeUrls.CLUSTER);
    DiscoveryResponse had = ads.awaitResponse(TypeUrls.CLUSTER);
    ads.ack(had);
    // The client reconnects (to this replica or another one serving the same content) and says
    // which version it holds, with the old stream's nonce, as Envoy and grpc-java do.
    try (SotwXdsStream again = fx.client.ads(XdsTestClient.node("envoy-1"))) {
      again.send(
          DiscoveryRequest.newBuilder()
              .setNode(XdsTestClient.node("envoy-1"))
              .setTypeUrl(TypeUrls.CLUSTER)
              .setVersionInfo(had.getVersionInfo())
              .setResponseNonce(had.getNonce())
              .build());
      again.expectNoResponse(QUIET);
      // It counts as in sync, and the next change reaches it.
      fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
      assertThat(names(again.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b", "c");
    }
    // A client holding another version is answered at once.
    try (SotwXdsStream stale = fx.client.ads(XdsTestClient.node("envoy-2"))) {
      stale.send(
          DiscoveryRequest.newBuilder()
              .setNode(XdsTestClient.node("envoy-2"))
              .setTypeUrl(TypeUrls.CLUSTER)
              .setVersionInfo(had.getVersionInfo())
              .build());
      assertThat(names(stale.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b", "c");
    }
  }

  @Test
  void theStatusShowsTheSubscriptionAsItChanges() {
    ads.request(TypeUrls.ENDPOINT, "a");
    DiscoveryResponse first = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(cdsOr(TypeUrls.ENDPOINT).subscriptions()).containsExactly("a");
    ads.send(DiscoveryRequest.newBuilder().setTypeUrl(TypeUrls.ENDPOINT).addResourceNames("a").addResourceNames("b")
        .setVersionInfo(first.getVersionInfo()).setResponseNonce(first.getNonce()).build());
    DiscoveryResponse second = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(await(() -> cdsOr(TypeUrls.ENDPOINT).subscriptions(), List.of("a", "b"))).isTrue();
    ads.send(DiscoveryRequest.newBuilder().setTypeUrl(TypeUrls.ENDPOINT).addResourceNames("b")
        .setVersionInfo(second.getVersionInfo()).setResponseNonce(second.getNonce()).build());
    assertThat(await(() -> cdsOr(TypeUrls.ENDPOINT).subscriptions(), List.of("b"))).isTrue();
  }

  @Test
  void starIsAnExplicitWildcardNotAName() {
    ads.request(TypeUrls.ENDPOINT, "*");
    DiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(eds)).containsExactly("a", "b");
    assertThat(cdsOr(TypeUrls.ENDPOINT).wildcard()).isTrue();
    assertThat(cdsOr(TypeUrls.ENDPOINT).subscriptions()).isEmpty();
  }

  @Test
  void emptyNamesAreALegacyWildcardForClustersAndListeners() {
    ads.request(TypeUrls.CLUSTER);
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
    ads.request(TypeUrls.LISTENER);
    assertThat(names(ads.awaitResponse(TypeUrls.LISTENER))).containsExactly("api.example.com");
    // A later ACK with empty names keeps the legacy wildcard: new clusters arrive.
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b", "c");
  }

  @Test
  void emptyNamesOnEndpointsAfterNamedRequestsUnsubscribe() {
    ads.request(TypeUrls.ENDPOINT, "a");
    DiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(eds)).containsExactly("a");
    ads.ack(eds);
    ads.request(TypeUrls.ENDPOINT);
    DiscoveryResponse none = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(none.getResourcesList()).isEmpty();
    ads.ack(none);
    assertThat(cdsOr(TypeUrls.ENDPOINT).wildcard()).isFalse();

    fx.store().publish("default", basic().withChanges(TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 2001)), List.of()));
    ads.expectNoResponse(TypeUrls.ENDPOINT, QUIET);
  }

  @Test
  void emptyNamesOnRoutesAfterNamedRequestsUnsubscribe() {
    ads.request(TypeUrls.ROUTE, "routes");
    DiscoveryResponse rds = ads.awaitResponse(TypeUrls.ROUTE);
    assertThat(names(rds)).containsExactly("routes");
    ads.ack(rds);
    ads.request(TypeUrls.ROUTE);
    ads.ack(ads.awaitResponse(TypeUrls.ROUTE));
    fx.store().publish("default", basic().withChanges(TypeUrls.ROUTE, Map.of("routes", route("routes", "x", "b")), List.of()));
    ads.expectNoResponse(TypeUrls.ROUTE, QUIET);
  }

  @Test
  void namedClusterAndListenerRequestsGetExactlyTheNamedResources() {
    // What gRPC clients do: CDS and LDS by name, one at a time.
    ads.request(TypeUrls.CLUSTER, "b");
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("b");
    ads.request(TypeUrls.LISTENER, "api.example.com");
    assertThat(names(ads.awaitResponse(TypeUrls.LISTENER))).containsExactly("api.example.com");
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    ads.expectNoResponse(TypeUrls.CLUSTER, QUIET);
  }

  @Test
  void endpointsOfAnUnknownClusterAreAnsweredEmpty() {
    ads.request(TypeUrls.ENDPOINT, "a", "unknown");
    DiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    List<ClusterLoadAssignment> clas = unpack(eds, ClusterLoadAssignment.class);
    assertThat(clas).extracting(ClusterLoadAssignment::getClusterName).containsExactly("a", "unknown");
    assertThat(clas.get(1).getEndpointsList()).isEmpty();
  }

  @Test
  void endpointsAreResentAfterAClusterChange() {
    ads.request(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    ads.request(TypeUrls.ENDPOINT, "a", "b");
    DiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    ads.ack(eds);

    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("a", cluster("a", 7)), List.of()));
    DiscoveryResponse cds = ads.awaitResponse(TypeUrls.CLUSTER);
    DiscoveryResponse again = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(again.getVersionInfo()).isEqualTo(eds.getVersionInfo());
    assertThat(again.getNonce()).isNotEqualTo(eds.getNonce());
    assertThat(ads.received()).containsSubsequence(cds, again);
  }

  @Test
  void anEndpointUpdateSendsOnlyTheChangedAssignment() {
    ads.request(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    ads.request(TypeUrls.ENDPOINT, "a", "b");
    DiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(eds)).containsExactly("a", "b");
    ads.ack(eds);

    Snapshot updated =
        fx.store().update("default", TypeUrls.ENDPOINT, Map.of("b", endpoints("b", 2002)), List.of());
    DiscoveryResponse change = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(unpack(change, ClusterLoadAssignment.class)).containsExactly(endpoints("b", 2002));
    // The version is that of what the client now holds: the whole subscribed set.
    assertThat(change.getVersionInfo()).isEqualTo(updated.version(TypeUrls.ENDPOINT));
    ads.ack(change);
    assertThat(await(() -> cdsOr(TypeUrls.ENDPOINT).versionAcked(), change.getVersionInfo())).isTrue();
    // Nothing for the other types, whose resources did not change.
    ads.expectNoResponse(QUIET);
  }

  @Test
  void aRemovedAssignmentOfASubscribedClusterIsSentEmpty() {
    try (SotwXdsStream eds = fx.client.sotw(TypeUrls.ENDPOINT, XdsTestClient.node("envoy-2"))) {
      eds.request(TypeUrls.ENDPOINT, "a", "b");
      eds.ack(eds.awaitResponse(TypeUrls.ENDPOINT));

      fx.store().update("default", TypeUrls.ENDPOINT, Map.of(), List.of("a"));
      DiscoveryResponse change = eds.awaitResponse(TypeUrls.ENDPOINT);
      assertThat(unpack(change, ClusterLoadAssignment.class))
          .containsExactly(ClusterLoadAssignment.newBuilder().setClusterName("a").build());
    }
  }

  @Test
  void afterANackTheNextEndpointChangeSendsTheWholeSet() {
    ads.request(TypeUrls.ENDPOINT, "a", "b");
    ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
    fx.store().update("default", TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 2001)), List.of());
    DiscoveryResponse rejected = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(names(rejected)).containsExactly("a");
    ads.nack(rejected, "bad endpoints");
    ads.expectNoResponse(QUIET);

    // The client may not hold what it rejected: the next change re-states everything.
    fx.store().update("default", TypeUrls.ENDPOINT, Map.of("b", endpoints("b", 2002)), List.of());
    DiscoveryResponse whole = ads.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(unpack(whole, ClusterLoadAssignment.class))
        .containsExactly(endpoints("a", 2001), endpoints("b", 2002));
    ads.ack(whole);

    fx.store().update("default", TypeUrls.ENDPOINT, Map.of("b", endpoints("b", 3002)), List.of());
    assertThat(names(ads.awaitResponse(TypeUrls.ENDPOINT))).containsExactly("b");
  }

  @Test
  void streamsThatSubscribeAlikeAreSentTheSameSelection() {
    try (SotwXdsStream other = fx.client.ads(XdsTestClient.node("envoy-2"))) {
      ads.request(TypeUrls.ENDPOINT, "b", "a");
      other.request(TypeUrls.ENDPOINT, "a", "b");
      DiscoveryResponse first = ads.awaitResponse(TypeUrls.ENDPOINT);
      DiscoveryResponse second = other.awaitResponse(TypeUrls.ENDPOINT);
      assertThat(second.getResourcesList()).isEqualTo(first.getResourcesList());
      assertThat(second.getVersionInfo()).isEqualTo(first.getVersionInfo());
    }
  }

  @Test
  void perTypeServicesServeTheirType() {
    Snapshot withSecret = basic().withChanges(TypeUrls.SECRET, Map.of("cert", secret("cert")), List.of());
    fx.store().publish("default", withSecret);
    Map<String, String[]> requests =
        Map.of(
            TypeUrls.CLUSTER, new String[0],
            TypeUrls.ENDPOINT, new String[] {"a"},
            TypeUrls.LISTENER, new String[0],
            TypeUrls.ROUTE, new String[] {"routes"},
            TypeUrls.SECRET, new String[] {"cert"});
    requests.forEach(
        (type, names) -> {
          try (SotwXdsStream s = fx.client.sotw(type, XdsTestClient.node("per-type"))) {
            s.request(type, names);
            DiscoveryResponse r = s.awaitResponse(type);
            assertThat(r.getResourcesCount()).as(type).isPositive();
            s.ack(r);
            s.expectNoResponse(Duration.ofMillis(100));
          }
        });
  }

  @Test
  void perTypeServiceRejectsAnotherType() {
    try (SotwXdsStream s = fx.client.sotw(TypeUrls.CLUSTER, XdsTestClient.node("confused"))) {
      s.request(TypeUrls.LISTENER);
      assertThat(s.awaitClosed(Duration.ofSeconds(5)).getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    }
  }

  @Test
  void versionsAreTheSameOnAnotherServerForEqualContent() throws Exception {
    Snapshot reordered =
        Snapshot.builder()
            .add(route("routes", "api.example.com", "a"))
            .add(apiListener("api.example.com", "routes"))
            .add(endpoints("b", 1002))
            .add(endpoints("a", 1001))
            .add(cluster("b"))
            .add(cluster("a"))
            .build();
    try (XdsFixture other = XdsFixture.start();
        SotwXdsStream s = other.client.ads(XdsTestClient.node("envoy-2"))) {
      other.store().publish("default", reordered);
      s.request(TypeUrls.LISTENER);
      ads.request(TypeUrls.LISTENER);
      assertThat(s.awaitResponse(TypeUrls.LISTENER).getVersionInfo())
          .isEqualTo(ads.awaitResponse(TypeUrls.LISTENER).getVersionInfo());
    }
  }

  @Test
  void nothingIsSentToAGroupWithoutASnapshot() {
    fx.store().clear("default");
    ads.request(TypeUrls.CLUSTER);
    ads.expectNoResponse(QUIET);
    fx.store().publish("default", basic());
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  /** Reads CDS responses (ACKing each) until one carries exactly these clusters. */
  private DiscoveryResponse awaitClusters(String... expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      DiscoveryResponse r =
          ads.awaitResponse(TypeUrls.CLUSTER, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      ads.ack(r);
      if (names(r).equals(List.of(expected))) {
        return r;
      }
    }
  }

  @Test
  void anUpdateOfAGroupWithoutASnapshotIsRejectedAndServesNothing() {
    fx.store().clear("default");
    ads.request(TypeUrls.CLUSTER);
    // Serving "endpoints only" would tell a reconnecting Envoy that it has no clusters and no
    // listeners: it would drop everything.
    assertThatThrownBy(
            () -> fx.store().update("default", TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 1)), List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'default'");
    ads.expectNoResponse(QUIET);
    assertThat(fx.store().snapshot("default")).isEmpty();
    assertThat(fx.store().groups()).doesNotContain("default");
    fx.store().publish("default", basic());
    assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  private TypeStatus cdsStatus() {
    return cdsOr(TypeUrls.CLUSTER);
  }

  private TypeStatus cdsOr(String type) {
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

  private static <T> boolean await(java.util.function.Supplier<T> actual, T expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (expected.equals(actual.get())) {
        return true;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
