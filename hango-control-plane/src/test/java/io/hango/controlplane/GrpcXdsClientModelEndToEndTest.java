package io.hango.controlplane;

import io.hango.testkit.grpc.WhoConfigs;
import io.hango.testkit.xds.GrpcXdsChannel;
import io.hango.testkit.grpc.NamedGrpcBackends;

import static io.hango.testkit.Await.await;
import static io.hango.testkit.grpc.WhoConfigs.docs;
import static io.hango.testkit.grpc.WhoConfigs.endpoint;
import static io.hango.testkit.grpc.WhoConfigs.gateway;
import static io.hango.testkit.grpc.WhoConfigs.route;
import static io.hango.testkit.grpc.WhoConfigs.whoService;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-java's own xDS client resolves {@code xds-test:///api.example.com} through a control plane
 * fed from YAML files the test writes, and calls real local backends. The node's cluster is the
 * gateway name, with per-gateway node grouping on.
 */
class GrpcXdsClientModelEndToEndTest {

  @TempDir Path dir;

  private NamedGrpcBackends backends;
  private ControlPlane cp;
  private GrpcXdsChannel xds;
  private ManagedChannel channel;
  private Path services;
  private Path routes;

  @BeforeEach
  void setUp() throws Exception {
    backends = NamedGrpcBackends.start("blue", "green", "blue-2");
    write(dir.resolve("gateway.yaml"), gateway());
    services = dir.resolve("services.yaml");
    routes = dir.resolve("routes.yaml");
    write(services, whoService(endpoint(backends.port("blue"), "blue") + endpoint(backends.port("green"), "green")));
  }

  private void startWith(String routesYaml) {
    write(routes, routesYaml);
    cp =
        ControlPlane.builder()
            .config(dir)
            .xdsHost("127.0.0.1")
            .xdsPort(0)
            .disableAdmin()
            .nodeGroup(NodeGrouping.CLUSTER)
            .watchInterval(Duration.ofMillis(50))
            .debounce(Duration.ZERO, Duration.ZERO)
            .build()
            .start();
    xds = GrpcXdsChannel.open(cp.xdsPort(), "grpc-e2e", WhoConfigs.GATEWAY, WhoConfigs.HOST);
    channel = xds.channel();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (xds != null) {
      xds.close();
    }
    if (cp != null) {
      cp.close();
    }
    backends.close();
  }

  @Test
  void routesByAHeaderMatchFromTheModel() {
    startWith(
        docs(
            route("green-by-header", 10, "headers: [{name: x-color, exact: green}]", "[{service: who, subset: green}]"),
            route("default", 0, "", "[{service: who, subset: blue}]")));

    assertThat(call(Map.of())).isEqualTo("blue");
    assertThat(call(Map.of("x-color", "green"))).isEqualTo("green");
    assertThat(call(Map.of("x-color", "red"))).isEqualTo("blue");
    // The node is in its gateway's group, not the catch-all one.
    assertThat(cp.xdsServer().status().node("grpc-e2e")).extracting(n -> n.group()).containsOnly(WhoConfigs.GATEWAY);
  }

  @Test
  void splitsTrafficByWeightBetweenTwoSubsets() {
    startWith(route("split", 0, "", "[{service: who, subset: blue, weight: 25}, {service: who, subset: green, weight: 75}]"));
    call(Map.of());
    Map<String, Integer> hits = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      hits.merge(call(Map.of()), 1, Integer::sum);
    }
    assertThat(hits.keySet()).containsExactlyInAnyOrder("blue", "green");
    // 300 expected; the bounds are more than 5 standard deviations wide.
    assertThat(hits.get("green")).isBetween(255, 345);
  }

  @Test
  void routeChangeWrittenToTheFileWhileCallsContinueFailsNoCall() throws Exception {
    startWith(route("default", 0, "", "[{service: who, subset: blue}]"));
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
      await("calls flowing", () -> calls.get() > 20);
      write(routes, route("default", 0, "", "[{service: who, subset: green}]"));
      await("calls reach green after the file changed", () -> greens.get() > 20);
    } finally {
      running.set(false);
      caller.join(10_000);
    }
    assertThat(failures.get()).isZero();
    assertThat(cp.state().lastOutcome()).get().extracting(ReloadOutcome::result).isEqualTo(ReloadOutcome.Result.APPLIED);
  }

  @Test
  void followsEndpointsAddedAndRemovedInTheFile() {
    startWith(route("default", 0, "", "[{service: who, subset: blue}]"));
    assertThat(callMany(10)).containsExactly("blue");

    write(
        services,
        whoService(
            endpoint(backends.port("blue"), "blue")
                + endpoint(backends.port("blue-2"), "blue")
                + endpoint(backends.port("green"), "green")));
    await("both blue endpoints answer", () -> callMany(30).equals(Set.of("blue", "blue-2")));

    write(services, whoService(endpoint(backends.port("blue-2"), "blue") + endpoint(backends.port("green"), "green")));
    await("only the remaining endpoint answers", () -> callMany(30).equals(Set.of("blue-2")));
  }

  private String call(Map<String, String> headers) {
    return NamedGrpcBackends.call(channel, headers);
  }

  private Set<String> callMany(int n) {
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      names.add(call(Map.of()));
    }
    return names;
  }
}
