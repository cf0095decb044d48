package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.testkit.xds.XdsResponses.unpack;
import static io.hango.xds.TestResources.apiListener;
import static io.hango.xds.TestResources.cluster;
import static io.hango.xds.TestResources.endpoints;
import static io.hango.xds.TestResources.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On an aggregated stream a change goes out in the order CDS, EDS, LDS, RDS, SDS, and what
 * disappears goes last: the route moves from cluster a to cluster c before a is removed.
 * Removals wait until the client has answered everything sent, and go referrers first
 * (LDS, RDS, CDS, EDS, SDS), one answered response at a time.
 */
class MakeBeforeBreakOrderingTest {

  private XdsFixture fx;

  @BeforeEach
  void setUp() {
    fx = XdsFixture.start();
    fx.store().publish("default", before());
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  static Snapshot before() {
    return Snapshot.builder()
        .add(cluster("a"))
        .add(cluster("b"))
        .add(endpoints("a", 1001))
        .add(endpoints("b", 1002))
        .add(apiListener("api.example.com", "routes"))
        .add(route("routes", "api.example.com", "a"))
        .add(secret("trust", "ca-1"))
        .build();
  }

  /** Cluster a replaced by c; routes moved to c; the secret rotated. */
  static Snapshot after() {
    return Snapshot.builder()
        .add(cluster("b"))
        .add(cluster("c"))
        .add(endpoints("b", 1002))
        .add(endpoints("c", 1003))
        .add(apiListener("api.example.com", "routes"))
        .add(route("routes", "api.example.com", "c"))
        .add(secret("trust", "ca-2"))
        .build();
  }

  static Secret secret(String name, String ca) {
    return Secret.newBuilder()
        .setName(name)
        .setValidationContext(
            CertificateValidationContext.newBuilder()
                .setTrustedCa(DataSource.newBuilder().setInlineString(ca)))
        .build();
  }

  /** Two listeners; the old one routes to cluster a. */
  static Snapshot twoListeners() {
    return Snapshot.builder()
        .add(cluster("a"))
        .add(cluster("b"))
        .add(endpoints("a", 1001))
        .add(endpoints("b", 1002))
        .add(apiListener("api.example.com", "routes"))
        .add(apiListener("old.example.com", "old-routes"))
        .add(route("routes", "api.example.com", "b"))
        .add(route("old-routes", "old.example.com", "a"))
        .build();
  }

  /** The old listener, its routes and cluster a are gone; the remaining routes changed. */
  static Snapshot oneListener() {
    return Snapshot.builder()
        .add(cluster("b"))
        .add(endpoints("b", 1002))
        .add(apiListener("api.example.com", "routes"))
        .add(route("routes", "api.example.com", "b").toBuilder().setValidateClusters(
            com.google.protobuf.BoolValue.of(true)).build())
        .build();
  }

  @Test
  void sotwRemovesReferrersFirstAndOnlyOnceTheClientAppliedTheAdditions() {
    fx.store().publish("default", twoListeners());
    try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-1"))) {
      ads.request(TypeUrls.CLUSTER);
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
      ads.request(TypeUrls.ENDPOINT, "a", "b");
      ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
      ads.request(TypeUrls.LISTENER);
      ads.ack(ads.awaitResponse(TypeUrls.LISTENER));
      ads.request(TypeUrls.ROUTE, "old-routes", "routes");
      ads.ack(ads.awaitResponse(TypeUrls.ROUTE));
      ads.expectNoResponse(Duration.ofMillis(100));

      fx.store().publish("default", oneListener());
      DiscoveryResponse routes = ads.awaitAnyResponse(Duration.ofSeconds(5));
      assertThat(routes.getTypeUrl()).isEqualTo(TypeUrls.ROUTE);
      assertThat(names(routes)).containsExactly("old-routes", "routes");
      // Nothing goes away before the client has applied what replaces it.
      ads.expectNoResponse(Duration.ofMillis(300));
      ads.ack(routes);

      // The referrer first: the listener that routes to cluster a.
      DiscoveryResponse listeners = ads.awaitAnyResponse(Duration.ofSeconds(5));
      assertThat(listeners.getTypeUrl()).isEqualTo(TypeUrls.LISTENER);
      assertThat(names(listeners)).containsExactly("api.example.com");
      ads.expectNoResponse(Duration.ofMillis(300));
      // Envoy drops the removed listener's routes from its subscription, and acknowledges.
      ads.request(TypeUrls.ROUTE, "routes");
      DiscoveryResponse remainingRoutes = ads.awaitResponse(TypeUrls.ROUTE);
      assertThat(names(remainingRoutes)).containsExactly("routes");
      ads.ack(remainingRoutes);
      ads.ack(listeners);

      DiscoveryResponse clusters = ads.awaitAnyResponse(Duration.ofSeconds(5));
      assertThat(clusters.getTypeUrl()).isEqualTo(TypeUrls.CLUSTER);
      assertThat(names(clusters)).containsExactly("b");
      ads.request(TypeUrls.ENDPOINT, "b");
      DiscoveryResponse remainingEndpoints = ads.awaitResponse(TypeUrls.ENDPOINT);
      assertThat(names(remainingEndpoints)).containsExactly("b");
      ads.ack(remainingEndpoints);
      ads.ack(clusters);
      ads.expectNoResponse(Duration.ofMillis(200));
    }
  }

  @Test
  void deltaRemovesReferrersFirstAndNeverRemovesWhatTheClientStillSubscribes() {
    fx.store().publish("default", twoListeners());
    try (DeltaXdsStream ads = fx.client.deltaAds(XdsTestClient.node("envoy-1"))) {
      ads.subscribe(TypeUrls.CLUSTER);
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
      ads.subscribe(TypeUrls.ENDPOINT, "a", "b");
      ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
      ads.subscribe(TypeUrls.LISTENER);
      ads.ack(ads.awaitResponse(TypeUrls.LISTENER));
      ads.subscribe(TypeUrls.ROUTE, "old-routes", "routes");
      ads.ack(ads.awaitResponse(TypeUrls.ROUTE));
      ads.expectNoResponse(Duration.ofMillis(100));

      fx.store().publish("default", oneListener());
      DeltaDiscoveryResponse routes = ads.awaitAnyResponse(Duration.ofSeconds(5));
      assertThat(routes.getTypeUrl()).isEqualTo(TypeUrls.ROUTE);
      assertThat(names(routes)).containsExactly("routes");
      assertThat(routes.getRemovedResourcesList()).isEmpty();
      ads.expectNoResponse(Duration.ofMillis(300));
      ads.ack(routes);

      DeltaDiscoveryResponse listeners = ads.awaitAnyResponse(Duration.ofSeconds(5));
      assertThat(listeners.getTypeUrl()).isEqualTo(TypeUrls.LISTENER);
      assertThat(listeners.getRemovedResourcesList()).containsExactly("old.example.com");
      ads.expectNoResponse(Duration.ofMillis(300));
      // Envoy lets go of the removed listener's routes, then acknowledges.
      ads.unsubscribe(TypeUrls.ROUTE, "old-routes");
      ads.ack(listeners);

      DeltaDiscoveryResponse clusters = ads.awaitAnyResponse(Duration.ofSeconds(5));
      assertThat(clusters.getTypeUrl()).isEqualTo(TypeUrls.CLUSTER);
      assertThat(clusters.getRemovedResourcesList()).containsExactly("a");
      ads.unsubscribe(TypeUrls.ENDPOINT, "a");
      ads.ack(clusters);
      ads.expectNoResponse(Duration.ofMillis(300));
      assertThat(ads.held(TypeUrls.ROUTE)).containsOnlyKeys("routes", "old-routes");
      assertThat(ads.held(TypeUrls.LISTENER)).containsOnlyKeys("api.example.com");
      assertThat(ads.held(TypeUrls.CLUSTER)).containsOnlyKeys("b");
    }
  }

  @Test
  void sotwPushesInOrderWithRemovalsLast() {
    try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-1"))) {
      ads.request(TypeUrls.CLUSTER);
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
      ads.request(TypeUrls.ENDPOINT, "a", "b");
      ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
      ads.request(TypeUrls.LISTENER);
      ads.ack(ads.awaitResponse(TypeUrls.LISTENER));
      ads.request(TypeUrls.ROUTE, "routes");
      ads.ack(ads.awaitResponse(TypeUrls.ROUTE));
      ads.request(TypeUrls.SECRET, "trust");
      ads.ack(ads.awaitResponse(TypeUrls.SECRET));
      ads.expectNoResponse(Duration.ofMillis(100));

      // A client that applies everything at once (removals wait for its answers).
      ads.autoAck(true);
      fx.store().publish("default", after());
      List<DiscoveryResponse> pushes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        pushes.add(ads.awaitAnyResponse(Duration.ofSeconds(5)));
      }
      ads.expectNoResponse(Duration.ofMillis(200));

      assertThat(pushes)
          .extracting(DiscoveryResponse::getTypeUrl)
          .containsExactly(
              TypeUrls.CLUSTER, TypeUrls.ENDPOINT, TypeUrls.ROUTE, TypeUrls.SECRET,
              TypeUrls.CLUSTER, TypeUrls.ENDPOINT);
      // Additions: a kept next to the new c; a's endpoints kept; routes move to c.
      assertThat(names(pushes.get(0))).containsExactly("a", "b", "c");
      assertThat(unpack(pushes.get(1), ClusterLoadAssignment.class).get(0).getEndpointsCount()).isEqualTo(1);
      assertThat(unpack(pushes.get(2), RouteConfiguration.class).get(0).toString()).contains("cluster: \"c\"");
      // Removals, after everything else.
      assertThat(names(pushes.get(4))).containsExactly("b", "c");
      ClusterLoadAssignment emptied = unpack(pushes.get(5), ClusterLoadAssignment.class).get(0);
      assertThat(emptied.getClusterName()).isEqualTo("a");
      assertThat(emptied.getEndpointsList()).isEmpty();
    }
  }

  @Test
  void deltaPushesInOrderWithRemovalsLast() {
    try (DeltaXdsStream ads = fx.client.deltaAds(XdsTestClient.node("envoy-1"))) {
      ads.subscribe(TypeUrls.CLUSTER);
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
      ads.subscribe(TypeUrls.ENDPOINT, "a", "b");
      ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
      ads.subscribe(TypeUrls.LISTENER);
      ads.ack(ads.awaitResponse(TypeUrls.LISTENER));
      ads.subscribe(TypeUrls.ROUTE, "routes");
      ads.ack(ads.awaitResponse(TypeUrls.ROUTE));
      ads.subscribe(TypeUrls.SECRET, "trust");
      ads.ack(ads.awaitResponse(TypeUrls.SECRET));
      ads.expectNoResponse(Duration.ofMillis(100));

      ads.autoAck(true);
      fx.store().publish("default", after());
      List<DeltaDiscoveryResponse> pushes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        pushes.add(ads.awaitAnyResponse(Duration.ofSeconds(5)));
      }
      ads.expectNoResponse(Duration.ofMillis(200));

      assertThat(pushes)
          .extracting(DeltaDiscoveryResponse::getTypeUrl)
          .containsExactly(
              TypeUrls.CLUSTER, TypeUrls.ROUTE, TypeUrls.SECRET, TypeUrls.CLUSTER, TypeUrls.ENDPOINT);
      assertThat(names(pushes.get(0))).containsExactly("c");
      assertThat(pushes.get(0).getRemovedResourcesList()).isEmpty();
      assertThat(pushes.get(3).getRemovedResourcesList()).containsExactly("a");
      // Cluster a is gone, so are its endpoints: removed, not emptied.
      assertThat(pushes.get(4).getResourcesList()).isEmpty();
      assertThat(pushes.get(4).getRemovedResourcesList()).containsExactly("a");
      assertThat(ads.held(TypeUrls.CLUSTER)).containsOnlyKeys("b", "c");
    }
  }
}
