package io.hango.registry.zookeeper.internal;

import static io.hango.registry.zookeeper.internal.ZkTesting.await;
import static io.hango.registry.zookeeper.internal.ZkTesting.registerDubbo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceRef;
import io.hango.registry.zookeeper.ZookeeperRegistryProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ZooKeeper that is down when discovery starts (and comes up later on the same port, in the first test). */
class ZookeeperUnreachableAtStartTest {

  @TempDir Path tmp;

  @Test
  void aRegistryDownAtStartIsReportedThenSyncsWhenItComesUp() throws Exception {
    int port = InstanceSpec.getRandomPort();
    String connectString = "127.0.0.1:" + port;
    String iface = "com.example.Late";
    try (ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(new ZookeeperRegistryProvider()))
        .dataDirectory(tmp)
        .build()) {
      discovery.apply(GatewayConfig.of(
          Registry.of("zk", ZkTesting.spec(connectString, RegistrySpec.Zookeeper.Layout.DUBBO)),
          ZookeeperDiscoveryTest.service("late", "zk", iface)));

      assertThat(discovery.awaitInitialSync(Duration.ofMillis(300))).containsExactly("late");
      await(() -> status(discovery).lastError().isPresent(), () -> "an error: " + discovery.status());
      RegistryStatus down = status(discovery);
      assertThat(down.connected()).isFalse();
      assertThat(down.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("cannot connect to ZooKeeper " + connectString));
      assertThat(discovery.endpoints().get("late")).isEmpty();

      try (TestingServer server = ZkTesting.startServer(port);
          CuratorFramework providers = ZkTesting.providerClient(server.getConnectString())) {
        registerDubbo(providers, "/dubbo", iface, "dubbo://10.4.0.1:20880/" + iface);
        await(Duration.ofSeconds(15), () -> discovery.endpoints().get("late").stream().map(Endpoint::address).toList()
            .equals(List.of("10.4.0.1")), () -> "synced: " + discovery.status());
        assertThat(status(discovery).connected()).isTrue();
        assertThat(discovery.waiting()).isEmpty();
      }
    }
  }

  @Test
  void aClientOfAnUnreachableRegistryStartsAndClosesWithoutWaitingForIt() {
    String connectString = "127.0.0.1:" + InstanceSpec.getRandomPort();
    RecordingListener listener = new RecordingListener();
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      try (RegistryClient client = new ZookeeperRegistryProvider().create(
          ZkTesting.context(ZkTesting.spec(connectString, RegistrySpec.Zookeeper.Layout.CURATOR), tmp))) {
        client.start(listener);
        client.watch(Set.of(ServiceRef.of("orders")));
        await(() -> listener.log().stream().anyMatch(l -> l.startsWith("disconnected: cannot connect")), () -> "reported: " + listener.log());
      }
    });
    assertThat(listener.log()).noneMatch(l -> l.startsWith("instances") || l.startsWith("error"));
  }

  private static RegistryStatus status(ServiceDiscovery discovery) {
    return discovery.status().get(0);
  }
}
