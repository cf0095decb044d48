package io.hango.controlplane;

import static io.hango.testkit.Await.await;
import static io.hango.testkit.grpc.WhoConfigs.docs;
import static io.hango.testkit.grpc.WhoConfigs.endpoint;
import static io.hango.testkit.grpc.WhoConfigs.gateway;
import static io.hango.testkit.grpc.WhoConfigs.route;
import static io.hango.testkit.grpc.WhoConfigs.whoService;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.hango.model.validation.Problem;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsResponses;
import io.hango.testkit.xds.XdsTestClient;
import io.hango.xds.TypeUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files change under a running control plane: valid changes reach an incremental (Delta) client
 * with only the changed resources; invalid ones are rejected, reported, and the last good config
 * keeps being served, to connected and to new clients alike.
 */
class HotReloadTest {

  private static final List<String> TYPES = List.of(TypeUrls.CLUSTER, TypeUrls.ENDPOINT, TypeUrls.LISTENER, TypeUrls.ROUTE);
  private static final String ROUTE_CONFIG = "edge/grpc";

  @TempDir Path dir;

  private Path services;
  private Path routes;
  private ControlPlane cp;
  private ManagedChannel channel;
  private final List<AutoCloseable> streams = new ArrayList<>();

  @BeforeEach
  void setUp() {
    write(dir.resolve("gateway.yaml"), gateway());
    services = dir.resolve("services.yaml");
    routes = dir.resolve("routes.yaml");
    write(services, whoService(endpoint(9001, "blue") + endpoint(9002, "green")));
    write(routes, goodRoutes("3s"));
    cp =
        ControlPlane.builder()
            .config(dir)
            .xdsHost("127.0.0.1")
            .xdsPort(0)
            .disableAdmin()
            .watchInterval(Duration.ofMillis(50))
            .debounce(Duration.ZERO, Duration.ZERO)
            .build()
            .start();
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", cp.xdsPort(), InsecureChannelCredentials.create()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable s : streams) {
      s.close();
    }
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    cp.close();
  }

  private static String goodRoutes(String timeout) {
    return docs(
        route("green-by-header", 10, "headers: [{name: x-color, exact: green}]", "[{service: who, subset: green}]"),
        route("default", 0, "", "[{service: who, subset: blue}]\n    timeout: " + timeout));
  }

  @Test
  void aValidChangeSendsOnlyTheChangedResource() {
    DeltaXdsStream delta = deltaClient("delta-1");

    String before = cp.state().configVersion().orElseThrow();
    write(routes, goodRoutes("7s"));
    awaitNewOutcomeAfter(before);
    assertThat(cp.state().lastOutcome().orElseThrow().result()).isEqualTo(ReloadOutcome.Result.APPLIED);

    DeltaDiscoveryResponse rds = delta.awaitResponse(TypeUrls.ROUTE);
    assertThat(XdsResponses.names(rds)).containsExactly(ROUTE_CONFIG);
    assertThat(rds.getRemovedResourcesList()).isEmpty();
    assertThat(XdsResponses.unpack(rds, RouteConfiguration.class).get(0).toString()).contains("seconds: 7");
    delta.expectNoResponse(Duration.ofMillis(400));

    // An endpoint-only change touches EDS only, and only the assignment that changed.
    String v2 = cp.state().configVersion().orElseThrow();
    write(services, whoService(endpoint(9001, "blue") + endpoint(9003, "blue") + endpoint(9002, "green")));
    awaitNewOutcomeAfter(v2);
    DeltaDiscoveryResponse eds = delta.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(XdsResponses.names(eds)).hasSize(1).allMatch(n -> n.contains("blue"));
    delta.expectNoResponse(Duration.ofMillis(400));
  }

  @Test
  void anUnchangedRewriteSendsNothing() {
    DeltaXdsStream delta = deltaClient("delta-2");
    Instant at = cp.state().lastOutcome().orElseThrow().at();
    // Same documents, other formatting: a reload happens, the resources are identical.
    write(routes, "# reformatted\n" + goodRoutes("3s"));
    await("reload", () -> cp.state().lastOutcome().orElseThrow().at().isAfter(at));
    assertThat(cp.state().lastOutcome().orElseThrow().result()).isEqualTo(ReloadOutcome.Result.UNCHANGED);
    delta.expectNoResponse(Duration.ofMillis(400));
  }

  static Stream<Arguments> invalidChanges() {
    return Stream.of(
        Arguments.of(
            "bad regex",
            docs(route("rx", 5, "", "[{service: who, subset: blue}]"), goodRoutes("3s")).replace("prefix: /test.Who/}", "regex: \"/test.Who/(\"}"),
            "routes.yaml:"),
        Arguments.of(
            "dangling reference",
            docs(route("nowhere", 5, "", "[{service: nope}]"), goodRoutes("3s")),
            "nope"),
        Arguments.of("YAML syntax error", "kind: Route\nmetadata: {name: [broken\n", "routes.yaml:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidChanges")
  void anInvalidChangeIsRejectedAndTheLastGoodConfigKeepsServing(String what, String broken, String expectedInProblems) {
    DeltaXdsStream delta = deltaClient("delta-3");
    String good = cp.state().configVersion().orElseThrow();
    RouteConfiguration servedBefore = routeConfigOfNewClient("before");

    Instant at = cp.state().lastOutcome().orElseThrow().at();
    write(routes, broken);
    await("reload", () -> cp.state().lastOutcome().orElseThrow().at().isAfter(at));

    ControlPlaneState state = cp.state();
    assertThat(state.lastOutcome().orElseThrow().result()).isEqualTo(ReloadOutcome.Result.REJECTED);
    assertThat(state.lastErrors()).isNotEmpty().allMatch(Problem::isError);
    assertThat(state.lastErrors().toString()).contains(expectedInProblems);
    assertThat(state.configVersion()).contains(good);
    assertThat(state.ready()).isTrue();
    assertThat(cp.meterRegistry().get("hango.controlplane.reloads").tag("outcome", "rejected").counter().count()).isEqualTo(1);

    delta.expectNoResponse(Duration.ofMillis(300));
    assertThat(routeConfigOfNewClient("during")).isEqualTo(servedBefore);

    // Fixing the file recovers.
    Instant rejectedAt = state.lastOutcome().orElseThrow().at();
    write(routes, goodRoutes("9s"));
    await("recovery", () -> cp.state().lastOutcome().orElseThrow().at().isAfter(rejectedAt));
    assertThat(cp.state().lastOutcome().orElseThrow().result()).isEqualTo(ReloadOutcome.Result.APPLIED);
    assertThat(cp.state().lastErrors()).isEmpty();
    assertThat(XdsResponses.names(delta.awaitResponse(TypeUrls.ROUTE))).containsExactly(ROUTE_CONFIG);
  }

  private DeltaXdsStream deltaClient(String nodeId) {
    DeltaXdsStream delta = XdsTestClient.of(channel).deltaAds(XdsTestClient.node(nodeId)).autoAck(true);
    streams.add(delta);
    for (String type : TYPES) {
      delta.subscribe(type, "*");
    }
    for (String type : TYPES) {
      delta.awaitResponse(type);
    }
    // Drain anything else from the initial exchange, so later awaits see only pushes.
    delta.expectNoResponse(Duration.ofMillis(200));
    return delta;
  }

  private RouteConfiguration routeConfigOfNewClient(String nodeId) {
    SotwXdsStream sotw = XdsTestClient.of(channel).ads(XdsTestClient.node(nodeId)).autoAck(true);
    streams.add(sotw);
    sotw.request(TypeUrls.ROUTE, ROUTE_CONFIG);
    DiscoveryResponse r = sotw.awaitResponse(TypeUrls.ROUTE);
    return XdsResponses.unpack(r, RouteConfiguration.class).get(0);
  }

  private void awaitNewOutcomeAfter(String version) {
    await("a new config version", () -> cp.state().configVersion().filter(v -> !v.equals(version)).isPresent());
  }
}
