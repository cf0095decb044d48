package io.hango.registry.zookeeper.internal;

import static io.hango.registry.zookeeper.internal.ZkTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.registry.RegistrySpec;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.ServiceRef;
import io.hango.registry.internal.Selection;
import io.hango.registry.zookeeper.ZookeeperRegistryProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Curator layout against a real ZooKeeper, with instances registered by Curator's own service discovery. */
class CuratorLayoutTest {

  private static TestingServer server;
  private static CuratorFramework provider;

  @TempDir Path tmp;
  private RegistryClient client;
  private final RecordingListener listener = new RecordingListener();

  /** A payload shaped like Dubbo 3's and Spring Cloud Zookeeper's: a class of the registering application. */
  public static final class AppPayload {
    private final String name;
    private final Map<String, String> metadata;

    AppPayload(String name, Map<String, String> metadata) {
      this.name = name;
      this.metadata = metadata;
    }

    public String getName() {
      return name;
    }

    public Map<String, String> getMetadata() {
      return metadata;
    }
  }

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

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  private void start(ServiceRef... refs) {
    client = new ZookeeperRegistryProvider().create(
        ZkTesting.context(ZkTesting.spec(server.getConnectString(), RegistrySpec.Zookeeper.Layout.CURATOR), tmp));
    client.start(listener);
    client.watch(Set.of(refs));
  }

  private static ServiceInstance<AppPayload> instance(String id, String address, boolean enabled, Map<String, String> metadata)
      throws Exception {
    return ServiceInstance.<AppPayload>builder()
        .name("orders")
        .id(id)
        .address(address)
        .port(8080)
        .enabled(enabled)
        .payload(new AppPayload("orders", metadata))
        .build();
  }

  @Test
  void instancesRegisteredByCuratorServiceDiscoveryFollowTheRegistry() throws Exception {
    ServiceRef ref = ServiceRef.of("orders");
    start(ref);
    await(() -> listener.instances(ref).isPresent(), () -> "a first answer: " + listener.log());
    assertThat(listener.instances(ref).get()).as("/services/orders does not exist yet: an authoritative empty answer").isEmpty();

    try (ServiceDiscovery<AppPayload> discovery = ServiceDiscoveryBuilder.builder(AppPayload.class)
        .client(provider)
        .basePath("/services")
        // not the compatible mode (Curator's default), which leaves out "enabled"
        .serializer(new JsonInstanceSerializer<>(AppPayload.class, false))
        .build()) {
      discovery.start();
      ServiceInstance<AppPayload> one = instance("orders-1", "10.1.0.1", true,
          Map.of("weight", "50", "zone", "zone-a", "region", "east", "version", "v2"));
      ServiceInstance<AppPayload> two = instance("orders-2", "10.1.0.2", false, Map.of("version", "v1"));
      discovery.registerService(one);
      discovery.registerService(two);

      await(() -> listener.endpoints(ref).size() == 2, () -> "two instances: " + listener.log());
      assertThat(new String(provider.getData().forPath("/services/orders/orders-2"), StandardCharsets.UTF_8))
          .contains("\"enabled\":false", "\"@class\":\"" + AppPayload.class.getName() + "\"");
      Instance first = listener.instance(ref, "10.1.0.1", 8080);
      assertThat(first.id()).isEqualTo("orders-1");
      assertThat(first.labels()).isEqualTo(Map.of("weight", "50", "zone", "zone-a", "region", "east", "version", "v2"));
      assertThat(first.weight()).isEqualTo(50);
      assertThat(first.zone()).contains("zone-a");
      assertThat(first.region()).contains("east");
      assertThat(first.status()).isEqualTo(Instance.Status.UP);
      Instance second = listener.instance(ref, "10.1.0.2", 8080);
      assertThat(second.status()).isEqualTo(Instance.Status.DISABLED);
      assertThat(second.statusDetail()).isEqualTo("curator enabled=false");
      assertThat(second.weight()).isEqualTo(100);

      // an instance's data changes: the data watch reads the service again
      discovery.updateService(instance("orders-2", "10.1.0.2", true, Map.of("version", "v1")));
      await(() -> listener.instance(ref, "10.1.0.2", 8080).status() == Instance.Status.UP, () -> "orders-2 enabled: " + listener.log());

      discovery.unregisterService(one);
      await(() -> listener.endpoints(ref).equals(List.of("10.1.0.2:8080")), () -> "orders-1 gone: " + listener.log());
      discovery.unregisterService(two);
      await(() -> listener.instances(ref).map(List::isEmpty).orElse(false), () -> "the last instance gone: " + listener.log());
    }
    assertThat(listener.log()).noneMatch(l -> l.startsWith("error"));
  }

  @Test
  void dubbo3AndSpringCloudPayloadsOfUnknownClassesAreRead() throws Exception {
    String dubbo3 = """
        {"name":"shop","id":"10.1.1.1:20880","address":"10.1.1.1","port":20880,"sslPort":null,
         "payload":{"@class":"org.apache.dubbo.registry.zookeeper.ZookeeperInstance","id":"10.1.1.1:20880","name":"shop",
           "metadata":{"dubbo.metadata.revision":"a1b2c3","dubbo.endpoints":"[{\\"port\\":20880,\\"protocol\\":\\"dubbo\\"}]",
                       "timestamp":"1700000000000","topology.kubernetes.io/zone":"zone-b"}},
         "registrationTimeUTC":1700000000000,"serviceType":"DYNAMIC","uriSpec":null}""";
    String spring = """
        {"name":"shop","id":"c0ffee","address":"10.1.1.2","port":8080,"sslPort":null,
         "payload":{"@class":"org.springframework.cloud.zookeeper.discovery.ZookeeperInstance","id":"shop","name":"shop",
           "metadata":{"instance_status":"OUT_OF_SERVICE"}},
         "registrationTimeUTC":1700000000000,"serviceType":"DYNAMIC","uriSpec":{"parts":[]}}""";
    String sslOnly = """
        {"name":"shop","id":"tls","address":"10.1.1.3","port":null,"sslPort":8443,"payload":null,"enabled":true}""";
    String hostName = """
        {"name":"shop","id":"named","address":"shop-4.internal","port":8080,"payload":{"metadata":{"weight":"0"}}}""";
    create("/services/shop/10.1.1.1:20880", dubbo3);
    create("/services/shop/c0ffee", spring);
    create("/services/shop/tls", sslOnly);
    create("/services/shop/named", hostName);
    create("/services/shop/garbage", "<xml/>");
    ServiceRef ref = ServiceRef.of("shop");
    start(ref);

    await(() -> listener.instances(ref).map(l -> l.size() == 5).orElse(false), () -> "five instances: " + listener.log());
    Instance d = listener.instance(ref, "10.1.1.1", 20880);
    assertThat(d.labels()).containsEntry("dubbo.metadata.revision", "a1b2c3")
        .containsEntry("dubbo.endpoints", "[{\"port\":20880,\"protocol\":\"dubbo\"}]")
        .hasSize(4);
    assertThat(d.zone()).contains("zone-b");
    assertThat(d.status()).isEqualTo(Instance.Status.UP);
    assertThat(listener.instance(ref, "10.1.1.2", 8080)).extracting(Instance::status, Instance::statusDetail)
        .containsExactly(Instance.Status.DISABLED, "instance_status=OUT_OF_SERVICE");
    assertThat(listener.instance(ref, "10.1.1.3", 8443).status()).isEqualTo(Instance.Status.UP);
    assertThat(listener.instance(ref, "shop-4.internal", 8080).weight()).isZero();

    Selection.Result selected = Selection.select(ref, listener.instances(ref).get());
    assertThat(selected.endpoints()).extracting(e -> e.address() + ":" + e.port()).containsExactly("10.1.1.1:20880", "10.1.1.3:8443");
    assertThat(selected.excluded()).extracting(e -> e.instance().id() + " " + e.reason()).containsExactlyInAnyOrder(
        "garbage unhealthy (curator instance node is not JSON)",
        "c0ffee disabled (instance_status=OUT_OF_SERVICE)",
        "named weight 0: no traffic");
  }

  @Test
  void aHostNameIsReportedAndTheRuntimeLeavesItOut() throws Exception {
    create("/services/names/n1", "{\"id\":\"n1\",\"address\":\"names-1.internal\",\"port\":8080}");
    ServiceRef ref = ServiceRef.of("names");
    start(ref);

    await(() -> listener.endpoints(ref).size() == 1, () -> "answers: " + listener.log());
    assertThat(Selection.select(ref, listener.instances(ref).get()).excluded()).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("not an IP address"));
  }

  @Test
  void aNameThatCannotBeANodeIsAServiceError() {
    ServiceRef ref = ServiceRef.of("a/b");
    start(ref);

    await(() -> listener.log().stream().anyMatch(l -> l.startsWith("error a/b: not a valid service name for the curator layout")),
        () -> "an error: " + listener.log());
    assertThat(listener.instances(ref)).isEmpty();
  }

  private static void create(String path, String json) throws Exception {
    provider.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, json.getBytes(StandardCharsets.UTF_8));
  }
}
