package io.hango.xds;

import static io.hango.xds.TestResources.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Bursts of publishes become one push; a never-ending burst still pushes by the maximum delay. */
class DebounceTest {

  private static Snapshot clusters(int n) {
    Snapshot.Builder b = Snapshot.builder();
    for (int i = 0; i <= n; i++) {
      b.add(cluster("c" + i));
    }
    return b.build();
  }

  @Test
  void aBurstWithinTheQuietPeriodIsOnePush() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.debounce(Duration.ofMillis(200), Duration.ofSeconds(1)));
        SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-1"))) {
      fx.store().publish("default", clusters(0));
      ads.request(TypeUrls.CLUSTER);
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER)); // requests are answered without delay

      for (int i = 1; i <= 10; i++) {
        fx.store().publish("default", clusters(i));
      }
      long lastPublish = System.nanoTime();
      DiscoveryResponse r = ads.awaitResponse(TypeUrls.CLUSTER, Duration.ofSeconds(3));
      long waitedMillis = (System.nanoTime() - lastPublish) / 1_000_000;
      assertThat(r.getVersionInfo()).isEqualTo(clusters(10).version(TypeUrls.CLUSTER));
      assertThat(waitedMillis).isGreaterThanOrEqualTo(150);
      ads.expectNoResponse(Duration.ofMillis(400));
    }
  }

  @Test
  void aContinuousBurstIsPushedByTheMaximumDelay() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.debounce(Duration.ofMillis(150), Duration.ofMillis(400)));
        SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-1"))) {
      fx.store().publish("default", clusters(0));
      ads.request(TypeUrls.CLUSTER);
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));

      // Publish every 50 ms for 1.2 s: never quiet for 150 ms.
      long start = System.nanoTime();
      int n = 0;
      while (System.nanoTime() - start < 1_200_000_000L) {
        fx.store().publish("default", clusters(++n));
        Thread.sleep(50);
      }
      int duringBurst = countCdsResponses(ads) - 1;
      // At least one push thanks to the maximum delay; far fewer than publishes (about 3 when
      // the machine keeps up with the 50 ms cadence).
      assertThat(duringBurst).as("pushes during the burst").isBetween(1, n / 3);
      // And the last state arrives after the burst.
      String latest = clusters(n).version(TypeUrls.CLUSTER);
      DiscoveryResponse r;
      do {
        r = ads.awaitResponse(TypeUrls.CLUSTER, Duration.ofSeconds(3));
      } while (!r.getVersionInfo().equals(latest));
    }
  }

  @Test
  void aSchedulerThatRejectsTimersDoesNotStopPushes() throws Exception {
    ScheduledExecutorService dead = Executors.newSingleThreadScheduledExecutor();
    dead.shutdown();
    try (XdsFixture fx =
            XdsFixture.start(b -> b.scheduler(dead).debounce(Duration.ofMillis(100), Duration.ofSeconds(1)));
        SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-1"))) {
      ads.request(TypeUrls.CLUSTER);
      // Without a timer the change cannot wait for quiet: it is pushed at once.
      fx.store().publish("default", clusters(0));
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
      fx.store().publish("default", clusters(1));
      assertThat(ads.awaitResponse(TypeUrls.CLUSTER).getVersionInfo())
          .isEqualTo(clusters(1).version(TypeUrls.CLUSTER));
    }
  }

  private static int countCdsResponses(SotwXdsStream ads) {
    List<DiscoveryResponse> all = new ArrayList<>(ads.received());
    return (int) all.stream().filter(r -> r.getTypeUrl().equals(TypeUrls.CLUSTER)).count();
  }
}
