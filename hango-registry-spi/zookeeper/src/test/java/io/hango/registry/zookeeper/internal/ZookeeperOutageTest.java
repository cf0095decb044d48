package io.hango.registry.zookeeper.internal;

import static io.hango.registry.zookeeper.internal.ZkTesting.await;
import static io.hango.registry.zookeeper.internal.ZkTesting.registerDubbo;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryProvider;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.zookeeper.ZookeeperRegistryProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.test.TestingServer;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages against a real ZooKeeper, through the discovery runtime: session expiries (the gateway's
 * and a provider's), a server restart and a network partition. An outage never empties a service;
 * after it, the registry is read again.
 */
class ZookeeperOutageTest {

  private static TestingServer server;

  @TempDir Path tmp;
  /** Every endpoint list the runtime published, in order. */
  private final List<List<Endpoint>> published = new CopyOnWriteArrayList<>();
  private final Capturing provider = new Capturing();

  /** The real provider, keeping the clients it creates so that a test can expire their sessions. */
  static final class Capturing implements RegistryProvider {
    private final ZookeeperRegistryProvider delegate = new ZookeeperRegistryProvider();
    final List<ZookeeperRegistryClient> clients = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return delegate.type();
    }

    @Override
    public RegistryClient create(RegistryContext context) {
      ZookeeperRegistryClient c = (ZookeeperRegistryClient) delegate.create(context);
      clients.add(c);
      return c;
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    server = ZkTesting.startServer(-1);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private ServiceDiscovery discover(String connectString, String iface) throws InterruptedException {
    ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(provider))
        .dataDirectory(tmp)
        .listener((changes, at) -> published.addAll(changes.values()))
        .build();
    RegistrySpec.Zookeeper spec = RegistrySpec.Zookeeper.builder()
        .from(ZkTesting.spec(connectString, RegistrySpec.Zookeeper.Layout.DUBBO))
        .debounceQuietPeriod(Duration.ofMillis(10))
        .build();
    discovery.apply(GatewayConfig.of(Registry.of("zk", spec), ZookeeperDiscoveryTest.service("svc", "zk", iface)));
    assertThat(discovery.awaitInitialSync(Duration.ofSeconds(10))).isEmpty();
    return discovery;
  }

  private static List<String> addresses(ServiceDiscovery discovery) {
    return discovery.endpoints().get("svc").stream().map(Endpoint::address).toList();
  }

  private static RegistryStatus status(ServiceDiscovery discovery) {
    return discovery.status().get(0);
  }

  private void assertNeverEmptied() {
    assertThat(published).as("endpoint lists published during the outage").noneMatch(List::isEmpty);
  }

  @Test
  void theGatewaysSessionExpiresEndpointsAreKeptThenTheServiceIsReadAgain() throws Exception {
    String iface = "com.example.GatewayExpiry";
    try (CuratorFramework providers = ZkTesting.providerClient(server.getConnectString());
        ServiceDiscovery discovery = discover(server.getConnectString(), iface)) {
      registerDubbo(providers, "/dubbo", iface, "dubbo://10.3.0.1:20880/" + iface);
      await(() -> addresses(discovery).equals(List.of("10.3.0.1")), () -> "first provider: " + discovery.status());
      CuratorFramework gateway = provider.clients.get(0).curator();
      long session = gateway.getZookeeperClient().getZooKeeper().getSessionId();

      ZkTesting.expireSession(gateway, server.getConnectString());

      await(() -> status(discovery).lastError().orElse("").contains("session lost"), () -> "session lost: " + discovery.status());
      await(() -> status(discovery).connected(), () -> "reconnected: " + discovery.status());
      assertThat(gateway.getZookeeperClient().getZooKeeper().getSessionId()).as("a new session").isNotEqualTo(session);
      assertThat(addresses(discovery)).containsExactly("10.3.0.1");

      // the new session has watches again: a new provider is seen
      registerDubbo(providers, "/dubbo", iface, "dubbo://10.3.0.2:20880/" + iface);
      await(() -> addresses(discovery).equals(List.of("10.3.0.1", "10.3.0.2")), () -> "second provider: " + discovery.status());
      assertNeverEmptied();
    }
  }

  @Test
  void aProvidersSessionExpiresItsNodeGoesAndTheEndpointIsKeptUntilItRegistersAgain() throws Exception {
    String iface = "com.example.ProviderExpiry";
    String path = ZKPaths.makePath("/dubbo", iface, "providers",
        URLEncoder.encode("dubbo://10.3.1.1:20880/" + iface, StandardCharsets.UTF_8));
    try (TcpProxy link = new TcpProxy(server.getPort());
        CuratorFramework providerClient = ZkTesting.providerClient(link.connectString());
        PersistentNode registration = new PersistentNode(providerClient, CreateMode.EPHEMERAL, false, path, new byte[0])) {
      // like Dubbo, the provider registers again when it gets a new session
      registration.start();
      assertThat(registration.waitForInitialCreate(10, TimeUnit.SECONDS)).isTrue();
      try (ServiceDiscovery discovery = discover(server.getConnectString(), iface)) {
        assertThat(addresses(discovery)).containsExactly("10.3.1.1");

        link.cut();
        ZkTesting.expireSession(providerClient, server.getConnectString());

        // the server deleted the ephemeral node: an authoritative empty answer, held for the grace period
        await(() -> ZookeeperDiscoveryTest.state(discovery, "svc") == ServiceEndpoints.State.EMPTY_PENDING,
            () -> "empty answer pending: " + discovery.status());
        assertThat(addresses(discovery)).containsExactly("10.3.1.1");

        link.restore();
        await(() -> ZookeeperDiscoveryTest.state(discovery, "svc") == ServiceEndpoints.State.SYNCED,
            () -> "registered again: " + discovery.status());
        assertThat(addresses(discovery)).containsExactly("10.3.1.1");
        assertNeverEmptied();
      }
    }
  }

  @Test
  void theServerStopsEndpointsAreKeptAndAfterTheRestartChangesAreSeen() throws Exception {
    String iface = "com.example.Restart";
    try (ServiceDiscovery discovery = discover(server.getConnectString(), iface)) {
      try (CuratorFramework providers = ZkTesting.providerClient(server.getConnectString())) {
        providers.create().creatingParentsIfNeeded()
            .forPath(ZKPaths.makePath("/dubbo", iface, "providers", URLEncoder.encode("dubbo://10.3.2.1:20880/x", StandardCharsets.UTF_8)));
      }
      await(() -> addresses(discovery).equals(List.of("10.3.2.1")), () -> "provider: " + discovery.status());

      server.stop();
      await(() -> !status(discovery).connected(), () -> "disconnected: " + discovery.status());
      assertThat(ZookeeperDiscoveryTest.state(discovery, "svc")).isEqualTo(ServiceEndpoints.State.STALE);
      assertThat(addresses(discovery)).containsExactly("10.3.2.1");
      assertThat(status(discovery).lastError()).hasValueSatisfying(e -> assertThat(e).contains("ZooKeeper"));

      server.restart();
      await(() -> status(discovery).connected() && ZookeeperDiscoveryTest.state(discovery, "svc") == ServiceEndpoints.State.SYNCED,
          () -> "reconnected and read again: " + discovery.status());
      try (CuratorFramework providers = ZkTesting.providerClient(server.getConnectString())) {
        registerDubbo(providers, "/dubbo", iface, "dubbo://10.3.2.2:20880/" + iface);
        await(() -> addresses(discovery).equals(List.of("10.3.2.1", "10.3.2.2")), () -> "fresh data: " + discovery.status());
      }
      assertNeverEmptied();
    }
  }

  @Test
  void aPartitionLongerThanTheSessionThenWhatChangedMeanwhileIsRead() throws Exception {
    String iface = "com.example.Partition";
    try (TcpProxy link = new TcpProxy(server.getPort());
        CuratorFramework providers = ZkTesting.providerClient(server.getConnectString())) {
      String a = registerDubbo(providers, "/dubbo", iface, "dubbo://10.3.3.1:20880/" + iface);
      registerDubbo(providers, "/dubbo", iface, "dubbo://10.3.3.2:20880/" + iface);
      try (ServiceDiscovery discovery = discover(link.connectString(), iface)) {
        assertThat(addresses(discovery)).containsExactly("10.3.3.1", "10.3.3.2");

        link.cut();
        await(() -> status(discovery).lastError().orElse("").contains("session lost"), () -> "session lost: " + discovery.status());
        assertThat(status(discovery).connected()).isFalse();
        providers.delete().forPath(a);
        registerDubbo(providers, "/dubbo", iface, "dubbo://10.3.3.3:20880/" + iface);
        assertThat(addresses(discovery)).as("kept while cut off").containsExactly("10.3.3.1", "10.3.3.2");

        // the new session has none of the old watches: only reading again finds the changes
        link.restore();
        await(() -> addresses(discovery).equals(List.of("10.3.3.2", "10.3.3.3")), () -> "changes read: " + discovery.status());
        assertThat(status(discovery).connected()).isTrue();
        assertNeverEmptied();
      }
    }
  }
}
