package io.hango.xds;

import static io.hango.xds.TestResources.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.grpc.Status;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients that send what no real client sends must not grow the server's memory or meters. */
class AbusiveClientTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private XdsFixture fx;

  @BeforeEach
  void setUp() {
    fx = XdsFixture.start(b -> b.meterRegistry(meters));
    fx.store().publish("default", basic());
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void typeUrlsMadeUpByAClientDoNotCreateMeters() {
    try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("garbage"))) {
      ads.request(TypeUrls.CLUSTER);
      ads.awaitResponse(TypeUrls.CLUSTER);
      for (int i = 0; i < 5; i++) {
        String type = "type.googleapis.com/made.up.T" + i;
        ads.request(type, "x");
        ads.awaitResponse(type);
      }
    }
    Set<String> tags =
        meters.find("hango.xds.pushes").counters().stream()
            .map(c -> c.getId().getTag("type"))
            .collect(Collectors.toSet());
    assertThat(tags).containsExactlyInAnyOrder("Cluster", "other");
    assertThat(meters.find("hango.xds.pushes").tag("type", "other").counters())
        .extracting(Counter::count)
        .containsExactly(5.0);
  }

  @Test
  void aFailureWhilePushingAPublishEndsTheStreamInsteadOfWedgingIt() {
    fx.store().clear("default");
    try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("garbage"))) {
      // An empty resource name cannot be answered (no resource may have it); the failure
      // surfaces only when the publish is pushed, on the actor, outside any request.
      ads.request(TypeUrls.ENDPOINT, "");
      ads.expectNoResponse(Duration.ofMillis(100));
      fx.store().publish("default", basic());
      Status status = ads.awaitClosed(Duration.ofSeconds(3));
      assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
      // The detail is for the server's log, not for the client.
      assertThat(status.getDescription()).isEqualTo("internal error in the xDS server");
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!fx.xds.status().nodes().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(fx.xds.status().nodes()).isEmpty();
  }

  @Test
  void aStreamCannotSubscribeToAnUnboundedNumberOfTypes() {
    try (SotwXdsStream ads = fx.client.ads(XdsTestClient.node("garbage"))) {
      for (int i = 0; i < 200; i++) {
        ads.send(
            DiscoveryRequest.newBuilder()
                .setTypeUrl("type.googleapis.com/made.up.T" + i)
                .setResponseNonce("no-such-nonce")
                .build());
      }
      assertThat(ads.awaitClosed(Duration.ofSeconds(5)).getCode())
          .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }
  }
}
