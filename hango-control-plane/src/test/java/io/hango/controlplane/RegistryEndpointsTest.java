package io.hango.controlplane;

import static io.hango.testkit.Await.await;
import static io.hango.testkit.grpc.WhoConfigs.docs;
import static io.hango.testkit.grpc.WhoConfigs.gateway;
import static io.hango.testkit.grpc.WhoConfigs.route;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.hango.registry.Instance;
import io.hango.testkit.registry.InMemoryRegistry;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.XdsResponses;
import io.hango.testkit.xds.XdsTestClient;
import io.hango.xds.TypeUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services discovered from a registry: registry changes reach an incremental (Delta) client as
 * ClusterLoadAssignments only, and only those that changed; an outage keeps the endpoints; the
 * first sync is awaited at start; unknown registry types are rejected naming the jar.
 */
class RegistryEndpointsTest {

  private static final List<String> TYPES = List.of(TypeUrls.CLUSTER, TypeUrls.ENDPOINT, TypeUrls.LISTENER, TypeUrls.ROUTE);

  @TempDir Path dir;

  private final InMemoryRegistry registry = new InMemoryRegistry("memory");
  private ControlPlane cp;
  private ManagedChannel channel;
  private DeltaXdsStream delta;

  private static String registryDoc(String initialSyncTimeout) {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: mem}
        spec: {type: memory, debounceQuietPeriod: 10ms, debounceMaxDelay: 100ms, emptyGracePeriod: 300ms, initialSyncTimeout: %s}
        """.formatted(initialSyncTimeout);
  }

  private static final String WHO = """
      apiVersion: hango.io/v1alpha1
      kind: Service
      metadata: {name: who}
      spec:
        protocol: grpc
        discovery: {registry: mem, serviceName: who-svc}
        subsets:
          - {name: blue, labels: {color: blue}}
          - {name: green, labels: {color: green}}
      """;

  private static Instance instance(String ip, String color) {
    return new Instance(ip, ip, 9000, 100, Instance.Status.UP, "up", Optional.empty(), Optional.empty(), Map.of("color", color));
  }

  private void start(String initialSyncTimeout) {
    write(dir.resolve("config.yaml"), docs(gateway(), WHO, registryDoc(initialSyncTimeout),
        route("blue", 1, "", "[{service: who, subset: blue, weight: 1}, {service: who, subset: green, weight: 1}]")));
    cp = ControlPlane.builder()
        .config(dir)
        .xdsHost("127.0.0.1")
        .xdsPort(0)
        .disableAdmin()
        .registryProviders(List.of(registry))
        .registryDataDirectory(dir.resolve("data"))
        .watchInterval(Duration.ofMillis(50))
        .debounce(Duration.ZERO, Duration.ZERO)
        .build()
        .start();
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", cp.xdsPort(), InsecureChannelCredentials.create()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (delta != null) {
      delta.close();
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (cp != null) {
      cp.close();
    }
  }

  private DeltaXdsStream deltaClient() {
    delta = XdsTestClient.of(channel).deltaAds(XdsTestClient.node("delta-1")).autoAck(true);
    TYPES.forEach(t -> delta.subscribe(t, "*"));
    TYPES.forEach(delta::awaitResponse);
    delta.expectNoResponse(Duration.ofMillis(200));
    return delta;
  }

  private List<String> addresses(String cluster) {
    return cp.resources().orElseThrow().endpoints().stream()
        .filter(c -> c.getClusterName().equals(cluster))
        .flatMap(c -> c.getEndpointsList().stream())
        .flatMap(l -> l.getLbEndpointsList().stream())
        .map(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress())
        .toList();
  }

  private static List<String> addresses(ClusterLoadAssignment cla) {
    return cla.getEndpointsList().stream()
        .flatMap(l -> l.getLbEndpointsList().stream())
        .map(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress())
        .toList();
  }

  @Test
  void aRegistryChangeSendsOnlyTheChangedAssignments() {
    registry.set("who-svc", instance("10.0.0.1", "blue"), instance("10.0.0.2", "green"));
    start("5s");
    assertThat(addresses("who|blue")).containsExactly("10.0.0.1");
    assertThat(registry.watched()).containsExactly("who-svc");
    String version = cp.state().configVersion().orElseThrow();
    deltaClient();

    registry.set("who-svc", instance("10.0.0.1", "blue"), instance("10.0.0.3", "blue"), instance("10.0.0.2", "green"));
    DeltaDiscoveryResponse eds = delta.awaitResponse(TypeUrls.ENDPOINT);
    // Only the clusters routes use exist: who|blue changed, who|green did not.
    assertThat(XdsResponses.names(eds)).containsExactly("who|blue");
    List<ClusterLoadAssignment> sent = XdsResponses.unpack(eds, ClusterLoadAssignment.class);
    assertThat(sent.stream().filter(c -> c.getClusterName().equals("who|blue")).findFirst().map(RegistryEndpointsTest::addresses))
        .contains(List.of("10.0.0.1", "10.0.0.3"));
    // Listeners, routes and clusters are not resent: their versions did not change.
    delta.expectNoResponse(Duration.ofMillis(300));
    assertThat(cp.state().configVersion()).contains(version);
    assertThat(addresses("who|blue")).containsExactly("10.0.0.1", "10.0.0.3");
    assertThat(cp.meterRegistry().get("hango.registry.publish.latency").timer().count()).isGreaterThanOrEqualTo(1);
    assertThat(cp.meterRegistry().get("hango.registry.up").tag("registry", "mem").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void anOutageKeepsTheEndpointsAndRecoveryPushesTheNewOnes() {
    registry.set("who-svc", instance("10.0.0.1", "blue"));
    start("5s");
    deltaClient();
    registry.goDown("connection refused");
    delta.expectNoResponse(Duration.ofMillis(500));
    assertThat(addresses("who|blue")).containsExactly("10.0.0.1");
    assertThat(cp.discovery().status().get(0).connected()).isFalse();

    registry.set("who-svc", instance("10.0.0.4", "blue"));
    registry.comeBack();
    DeltaDiscoveryResponse eds = delta.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(XdsResponses.names(eds)).contains("who|blue");
    assertThat(addresses("who|blue")).containsExactly("10.0.0.4");
  }

  @Test
  void theLastInstanceLeavingEmptiesTheServiceAfterTheGracePeriod() {
    registry.set("who-svc", instance("10.0.0.1", "blue"));
    start("5s");
    deltaClient();
    registry.remove("who-svc");
    delta.expectNoResponse(Duration.ofMillis(150));
    assertThat(addresses("who|blue")).containsExactly("10.0.0.1");
    DeltaDiscoveryResponse eds = delta.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(XdsResponses.names(eds)).contains("who|blue");
    assertThat(addresses("who|blue")).isEmpty();
  }

  @Test
  void startServesWhatItHasWhenARegistryDoesNotAnswerInTime() {
    long t0 = System.nanoTime();
    start("300ms");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(cp.state().ready()).isTrue();
    assertThat(addresses("who|blue")).isEmpty();
    assertThat(cp.discovery().waiting()).containsExactly("who");
    deltaClient();
    registry.set("who-svc", instance("10.0.0.7", "blue"));
    DeltaDiscoveryResponse eds = delta.awaitResponse(TypeUrls.ENDPOINT);
    assertThat(XdsResponses.names(eds)).contains("who|blue");
    await("endpoints discovered", () -> addresses("who|blue").equals(List.of("10.0.0.7")));
  }

  @Test
  void aRegistryTypeWithoutAProviderIsRejectedNamingTheJar() {
    write(dir.resolve("config.yaml"), docs(gateway(), WHO.replace("registry: mem", "registry: zk"),
        """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: zk}
        spec: {type: zookeeper, connectString: "127.0.0.1:2181"}
        """,
        route("blue", 1, "", "[{service: who, subset: blue}]")));
    ControlPlaneBuilder b = ControlPlane.builder().config(dir).xdsPort(0).disableAdmin().registryProviders(List.of(registry));
    assertThatThrownBy(() -> b.build().start())
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement().asString()
            .contains("config.yaml:")
            .endsWith("Registry/zk: spec.type: no provider for registry type 'zookeeper' on the class path: "
                + "add the jar io.hango:hango-registry-zookeeper (known here: memory)"));
  }
}
