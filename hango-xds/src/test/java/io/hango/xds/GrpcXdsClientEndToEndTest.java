package io.hango.xds;

import io.hango.testkit.grpc.NamedGrpcBackends;

import static io.hango.xds.TestResources.apiListener;
import static io.hango.xds.TestResources.cluster;
import static io.hango.xds.TestResources.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.xds.XdsNameResolverProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real grpc-java xDS client (an independent xDS implementation) resolves {@code
 * xds-test:///api.example.com} through this server and routes real calls to real local
 * backends.
 */
class GrpcXdsClientEndToEndTest {

  private static final String HOST = "api.example.com";
  private static final String NODE_ID = "grpc-client-1";

  private NamedGrpcBackends backends;
  private XdsServer xds;
  private XdsNameResolverProvider resolver;
  private ManagedChannel channel;

  @BeforeEach
  void setUp() throws IOException {
    backends = NamedGrpcBackends.start("blue", "green", "blue-2");
    xds = XdsServer.builder().host("127.0.0.1").port(0).debounce(Duration.ZERO, Duration.ZERO).build().start();
    Map<String, Object> bootstrap =
        Map.of(
            "xds_servers",
                List.of(
                    Map.of(
                        "server_uri", "localhost:" + xds.port(),
                        "channel_creds", List.of(Map.of("type", "insecure")),
                        "server_features", List.of("xds_v3"))),
            "node", Map.of("id", NODE_ID, "cluster", "e2e"));
    resolver = XdsNameResolverProvider.createForTest("xds-test", bootstrap);
    NameResolverRegistry.getDefaultRegistry().register(resolver);
    channel = Grpc.newChannelBuilder("xds-test:///" + HOST, InsecureChannelCredentials.create()).build();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    NameResolverRegistry.getDefaultRegistry().deregister(resolver);
    xds.shutdown(Duration.ofSeconds(2));
    backends.close();
  }

  @Test
  void routesByHeader() {
    publish(routes(headerRoute("x-color", "green", "green"), defaultRoute("blue")));
    assertThat(call(Map.of())).isEqualTo("blue");
    assertThat(call(Map.of("x-color", "green"))).isEqualTo("green");
    assertThat(call(Map.of("x-color", "red"))).isEqualTo("blue");
  }

  @Test
  void splitsTrafficByWeight() {
    Route split =
        Route.newBuilder()
            .setMatch(RouteMatch.newBuilder().setPrefix(""))
            .setRoute(
                RouteAction.newBuilder()
                    .setWeightedClusters(
                        WeightedCluster.newBuilder()
                            .addClusters(weighted("blue", 25))
                            .addClusters(weighted("green", 75))))
            .build();
    publish(routes(split));
    call(Map.of());
    Map<String, Integer> hits = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      hits.merge(call(Map.of()), 1, Integer::sum);
    }
    assertThat(hits.keySet()).containsExactlyInAnyOrder("blue", "green");
    // 300 expected; the bounds are > 6 standard deviations wide.
    assertThat(hits.get("green")).isBetween(250, 350);
  }

  @Test
  void routeChangeWhileCallsContinueFailsNoCall() throws Exception {
    publish(routes(defaultRoute("blue")));
    assertThat(call(Map.of())).isEqualTo("blue");

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger greens = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    Thread caller =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  if (call(Map.of()).equals("green")) {
                    greens.incrementAndGet();
                  }
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                }
                calls.incrementAndGet();
              }
            });
    caller.start();
    try {
      awaitTrue(() -> calls.get() > 20);
      publish(routes(defaultRoute("green")));
      awaitTrue(() -> greens.get() > 20);
    } finally {
      running.set(false);
      caller.join(10_000);
    }
    assertThat(failures.get()).isZero();
  }

  @Test
  void followsEndpointsBeingAddedAndRemoved() {
    publish(routes(defaultRoute("blue")));
    assertThat(call(Map.of())).isEqualTo("blue");

    xds.snapshots()
        .update("default", TypeUrls.ENDPOINT, Map.of("blue", endpoints("blue", backends.port("blue"), backends.port("blue-2"))), List.of());
    awaitTrue(() -> callMany(20).contains("blue-2") && callMany(20).contains("blue"));

    xds.snapshots()
        .update("default", TypeUrls.ENDPOINT, Map.of("blue", endpoints("blue", backends.port("blue-2"))), List.of());
    awaitTrue(() -> callMany(20).equals(List.of("blue-2")));
  }

  @Test
  void anEndpointUpdateCarryingOneClusterKeepsTheOthersEndpoints() {
    RouteAction.Builder split =
        RouteAction.newBuilder()
            .setWeightedClusters(
                WeightedCluster.newBuilder().addClusters(weighted("blue", 50)).addClusters(weighted("green", 50)));
    publish(routes(Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("")).setRoute(split).build()));
    awaitTrue(() -> callMany(40).equals(List.of("blue", "green")));

    // The SotW response carries only blue's assignment: grpc-java keeps green's.
    xds.snapshots()
        .update("default", TypeUrls.ENDPOINT, Map.of("blue", endpoints("blue", backends.port("blue-2"))), List.of());
    awaitTrue(() -> callMany(40).equals(List.of("blue-2", "green")));
    assertThat(
            xds.status().node(NODE_ID).get(0).type(TypeUrls.ENDPOINT).orElseThrow().nacked())
        .isFalse();
  }

  @Test
  void rejectedUpdateKeepsThePreviousConfigAndIsVisibleInStatus() {
    publish(routes(defaultRoute("blue")));
    assertThat(call(Map.of())).isEqualTo("blue");

    Route invalid =
        Route.newBuilder()
            .setMatch(RouteMatch.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex("(")))
            .setRoute(RouteAction.newBuilder().setCluster("green"))
            .build();
    publish(routes(invalid, defaultRoute("green")));

    awaitTrue(
        () ->
            xds.status().node(NODE_ID).stream()
                .flatMap(n -> n.type(TypeUrls.ROUTE).stream())
                .anyMatch(TypeStatus::nacked));
    TypeStatus rds = xds.status().node(NODE_ID).get(0).type(TypeUrls.ROUTE).orElseThrow();
    assertThat(rds.lastNackMessage()).isNotBlank();
    assertThat(rds.versionAcked()).isNotEqualTo(rds.versionNacked());
    assertThat(xds.status().toJson()).contains("\"versionNacked\":\"" + rds.versionNacked() + "\"");
    assertThat(callMany(10)).containsOnly("blue");
  }

  // ---- helpers ----

  private void publish(RouteConfiguration routes) {
    xds.snapshots()
        .publish(
            "default",
            Snapshot.builder()
                .add(apiListener(HOST, "routes"))
                .add(routes)
                .add(cluster("blue"))
                .add(cluster("green"))
                .add(endpoints("blue", backends.port("blue")))
                .add(endpoints("green", backends.port("green")))
                .build());
  }

  private static RouteConfiguration routes(Route... routes) {
    return RouteConfiguration.newBuilder()
        .setName("routes")
        .addVirtualHosts(VirtualHost.newBuilder().setName(HOST).addDomains(HOST).addAllRoutes(List.of(routes)))
        .build();
  }

  private static Route defaultRoute(String cluster) {
    return Route.newBuilder()
        .setMatch(RouteMatch.newBuilder().setPrefix(""))
        .setRoute(RouteAction.newBuilder().setCluster(cluster))
        .build();
  }

  private static Route headerRoute(String header, String value, String cluster) {
    return Route.newBuilder()
        .setMatch(
            RouteMatch.newBuilder()
                .setPrefix("")
                .addHeaders(
                    HeaderMatcher.newBuilder()
                        .setName(header)
                        .setStringMatch(StringMatcher.newBuilder().setExact(value))))
        .setRoute(RouteAction.newBuilder().setCluster(cluster))
        .build();
  }

  private static WeightedCluster.ClusterWeight weighted(String cluster, int weight) {
    return WeightedCluster.ClusterWeight.newBuilder().setName(cluster).setWeight(UInt32Value.of(weight)).build();
  }

  private String call(Map<String, String> headers) {
    return NamedGrpcBackends.call(channel, headers);
  }

  private List<String> callMany(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String who = call(Map.of());
      if (!names.contains(who)) {
        names.add(who);
      }
    }
    names.sort(null);
    return names;
  }

  private static void awaitTrue(Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 15s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
