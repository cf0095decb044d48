package io.hango.kubernetes;

import static io.hango.kubernetes.HangoCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.hango.controlplane.ControlPlane;
import io.hango.model.ResourceKind;
import io.hango.testkit.grpc.NamedGrpcBackends;
import io.hango.testkit.grpc.WhoConfigs;
import io.hango.testkit.xds.GrpcXdsChannel;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import io.hango.translate.EnvoyResources;
import io.hango.xds.NodeStatus;
import io.hango.xds.TypeStatus;
import io.hango.xds.TypeUrls;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two control-plane replicas on one (mock) API server: identical resources and versions at every
 * step; grpc-java's xDS client moving from one replica to the other is sent nothing it has; only
 * the elected replica writes status, and when it stops the other takes over. Prints the time from
 * a write to the API server to every xDS client having the change.
 */
class TwoReplicasTest {

  private static final String NS = "replicas";

  private static HangoCluster cluster;
  private static NamedGrpcBackends backends;

  @BeforeAll
  static void start() throws Exception {
    cluster = HangoCluster.start();
    backends = NamedGrpcBackends.start("blue", "green");
  }

  @AfterAll
  static void stop() throws Exception {
    backends.close();
    cluster.close();
  }

  @Test
  void replicasAgreeAClientMovesWithoutResendsAndOneReplicaWritesStatus() throws Exception {
    cluster.apply(NS, WhoConfigs.docs(WhoConfigs.gateway(), service(), route("blue")));
    KubernetesConfigSource sourceA = cluster.source(NS, "replica-a").build();
    ControlPlane a = HangoCluster.controlPlane(sourceA);
    await("replica-a elected", sourceA::writesStatus);
    KubernetesConfigSource sourceB = cluster.source(NS, "replica-b").build();
    ControlPlane b = HangoCluster.controlPlane(sourceB);
    try (Forwarder service = new Forwarder(a.xdsPort())) {
      assertSameServed(a, b);
      await("status written", () -> cluster.conditions(ResourceKind.ROUTE, NS, "who").containsKey("Programmed"));
      assertThat(sourceA.statusWrites()).isPositive();
      assertThat(sourceB.writesStatus()).isFalse();
      assertThat(sourceB.statusWrites()).isZero();

      try (GrpcXdsChannel mover = GrpcXdsChannel.open(service.port(), "mover", "edge", "api.example.com");
          Watcher watcher = new Watcher(a)) {
        assertThat(NamedGrpcBackends.call(mover.channel(), Map.of())).isEqualTo("blue");
        List<TypeStatus> onA = awaitInSync(a, "mover");

        // The client's replica goes away (its connection drops); it reconnects to the other one.
        service.switchTo(b.xdsPort());
        List<TypeStatus> onB = awaitInSync(b, "mover");
        Thread.sleep(500); // a resend would come right away
        NodeStatus moved = b.xdsServer().status().node("mover").get(0);
        assertThat(moved.responsesSent()).as("responses replica-b sent to the client that moved").isZero();
        assertThat(onB).extracting(TypeStatus::versionAcked).isEqualTo(onA.stream().map(TypeStatus::versionAcked).toList());
        assertThat(NamedGrpcBackends.call(mover.channel(), Map.of())).isEqualTo("blue");

        // A change written to the API server reaches every client of both replicas.
        long t0 = System.nanoTime();
        cluster.apply(NS, route("green"));
        await("grpc-java on replica-b routes to green", () -> "green".equals(NamedGrpcBackends.call(mover.channel(), Map.of())));
        long clientOnB = System.nanoTime() - t0;
        watcher.awaitRouteTo("green");
        long clientOnA = System.nanoTime() - t0;
        System.out.printf("write to the API server -> grpc-java xDS client on replica-b routing by it: %d ms;"
            + " -> xDS client on replica-a holding it: %d ms%n", clientOnB / 1_000_000, clientOnA / 1_000_000);
        assertSameServed(a, b);
      }

      // The elected replica stops: the other takes over and writes the next change's status.
      long writesBefore = sourceB.statusWrites();
      a.close();
      sourceA.close();
      await("replica-b elected", sourceB::writesStatus);
      cluster.apply(NS, route("blue"));
      await("status of the change written by replica-b", () -> sourceB.statusWrites() > writesBefore
          && String.valueOf(cluster.conditions(ResourceKind.ROUTE, NS, "who").get("Programmed").get("message"))
              .equals("served in config version " + b.state().configVersion().orElseThrow()));
    } finally {
      b.close();
      sourceB.close();
      a.close();
      sourceA.close();
    }
  }

  private static void assertSameServed(ControlPlane a, ControlPlane b) {
    await("both replicas serve the same version", () -> a.state().configVersion().isPresent()
        && a.state().configVersion().equals(b.state().configVersion()));
    EnvoyResources ra = a.resources().orElseThrow();
    EnvoyResources rb = b.resources().orElseThrow();
    for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
      assertThat(ra.toJson(t)).as(t.name()).isEqualTo(rb.toJson(t));
    }
  }

  /** Waits until every type of the node's stream on {@code cp} has acknowledged what it was sent. */
  private static List<TypeStatus> awaitInSync(ControlPlane cp, String node) {
    await(node + " in sync with its replica", () -> {
      List<NodeStatus> streams = cp.xdsServer().status().node(node);
      return streams.size() == 1 && streams.get(0).types().size() >= 4 && streams.get(0).types().stream()
          .allMatch(t -> t.versionAcked() != null && t.versionAcked().equals(t.versionSent()));
    });
    return cp.xdsServer().status().node(node).get(0).types();
  }

  /** An ADS client of our testkit on a replica, holding the route configurations. */
  private static final class Watcher implements AutoCloseable {
    private final ManagedChannel channel;
    private final SotwXdsStream ads;
    private final ControlPlane cp;

    Watcher(ControlPlane cp) {
      this.cp = cp;
      this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", cp.xdsPort()).usePlaintext().build();
      this.ads = XdsTestClient.of(channel).ads(io.envoyproxy.envoy.config.core.v3.Node.newBuilder().setId("watcher").setCluster("edge").build()).autoAck(true);
      ads.request(TypeUrls.ROUTE, cp.resources().orElseThrow().routes().get(0).getName());
    }

    void awaitRouteTo(String subset) {
      await("the watcher on " + cp.xdsPort() + " holds the route to " + subset, () -> ads.received().stream()
          .filter(r -> r.getTypeUrl().equals(TypeUrls.ROUTE))
          .reduce((x, y) -> y)
          .map(r -> r.getResources(0).getValue().toStringUtf8().contains(subset))
          .orElse(false));
    }

    @Override
    public void close() throws InterruptedException {
      ads.close();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static String service() {
    return WhoConfigs.whoService(WhoConfigs.endpoint(backends.port("blue"), "blue")
        + WhoConfigs.endpoint(backends.port("green"), "green"));
  }

  private static String route(String subset) {
    return WhoConfigs.route("who", 0, "", "[{service: who, subset: %s}]".formatted(subset));
  }
}
