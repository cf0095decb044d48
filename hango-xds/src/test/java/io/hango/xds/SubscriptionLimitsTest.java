package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.xds.TestResources.basic;
import static io.hango.xds.TestResources.cluster;
import static io.hango.xds.TestResources.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Status;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What one stream may subscribe to, and what a subscription costs: names are capped per type
 * and per stream, and a Delta request costs what it changes, not what the stream holds.
 */
class SubscriptionLimitsTest {

  @Test
  void aSotwRequestNamingMoreNamesThanTheDefaultLimitEndsTheStream() throws Exception {
    try (XdsFixture fx = XdsFixture.start();
        SotwXdsStream ads = fx.client.ads(XdsTestClient.node("amplifier"))) {
      fx.store().publish("default", basic());
      // 25,000 made-up EDS names: without a limit, 25,000 empty assignments per request.
      ads.request(TypeUrls.ENDPOINT, IntStream.range(0, 25_000).mapToObj(i -> "ghost-" + i).toArray(String[]::new));
      Status status = ads.awaitClosed(Duration.ofSeconds(10));
      assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(status.getDescription()).contains("20000").contains(TypeUrls.ENDPOINT);
      assertThat(ads.received()).isEmpty();
    }
  }

  @Test
  void limitsPerTypeAndPerStreamAreConfigurable() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.maxSubscriptions(100, 150))) {
      fx.store().publish("default", basic());
      try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("sotw"))) {
        ads.request(TypeUrls.ENDPOINT, IntStream.range(0, 100).mapToObj(i -> "e-" + i).toArray(String[]::new));
        ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
        ads.request(TypeUrls.ENDPOINT, IntStream.range(0, 101).mapToObj(i -> "e-" + i).toArray(String[]::new));
        Status status = ads.awaitClosed(Duration.ofSeconds(5));
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).contains("more than 100 names of " + TypeUrls.ENDPOINT);
      }
      try (DeltaXdsStream ads = fx.client.deltaAds(XdsTestClient.node("delta"))) {
        ads.subscribe(TypeUrls.ENDPOINT, IntStream.range(0, 80).mapToObj(i -> "e-" + i).toArray(String[]::new));
        ads.ack(ads.awaitResponse(TypeUrls.ENDPOINT));
        ads.subscribe(TypeUrls.ROUTE, IntStream.range(0, 70).mapToObj(i -> "r-" + i).toArray(String[]::new));
        ads.ack(ads.awaitResponse(TypeUrls.ROUTE));
        ads.subscribe(TypeUrls.ROUTE, "one-too-many");
        Status status = ads.awaitClosed(Duration.ofSeconds(5));
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).contains("more than 150 names on one stream");
      }
    }
  }

  @Test
  void deltaNamesSubscribedOneByOneCostTheSameEachTime() throws Exception {
    int n = 6000;
    Snapshot.Builder b = Snapshot.builder();
    for (int i = 0; i < n; i++) {
      b.add(cluster("c" + i)).add(endpoints("c" + i, 1000 + i % 1000));
    }
    try (XdsFixture fx = XdsFixture.start();
        DeltaXdsStream ads = fx.client.deltaAds(XdsTestClient.node("grpc-like"))) {
      fx.store().publish("default", b.build());
      // What gRPC clients do: one name more per request. Each request must cost what it
      // changes; if it re-walked every name held, the last requests would cost several times the first.
      subscribe(ads, 0, 500); // warm-up
      long first = subscribe(ads, 500, 1000);
      subscribe(ads, 1000, n - 500);
      long last = subscribe(ads, n - 500, n);
      assertThat(Duration.ofNanos(last))
          .as("last 500 subscriptions vs first 500 (%s)", Duration.ofNanos(first))
          .isLessThan(Duration.ofNanos(3 * first).plusMillis(300));
    }
  }

  /** Subscribes c{from}..c{to - 1} one request at a time, ACKing each answer; nanos taken. */
  private static long subscribe(DeltaXdsStream ads, int from, int to) {
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      ads.subscribe(TypeUrls.ENDPOINT, "c" + i);
      DeltaDiscoveryResponse r = ads.awaitResponse(TypeUrls.ENDPOINT);
      assertThat(names(r)).containsExactly("c" + i);
      ads.ack(r);
    }
    return System.nanoTime() - start;
  }
}
