package io.hango.controlplane;

import static io.hango.testkit.grpc.WhoConfigs.docs;
import static io.hango.testkit.grpc.WhoConfigs.endpoint;
import static io.hango.testkit.grpc.WhoConfigs.gateway;
import static io.hango.testkit.grpc.WhoConfigs.route;
import static io.hango.testkit.grpc.WhoConfigs.whoService;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hango.model.GatewayConfig;
import io.hango.model.io.ConfigReader;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeUrls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API: start, config sources, reload outcomes, node grouping. */
class ControlPlaneTest {

  @TempDir Path dir;

  @Test
  void anInvalidInitialConfigFailsStartWithLocatedProblemsAndBindsNothing() throws Exception {
    write(dir.resolve("gateway.yaml"), gateway());
    write(dir.resolve("services.yaml"), whoService(endpoint(9001, "blue") + endpoint(9002, "green")));
    write(dir.resolve("routes.yaml"), route("r", 0, "", "[{service: who, subset: purple}]"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ControlPlane cp = ControlPlane.builder().config(dir).xdsPort(port).disableAdmin().build();

    assertThatThrownBy(cp::start)
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("invalid config: 1 error");
              assertThat(e.problems()).singleElement().asString()
                  .matches(".*routes\\.yaml:\\d+:\\d+: Route/r: spec\\.forward\\.destinations\\[0\\]\\.subset: .*purple.*");
            });
    try (ServerSocket s = new ServerSocket(port)) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aHostSuppliedConfigIsReloadedOnDemand() {
    AtomicReference<GatewayConfig> config = new AtomicReference<>(parse("[{service: who, subset: blue}]"));
    SimpleMeterRegistry hostMeters = new SimpleMeterRegistry();
    try (ControlPlane cp =
        ControlPlane.builder()
            .configSource(ConfigSource.of(config::get))
            .xdsPort(0)
            .disableAdmin()
            .meterRegistry(hostMeters)
            .build()
            .start()) {
      assertThat(cp.adminPort()).isEqualTo(-1);
      String v1 = cp.state().configVersion().orElseThrow();
      assertThat(cp.reload().result()).isEqualTo(ReloadOutcome.Result.UNCHANGED);

      config.set(parse("[{service: who, subset: green}]"));
      ReloadOutcome applied = cp.reload();
      assertThat(applied.result()).isEqualTo(ReloadOutcome.Result.APPLIED);
      assertThat(applied.configVersion()).isNotEqualTo(v1).isEqualTo(cp.state().configVersion().orElseThrow());

      config.set(parse("[{service: missing}]"));
      ReloadOutcome rejected = cp.reload();
      assertThat(rejected.rejected()).isTrue();
      assertThat(rejected.configVersion()).isEqualTo(applied.configVersion());
      assertThat(rejected.problems()).extracting(Object::toString).anyMatch(p -> p.contains("missing"));
      assertThat(cp.state().lastErrors()).isEqualTo(rejected.problems());
      assertThat(cp.state().lastGoodAt()).contains(applied.at());
      // The host's own registry gets the meters too.
      assertThat(hostMeters.get("hango.controlplane.reloads").tag("outcome", "unchanged").counter().count()).isEqualTo(1);
      assertThat(hostMeters.find("hango.xds.streams").gauge()).isNotNull();
    }
  }

  @Test
  void clusterGroupingServesEachGatewayOnlyItsOwnResources() {
    String config =
        docs(
            gateway(),
            """
            apiVersion: hango.io/v1alpha1
            kind: Gateway
            metadata: {name: internal}
            spec:
              listeners:
                - {name: http, port: 8081, protocol: HTTP, hosts: ["internal.example.com"]}
            """,
            whoService(endpoint(9001, "blue") + endpoint(9002, "green")),
            route("edge-route", 0, "", "[{service: who, subset: blue}]"),
            """
            apiVersion: hango.io/v1alpha1
            kind: Route
            metadata: {name: internal-route}
            spec:
              gateway: internal
              hosts: ["internal.example.com"]
              match: {path: {prefix: /}}
              forward: {destinations: [{service: who, subset: green}]}
            """);
    try (ControlPlane cp =
        ControlPlane.builder()
            .configSource(ConfigSource.of(() -> ConfigReader.readString("all.yaml", config).config()))
            .xdsPort(0)
            .disableAdmin()
            .nodeGroup(NodeGrouping.CLUSTER)
            .debounce(Duration.ZERO, Duration.ZERO)
            .build()
            .start()) {
      Snapshot edge = cp.xdsServer().snapshots().snapshot("edge").orElseThrow();
      Snapshot internal = cp.xdsServer().snapshots().snapshot("internal").orElseThrow();
      Snapshot all = cp.xdsServer().snapshots().snapshot("default").orElseThrow();

      assertThat(edge.resources(TypeUrls.LISTENER)).containsOnlyKeys("edge/grpc", "api.example.com");
      assertThat(edge.resources(TypeUrls.ROUTE)).containsOnlyKeys("edge/grpc");
      assertThat(edge.resources(TypeUrls.CLUSTER).keySet()).hasSize(1).allMatch(n -> n.contains("blue"));
      assertThat(edge.resources(TypeUrls.ENDPOINT).keySet()).isEqualTo(edge.resources(TypeUrls.CLUSTER).keySet());
      assertThat(internal.resources(TypeUrls.LISTENER)).containsKey("internal/http").doesNotContainKey("edge/grpc");
      assertThat(internal.resources(TypeUrls.CLUSTER).keySet()).hasSize(1).allMatch(n -> n.contains("green"));
      assertThat(all.resources(TypeUrls.LISTENER)).containsKeys("edge/grpc", "internal/http", "api.example.com");
      assertThat(all.resources(TypeUrls.CLUSTER)).hasSize(2);
    }
  }

  private static GatewayConfig parse(String destinations) {
    String yaml =
        docs(gateway(), whoService(endpoint(9001, "blue") + endpoint(9002, "green")), route("r", 0, "", destinations));
    return ConfigReader.readString("config.yaml", yaml).config();
  }
}
