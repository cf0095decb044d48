package io.hango.controlplane;

import static io.hango.controlplane.TestConfigs.await;
import static io.hango.controlplane.TestConfigs.docs;
import static io.hango.controlplane.TestConfigs.gateway;
import static io.hango.controlplane.TestConfigs.route;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.testkit.grpc.NamedGrpcBackends;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real ZooKeeper: real gRPC backends register as Dubbo providers (ephemeral
 * {@code /dubbo/<interface>/providers/<URL>} nodes), grpc-java's xDS client calls them through the
 * control plane; a provider that deregisters stops getting calls within seconds, without failed
 * calls; a ZooKeeper outage does not stop calls.
 */
class ZookeeperEndToEndTest {

  private static TestingServer zk;

  @TempDir Path dir;

  @BeforeAll
  static void startZookeeper() throws Exception {
    zk = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
  }

  @AfterAll
  static void stopZookeeper() throws Exception {
    zk.close();
  }

  /** The node a Dubbo provider of {@code test.Who} on {@code port} registers (Dubbo URL-encodes its URL once). */
  private static String providerNode(String name, int port) {
    String url = "tri://127.0.0.1:" + port + "/test.Who?application=" + name + "&interface=test.Who&side=provider&methods=Who%2CPing&weight=100";
    return "/dubbo/test.Who/providers/" + URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  @Test
  void callsFollowProvidersAndSurviveAnOutage() throws Exception {
    try (NamedGrpcBackends backends = NamedGrpcBackends.start("zk-1", "zk-2");
        CuratorFramework provider = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
            .sessionTimeoutMs(30_000).retryPolicy(new RetryOneTime(200)).build()) {
      provider.start();
      String node1 = providerNode("zk-1", backends.port("zk-1"));
      String node2 = providerNode("zk-2", backends.port("zk-2"));
      provider.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(node1);
      provider.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(node2);
      write(dir.resolve("config.yaml"), docs(gateway(), """
          apiVersion: hango.io/v1alpha1
          kind: Service
          metadata: {name: who}
          spec:
            protocol: grpc
            discovery: {registry: zk, serviceName: test.Who}
          ---
          apiVersion: hango.io/v1alpha1
          kind: Registry
          metadata: {name: zk}
          spec: {type: zookeeper, connectString: "%s", sessionTimeout: 4s, debounceQuietPeriod: 10ms, debounceMaxDelay: 200ms, emptyGracePeriod: 2s}
          """.formatted(zk.getConnectString()), route("all", 0, "", "[{service: who}]")));
      try (ControlPlane cp = ControlPlane.builder().config(dir).xdsHost("127.0.0.1").xdsPort(0).disableAdmin()
              .registryDataDirectory(dir.resolve("data")).debounce(Duration.ZERO, Duration.ZERO).build().start();
          GrpcXdsChannel xds = GrpcXdsChannel.open(cp.xdsPort(), "zk-e2e", "edge", TestConfigs.HOST);
          RegistryCalls calls = new RegistryCalls(xds.channel())) {
        calls.awaitOnly("both providers answer", Duration.ofSeconds(20), Set.of("zk-1", "zk-2"));

        long t0 = System.nanoTime();
        provider.delete().forPath(node2);
        calls.awaitOnly("only zk-1 answers", Duration.ofSeconds(10), Set.of("zk-1"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("zookeeper: deregistration to calls reaching only the registered provider: " + took.toMillis() + " ms");

        zk.stop();
        await("the registry is seen down", () -> !cp.discovery().status().get(0).connected());
        int before = calls.calls();
        await("calls keep flowing during the outage", () -> calls.calls() > before + 50);
        calls.awaitOnly("zk-1 still answers", Duration.ofSeconds(5), Set.of("zk-1"));
        assertThat(calls.failures()).as(calls.lastFailure()).isZero();
        assertThat(cp.discovery().endpoints().get("who")).hasSize(1);
      } finally {
        zk.restart();
      }
    }
  }
}
