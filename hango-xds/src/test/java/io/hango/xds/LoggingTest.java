package io.hango.xds;

import static io.hango.xds.TestResources.basic;
import static io.hango.xds.TestResources.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the server logs about clients: once per repeated complaint, and never unescaped. */
class LoggingTest {

  @Test
  void aRepeatedNackIsLoggedOnceAndTheRepeatsAreCounted() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (CapturedLog log = CapturedLog.start();
        XdsFixture fx = XdsFixture.start(b -> b.meterRegistry(meters));
        SotwXdsStream ads = fx.client.ads(XdsTestClient.node("nagging-envoy"))) {
      fx.store().publish("default", basic());
      ads.request(TypeUrls.CLUSTER);
      DiscoveryResponse bad = ads.awaitResponse(TypeUrls.CLUSTER);
      for (int i = 0; i < 20; i++) {
        ads.nack(bad, "same complaint");
      }
      StatusListenerMetricsTest.awaitTrue(
          () -> meters.get("hango.xds.nacks").counter().count() == 20.0);
      assertThat(log.linesContaining("same complaint")).hasSize(1);

      // The next different event says how many were not logged.
      fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
      ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
      StatusListenerMetricsTest.awaitTrue(() -> !log.linesContaining("repeated 19 more times").isEmpty());
      assertThat(log.linesContaining("same complaint")).hasSize(1);
    }
  }

  @Test
  void whatAClientSendsIsLoggedWithControlCharactersEscaped() throws Exception {
    try (CapturedLog log = CapturedLog.start();
        XdsFixture fx = XdsFixture.start();
        SotwXdsStream ads = fx.client.ads(XdsTestClient.node("evil\nINFO forged-node-line"))) {
      fx.store().publish("default", basic());
      ads.request(TypeUrls.CLUSTER);
      ads.nack(ads.awaitResponse(TypeUrls.CLUSTER), "bad\r\nINFO forged-message-line\u001b[31m");
      StatusListenerMetricsTest.awaitTrue(() -> !log.linesContaining("evil").isEmpty());
      List<String> nack = log.linesContaining("evil");
      assertThat(nack).hasSize(1);
      assertThat(nack.get(0))
          .contains("evil\\nINFO forged-node-line")
          .contains("bad\\r\\nINFO forged-message-line\\u001b[31m");
      assertThat(log.lines()).noneMatch(l -> l.startsWith("INFO forged"));
    }
  }
}
