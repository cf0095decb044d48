package io.hango.registry.zookeeper.internal;

import static io.hango.registry.zookeeper.internal.ZkTesting.await;
import static io.hango.registry.zookeeper.internal.ZkTesting.registerDubbo;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.zookeeper.ZookeeperRegistryProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zookeeper registry run by the real discovery runtime ({@link ServiceDiscovery}). */
class ZookeeperDiscoveryTest {

  private static TestingServer server;
  private static CuratorFramework provider;

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() throws Exception {
    server = ZkTesting.startServer(-1);
    provider = ZkTesting.providerClient(server.getConnectString());
  }

  @AfterAll
  static void stopServer() throws Exception {
    provider.close();
    server.close();
  }

  private ServiceDiscovery discovery() {
    return ServiceDiscovery.builder().providers(List.of(new ZookeeperRegistryProvider())).dataDirectory(tmp).build();
  }

  @Test
  void aConfigReadFromYamlDiscoversDubboProviders() throws Exception {
    String iface = "com.example.Orders";
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.2.0.1:20880/" + iface
        + "?group=shop&version=1.0.0&weight=50&zone=zone-a&methods=get%2Cput&side=provider");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.2.0.2:20880/" + iface + "?group=shop&version=1.0.0&disabled=true");
    registerDubbo(provider, "/dubbo", iface, "dubbo://orders-3.internal:20880/" + iface + "?group=shop&version=1.0.0");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.2.0.4:20880/" + iface + "?group=staging&version=1.0.0");
    Path yaml = tmp.resolve("config.yaml");
    Files.writeString(yaml, """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: zk}
        spec: {type: zookeeper, connectString: "%s", layout: dubbo, sessionTimeout: 2s, debounceQuietPeriod: 10ms}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: orders}
        spec:
          protocol: grpc
          discovery: {registry: zk, serviceName: com.example.Orders, group: shop, version: 1.0.0}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: orders-any}
        spec:
          discovery: {registry: zk, serviceName: com.example.Orders}
        """.formatted(server.getConnectString()));
    GatewayConfig config = GatewayConfig.read(yaml);
    assertThat(config.validate().problems()).isEmpty();

    try (ServiceDiscovery discovery = discovery()) {
      discovery.apply(config);
      assertThat(discovery.awaitInitialSync(Duration.ofSeconds(10))).isEmpty();

      Map<String, List<Endpoint>> endpoints = discovery.endpoints();
      assertThat(endpoints.get("orders")).containsExactly(Endpoint.builder()
          .address("10.2.0.1").port(20880).weight(50).zone("zone-a")
          .putLabel("group", "shop").putLabel("version", "1.0.0").putLabel("weight", "50").putLabel("zone", "zone-a")
          .putLabel("methods", "get,put").putLabel("side", "provider")
          .build());
      assertThat(endpoints.get("orders-any")).extracting(Endpoint::address).containsExactly("10.2.0.1", "10.2.0.4");

      RegistryStatus status = discovery.status().get(0);
      assertThat(status.name()).isEqualTo("zk");
      assertThat(status.type()).isEqualTo("zookeeper");
      assertThat(status.connected()).isTrue();
      ServiceEndpoints orders = status.services().stream().filter(s -> s.service().equals("orders")).findFirst().orElseThrow();
      assertThat(orders.state()).isEqualTo(ServiceEndpoints.State.SYNCED);
      assertThat(orders.excluded()).extracting(e -> e.instance().address() + ": " + e.reason()).containsExactlyInAnyOrder(
          "10.2.0.2: disabled (dubbo disabled=true)",
          "orders-3.internal: address 'orders-3.internal' is not an IP address: Envoy's EDS takes IP addresses only (register the IP)");
    }
  }

  @Test
  void theLastProviderLeavingEmptiesTheServiceAfterTheGracePeriodUnlessKeepLast() throws Exception {
    String clearing = "com.example.Clearing";
    String keeping = "com.example.Keeping";
    String a = registerDubbo(provider, "/dubbo", clearing, "dubbo://10.2.1.1:20880/" + clearing);
    String b = registerDubbo(provider, "/dubbo", keeping, "dubbo://10.2.1.2:20880/" + keeping);
    RegistrySpec.Zookeeper base = ZkTesting.spec(server.getConnectString(), RegistrySpec.Zookeeper.Layout.DUBBO);
    GatewayConfig config = GatewayConfig.of(
        Registry.of("zk-clear", RegistrySpec.Zookeeper.builder().from(base).emptyGracePeriod(Duration.ofMillis(300)).build()),
        Registry.of("zk-keep", RegistrySpec.Zookeeper.builder().from(base)
            .emptyGracePeriod(Duration.ofMillis(300)).onEmpty(RegistrySpec.OnEmpty.KEEP_LAST).build()),
        service("clearing", "zk-clear", clearing),
        service("keeping", "zk-keep", keeping));

    try (ServiceDiscovery discovery = discovery()) {
      discovery.apply(config);
      assertThat(discovery.awaitInitialSync(Duration.ofSeconds(10))).isEmpty();
      assertThat(discovery.endpoints()).containsOnlyKeys("clearing", "keeping")
          .allSatisfy((name, eps) -> assertThat(eps).hasSize(1));

      provider.delete().forPath(a);
      provider.delete().forPath(b);

      await(() -> state(discovery, "keeping") == ServiceEndpoints.State.KEEPING_LAST, () -> "keeping: " + discovery.status());
      await(() -> discovery.endpoints().get("clearing").isEmpty(), () -> "clearing emptied: " + discovery.status());
      assertThat(state(discovery, "clearing")).isEqualTo(ServiceEndpoints.State.SYNCED);
      assertThat(discovery.endpoints().get("keeping")).as("onEmpty: keepLast").extracting(Endpoint::address).containsExactly("10.2.1.2");
      assertThat(state(discovery, "keeping")).isEqualTo(ServiceEndpoints.State.KEEPING_LAST);

      registerDubbo(provider, "/dubbo", clearing, "dubbo://10.2.1.3:20880/" + clearing);
      await(() -> discovery.endpoints().get("clearing").size() == 1, () -> "clearing back: " + discovery.status());
    }
  }

  static Service service(String name, String registry, String iface) {
    return Service.of(name, ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry(registry).serviceName(iface).build())
        .build());
  }

  static ServiceEndpoints.State state(ServiceDiscovery discovery, String service) {
    return discovery.status().stream()
        .flatMap(r -> r.services().stream())
        .filter(s -> s.service().equals(service))
        .findFirst()
        .orElseThrow()
        .state();
  }
}
