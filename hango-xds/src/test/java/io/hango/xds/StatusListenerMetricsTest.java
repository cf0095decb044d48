package io.hango.xds;

import static io.hango.xds.TestResources.basic;
import static io.hango.xds.TestResources.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The observable side: listener callbacks, the status API and JSON, Micrometer meters. */
class StatusListenerMetricsTest {

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private final XdsListener recorder =
      new XdsListener() {
        @Override
        public void onStreamOpen(XdsStreamInfo stream) {
          events.add("open " + stream.nodeId() + " " + stream.group() + " " + stream.service());
        }

        @Override
        public void onStreamClose(XdsStreamInfo stream, Throwable error) {
          events.add("close " + stream.nodeId());
        }

        @Override
        public void onRequest(XdsStreamInfo stream, String typeUrl, Message request) {
          events.add("request " + shortType(typeUrl));
        }

        @Override
        public void onAck(XdsStreamInfo stream, String typeUrl, String version) {
          events.add("ack " + shortType(typeUrl));
        }

        @Override
        public void onNack(XdsStreamInfo stream, String typeUrl, String version, String message) {
          events.add("nack " + shortType(typeUrl) + " " + message);
        }

        @Override
        public void onPush(XdsStreamInfo stream, String typeUrl, String version, Message response) {
          events.add("push " + shortType(typeUrl));
        }
      };

  private static String shortType(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
  }

  @Test
  void listenerSeesEveryEventInOrder() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.listener(recorder).meterRegistry(registry))) {
      fx.store().publish("default", basic());
      try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-1"))) {
        ads.request(TypeUrls.CLUSTER);
        ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
        awaitTrue(() -> events.contains("ack Cluster"));
        fx.store().update("default", TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of());
        ads.nack(ads.awaitResponse(TypeUrls.CLUSTER), "no thanks");
        awaitTrue(() -> events.stream().anyMatch(e -> e.startsWith("nack")));
      }
      awaitTrue(() -> events.contains("close envoy-1"));
      assertThat(events)
          .containsExactly(
              "open envoy-1 default ADS",
              "request Cluster",
              "push Cluster",
              "request Cluster",
              "ack Cluster",
              "push Cluster",
              "request Cluster",
              "nack Cluster no thanks",
              "close envoy-1");
    }
  }

  @Test
  void statusIsAvailableAsRecordsAndJson() throws Exception {
    try (XdsFixture fx = XdsFixture.start()) {
      fx.store().publish("default", basic());
      try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-\"1\""))) {
        ads.request(TypeUrls.ENDPOINT, "a", "b");
        DiscoveryResponse eds = ads.awaitResponse(TypeUrls.ENDPOINT);
        ads.ack(eds);
        awaitTrue(() -> eds.getVersionInfo().equals(typeStatus(fx).versionAcked()));

        NodeStatus node = fx.xds.status().node("envoy-\"1\"").get(0);
        assertThat(node.group()).isEqualTo("default");
        assertThat(node.service()).isEqualTo("ADS");
        assertThat(node.delta()).isFalse();
        assertThat(node.responsesSent()).isEqualTo(1);
        assertThat(node.bytesSent()).isEqualTo(eds.getSerializedSize());
        TypeStatus t = node.type(TypeUrls.ENDPOINT).orElseThrow();
        assertThat(t.versionSent()).isEqualTo(eds.getVersionInfo());
        assertThat(t.subscriptions()).containsExactly("a", "b");
        assertThat(t.resourceCount()).isEqualTo(2);
        assertThat(t.lastSentAt()).isNotNull();
        assertThat(t.nacked()).isFalse();

        String json = fx.xds.status().toJson();
        assertThat(json)
            .startsWith("{\"at\":\"")
            .contains("\"nodeId\":\"envoy-\\\"1\\\"\"")
            .contains("\"versionAcked\":\"" + eds.getVersionInfo() + "\"")
            .contains("\"versionNacked\":null")
            .contains("\"subscriptions\":[\"a\",\"b\"]")
            .endsWith("\"resourceCount\":2}]}]}");
      }
      awaitTrue(() -> fx.xds.status().nodes().isEmpty());
    }
  }

  @Test
  void metersCountStreamsPushesNacksBytesAndLatency() throws Exception {
    try (XdsFixture fx = XdsFixture.start(b -> b.meterRegistry(registry))) {
      fx.store().publish("default", basic());
      try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("envoy-1"))) {
        ads.request(TypeUrls.CLUSTER);
        DiscoveryResponse first = ads.awaitResponse(TypeUrls.CLUSTER);
        ads.ack(first);
        awaitTrue(() -> registry.get("hango.xds.streams").gauge().value() == 1.0);
        fx.store().update("default", TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of());
        DiscoveryResponse second = ads.awaitResponse(TypeUrls.CLUSTER);
        ads.nack(second, "bad");
        awaitTrue(() -> registry.find("hango.xds.nacks").counter() != null);

        assertThat(registry.get("hango.xds.pushes").tag("type", "Cluster").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("hango.xds.nacks").tag("type", "Cluster").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("hango.xds.bytes.sent").counter().count())
            .isEqualTo((double) first.getSerializedSize() + second.getSerializedSize());
        assertThat(registry.get("hango.xds.push.latency").timer().count()).isGreaterThanOrEqualTo(1);
      }
      awaitTrue(() -> registry.get("hango.xds.streams").gauge().value() == 0.0);
    }
  }

  private static TypeStatus typeStatus(XdsFixture fx) {
    List<NodeStatus> n = fx.xds.status().nodes();
    return n.isEmpty() ? null : n.get(0).type(TypeUrls.ENDPOINT).orElse(null);
  }

  static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      try {
        if (condition.get()) {
          return;
        }
      } catch (RuntimeException e) {
        // not there yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5s");
      }
      Thread.sleep(5);
    }
  }
}
