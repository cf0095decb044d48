package io.hango.controlplane;

import static io.hango.testkit.grpc.WhoConfigs.docs;
import static io.hango.testkit.grpc.WhoConfigs.endpoint;
import static io.hango.testkit.grpc.WhoConfigs.gateway;
import static io.hango.testkit.grpc.WhoConfigs.route;
import static io.hango.testkit.grpc.WhoConfigs.whoService;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.hango.model.GatewayConfig;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import io.hango.translate.Endpoints;
import io.hango.translate.Translator;
import io.hango.xds.TypeUrls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The admin port over real HTTP, with a real xDS client connected. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminEndpointsTest {

  private static final String NODE = "admin-test-node";

  @TempDir static Path dir;

  private ControlPlane cp;
  private ManagedChannel channel;
  private SotwXdsStream ads;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() {
    write(dir.resolve("gateway.yaml"), gateway());
    write(dir.resolve("services.yaml"), whoService(endpoint(9001, "blue") + endpoint(9002, "green")));
    write(
        dir.resolve("routes.yaml"),
        docs(
            route("green-by-header", 10, "headers: [{name: x-color, exact: green}]", "[{service: who, subset: green}]"),
            route("default", 0, "", "[{service: who, subset: blue}]")));
    cp =
        ControlPlane.builder()
            .config(dir)
            .xdsHost("127.0.0.1")
            .xdsPort(0)
            .adminHost("127.0.0.1")
            .adminPort(0)
            .debounce(Duration.ZERO, Duration.ZERO)
            .build()
            .start();
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", cp.xdsPort(), InsecureChannelCredentials.create()).build();
    ads = XdsTestClient.of(channel).ads(XdsTestClient.node(NODE)).autoAck(true);
    ads.request(TypeUrls.CLUSTER);
    ads.awaitResponse(TypeUrls.CLUSTER);
  }

  @AfterAll
  void stop() throws Exception {
    ads.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    cp.close();
  }

  @Test
  void healthzAndReady() throws Exception {
    assertThat(get("/healthz")).satisfies(r -> assertThat(r.statusCode()).isEqualTo(200));
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("ready");
  }

  @Test
  void metricsShowXdsAndControlPlaneMeters() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
    assertThat(r.body())
        .contains("hango_xds_streams")
        .contains("hango_xds_pushes_total")
        .contains("hango_controlplane_reloads_total{outcome=\"applied\"} 1.0")
        .contains("hango_controlplane_reloads_total{outcome=\"rejected\"} 0.0")
        .contains("hango_controlplane_last_success_timestamp_seconds")
        .contains("hango_controlplane_resources{type=\"listeners\"} 2.0");
  }

  @Test
  void debugStatusListsTheConnectedNodeAndTheControlPlaneState() throws Exception {
    HttpResponse<String> r = get("/debug/status");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode status = new ObjectMapper().readTree(r.body());
    assertThat(status.at("/controlPlane/ready").asBoolean()).isTrue();
    assertThat(status.at("/controlPlane/configVersion").asText()).isEqualTo(cp.state().configVersion().orElseThrow());
    assertThat(status.at("/controlPlane/lastReload/outcome").asText()).isEqualTo("applied");
    assertThat(status.at("/controlPlane/lastErrors")).isEmpty();
    JsonNode node = status.at("/nodes/0");
    assertThat(node.at("/nodeId").asText()).isEqualTo(NODE);
    assertThat(node.at("/types/0/typeUrl").asText()).isEqualTo(TypeUrls.CLUSTER);
    assertThat(node.at("/types/0/versionSent").asText()).isNotEmpty();
  }

  @Test
  void debugConfigIsWhatTheTranslatorPrints() throws Exception {
    HttpResponse<String> r = get("/debug/config");
    assertThat(r.statusCode()).isEqualTo(200);
    // Translated independently, as `hango translate` does.
    GatewayConfig config = GatewayConfig.read(dir);
    String expected = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config)).resources().toJson();
    assertThat(r.body()).isEqualTo(expected);
  }

  @Test
  void statusPageIsHtmlWithNodesAndWhatIsServed() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(r.body())
        .startsWith("<!DOCTYPE html>")
        .contains(NODE)
        .contains("Cluster")
        .contains("edge (grpc:9090 HTTP2)")
        .contains(cp.state().configVersion().orElseThrow());
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cp.adminPort() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
