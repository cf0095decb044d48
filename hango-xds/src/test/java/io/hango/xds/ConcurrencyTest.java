package io.hango.xds;

import static io.hango.xds.TestResources.cluster;
import static io.hango.xds.TestResources.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Many publishers and many clients at once: whatever interleaving happens, every client ends
 * on exactly the final state.
 */
class ConcurrencyTest {

  private static final int CLUSTERS = 20;

  @Test
  void concurrentPublishesConvergeOnEveryStream() throws Exception {
    try (XdsFixture fx = XdsFixture.start()) {
      fx.store().publish("default", state(0));
      String[] edsNames = new String[CLUSTERS];
      for (int i = 0; i < CLUSTERS; i++) {
        edsNames[i] = "c" + i;
      }
      List<SotwXdsStream> sotw = new ArrayList<>();
      List<DeltaXdsStream> delta = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        SotwXdsStream s = fx.client.ads(XdsTestClient.node("sotw-" + i)).autoAck(true);
        s.request(TypeUrls.CLUSTER);
        s.request(TypeUrls.ENDPOINT, edsNames);
        sotw.add(s);
        DeltaXdsStream d = fx.client.deltaAds(XdsTestClient.node("delta-" + i)).autoAck(true);
        d.subscribe(TypeUrls.CLUSTER);
        d.subscribe(TypeUrls.ENDPOINT, edsNames);
        delta.add(d);
      }

      ExecutorService publishers = Executors.newFixedThreadPool(4);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            publishers.submit(
                () -> {
                  go.await();
                  ThreadLocalRandom r = ThreadLocalRandom.current();
                  for (int i = 0; i < 150; i++) {
                    String name = "c" + r.nextInt(CLUSTERS);
                    if (r.nextBoolean()) {
                      fx.store().update("default", TypeUrls.ENDPOINT, Map.of(name, endpoints(name, r.nextInt(1, 60000))), List.of());
                    } else {
                      fx.store().publish("default", state(r.nextInt(1, 100)));
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      publishers.shutdown();
      Snapshot last = state(1000);
      fx.store().publish("default", last);

      Map<String, String> expectedEndpoints = versions(last, TypeUrls.ENDPOINT);
      Map<String, String> expectedClusters = versions(last, TypeUrls.CLUSTER);
      for (SotwXdsStream s : sotw) {
        awaitTrue(() -> last.version(TypeUrls.CLUSTER).equals(latest(s, TypeUrls.CLUSTER)));
        awaitTrue(() -> last.version(TypeUrls.ENDPOINT).equals(latest(s, TypeUrls.ENDPOINT)));
        s.close();
      }
      for (DeltaXdsStream d : delta) {
        awaitTrue(() -> d.held(TypeUrls.CLUSTER).equals(expectedClusters));
        awaitTrue(() -> d.held(TypeUrls.ENDPOINT).equals(expectedEndpoints));
        d.close();
      }
      // No NACKs, and no stream broke along the way.
      assertThat(sotw).allSatisfy(s -> assertThat(s.received()).isNotEmpty());
    }
  }

  /** Clusters c0..c19 (connect timeout varies with the seed), each with endpoints. */
  private static Snapshot state(int seed) {
    Snapshot.Builder b = Snapshot.builder();
    for (int i = 0; i < CLUSTERS; i++) {
      b.add(cluster("c" + i, 1 + (seed + i) % 7));
      b.add(endpoints("c" + i, 1000 + seed));
    }
    return b.build();
  }

  private static Map<String, String> versions(Snapshot s, String type) {
    Map<String, String> out = new TreeMap<>();
    s.resources(type).forEach((name, r) -> out.put(name, r.version()));
    return out;
  }

  private static String latest(SotwXdsStream s, String type) {
    List<DiscoveryResponse> all = s.received();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).getTypeUrl().equals(type)) {
        return all.get(i).getVersionInfo();
      }
    }
    return null;
  }

  private static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("did not converge within 10s");
      }
      Thread.sleep(10);
    }
  }
}
