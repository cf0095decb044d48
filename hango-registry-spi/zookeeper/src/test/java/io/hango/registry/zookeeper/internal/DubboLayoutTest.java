package io.hango.registry.zookeeper.internal;

import static io.hango.registry.zookeeper.internal.ZkTesting.await;
import static io.hango.registry.zookeeper.internal.ZkTesting.registerDubbo;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.registry.RegistrySpec;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.ServiceEndpoints.Excluded;
import io.hango.registry.ServiceRef;
import io.hango.registry.internal.Selection;
import io.hango.registry.zookeeper.ZookeeperRegistryProvider;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dubbo layout against a real ZooKeeper: providers registered as Dubbo registers them. */
class DubboLayoutTest {

  private static TestingServer server;
  private static CuratorFramework provider;

  @TempDir Path tmp;
  private RegistryClient client;
  private final RecordingListener listener = new RecordingListener();

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

  private void start(RegistrySpec.Zookeeper spec, ServiceRef... refs) {
    client = new ZookeeperRegistryProvider().create(ZkTesting.context(spec, tmp));
    client.start(listener);
    client.watch(Set.of(refs));
  }

  private void start(ServiceRef... refs) {
    start(ZkTesting.spec(server.getConnectString(), RegistrySpec.Zookeeper.Layout.DUBBO), refs);
  }

  @Test
  void providersAppearAndDisappearAndTheAnswerFollows() throws Exception {
    ServiceRef ref = ServiceRef.of("com.example.Orders");
    start(ref);

    await(() -> listener.instances(ref).isPresent(), () -> "an answer for a service nobody registered yet: " + listener.log());
    assertThat(listener.instances(ref).get()).as("no node yet: an authoritative empty answer").isEmpty();
    assertThat(listener.connected()).isTrue();

    String a = registerDubbo(provider, "/dubbo", ref.name(), "dubbo://10.0.0.1:20880/com.example.Orders?side=provider");
    await(() -> listener.endpoints(ref).equals(List.of("10.0.0.1:20880")), () -> "provider a: " + listener.log());

    try (CuratorFramework other = ZkTesting.providerClient(server.getConnectString())) {
      registerDubbo(other, "/dubbo", ref.name(), "dubbo://10.0.0.2:20880/com.example.Orders?side=provider");
      await(() -> listener.endpoints(ref).equals(List.of("10.0.0.1:20880", "10.0.0.2:20880")), () -> "a and b: " + listener.log());
    }
    // closing the provider's session removes its ephemeral node
    await(() -> listener.endpoints(ref).equals(List.of("10.0.0.1:20880")), () -> "b's session closed: " + listener.log());

    provider.delete().forPath(a);
    await(() -> listener.instances(ref).map(List::isEmpty).orElse(false), () -> "the last provider left: " + listener.log());
    assertThat(listener.log()).noneMatch(l -> l.startsWith("error"));
  }

  @Test
  void groupAndVersionSelectProviders() throws Exception {
    String iface = "com.example.Inventory";
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.1.1:20880/" + iface + "?group=g1&version=1.0.0");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.1.2:20880/" + iface + "?group=g2&version=1.0.0");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.1.3:20880/" + iface + "?group=g1&version=2.0.0");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.1.4:20880/" + iface + "?default.group=g1&default.version=2.0.0");
    ServiceRef any = ServiceRef.of(iface);
    ServiceRef g1 = any.withGroup("g1");
    ServiceRef g1v1 = g1.withVersion("1.0.0");
    ServiceRef v2 = any.withVersion("2.0.0");
    ServiceRef g2AnyVersion = any.withGroup("g2").withVersion("*");
    ServiceRef g3 = any.withGroup("g3");
    start(any, g1, g1v1, v2, g2AnyVersion, g3);

    await(() -> Stream.of(any, g1, g1v1, v2, g2AnyVersion, g3).allMatch(r -> listener.instances(r).isPresent()),
        () -> "answers: " + listener.log());
    assertThat(listener.endpoints(any)).hasSize(4);
    assertThat(listener.endpoints(g1)).containsExactly("10.0.1.1:20880", "10.0.1.3:20880", "10.0.1.4:20880");
    assertThat(listener.endpoints(g1v1)).containsExactly("10.0.1.1:20880");
    assertThat(listener.endpoints(v2)).containsExactly("10.0.1.3:20880", "10.0.1.4:20880");
    assertThat(listener.endpoints(g2AnyVersion)).containsExactly("10.0.1.2:20880");
    assertThat(listener.instances(g3).get()).as("a group no provider has").isEmpty();
    assertThat(listener.instance(g1v1, "10.0.1.1", 20880).id()).isEqualTo("dubbo://10.0.1.1:20880/" + iface + "?group=g1&version=1.0.0");
  }

  @Test
  void encodedCommasAndParametersAreDecodedFullyIntoLabels() throws Exception {
    String iface = "com.example.Payments";
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.2.1:20880/" + iface
        + "?anyhost=true&application=payments&interface=" + iface
        + "&methods=pay%2Crefund%2Cquery&tag=blue%26green&side=provider&dubbo=2.0.2&zone=zone-a&region=east");
    ServiceRef ref = ServiceRef.of(iface);
    start(ref);

    await(() -> listener.endpoints(ref).size() == 1, () -> "answers: " + listener.log());
    Instance i = listener.instance(ref, "10.0.2.1", 20880);
    assertThat(i.labels())
        .containsEntry("methods", "pay,refund,query")
        .containsEntry("tag", "blue&green")
        .containsEntry("application", "payments")
        .containsEntry("side", "provider")
        .containsEntry("interface", iface)
        .containsEntry("anyhost", "true")
        .containsEntry("dubbo", "2.0.2")
        .hasSize(9);
    assertThat(i.zone()).contains("zone-a");
    assertThat(i.region()).contains("east");
    assertThat(i.status()).isEqualTo(Instance.Status.UP);
    assertThat(i.weight()).isEqualTo(100);
  }

  @Test
  void disabledProvidersAreReportedDisabled() throws Exception {
    String iface = "com.example.Shipping";
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.3.1:20880/" + iface + "?disabled=true");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.3.2:20880/" + iface + "?enabled=false");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.3.3:20880/" + iface + "?enabled=false&disabled=false");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.3.4:20880/" + iface + "?enabled=true");
    ServiceRef ref = ServiceRef.of(iface);
    start(ref);

    await(() -> listener.endpoints(ref).size() == 4, () -> "answers: " + listener.log());
    assertThat(listener.instance(ref, "10.0.3.1", 20880)).extracting(Instance::status, Instance::statusDetail)
        .containsExactly(Instance.Status.DISABLED, "dubbo disabled=true");
    assertThat(listener.instance(ref, "10.0.3.2", 20880)).extracting(Instance::status, Instance::statusDetail)
        .containsExactly(Instance.Status.DISABLED, "dubbo enabled=false");
    assertThat(listener.instance(ref, "10.0.3.3", 20880).status()).as("disabled=false wins over enabled=false, as in Dubbo")
        .isEqualTo(Instance.Status.UP);
    assertThat(listener.instance(ref, "10.0.3.4", 20880).status()).isEqualTo(Instance.Status.UP);

    Selection.Result selected = Selection.select(ref, listener.instances(ref).get());
    assertThat(selected.endpoints()).extracting(e -> e.address()).containsExactly("10.0.3.3", "10.0.3.4");
    assertThat(selected.excluded()).extracting(Excluded::reason)
        .containsExactly("disabled (dubbo disabled=true)", "disabled (dubbo enabled=false)");
  }

  @Test
  void dubboWeightsAreTakenUnchanged() throws Exception {
    String iface = "com.example.Weights";
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.4.1:20880/" + iface + "?weight=100");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.4.2:20880/" + iface);
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.4.3:20880/" + iface + "?weight=0");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.4.4:20880/" + iface + "?weight=250");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.4.5:20880/" + iface + "?weight=heavy");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.4.6:20880/" + iface + "?weight=-3");
    ServiceRef ref = ServiceRef.of(iface);
    start(ref);

    await(() -> listener.endpoints(ref).size() == 6, () -> "answers: " + listener.log());
    assertThat(listener.instances(ref).get().stream().sorted(Comparator.comparing(Instance::address)).map(Instance::weight))
        .containsExactly(100, 100, 0, 250, 100, 0);
    assertThat(Selection.select(ref, listener.instances(ref).get()).excluded())
        .extracting(e -> e.instance().address() + ": " + e.reason())
        .containsExactlyInAnyOrder("10.0.4.3: weight 0: no traffic", "10.0.4.6: weight 0: no traffic");
  }

  @Test
  void aHostNameIsReportedAndTheRuntimeLeavesItOut() throws Exception {
    String iface = "com.example.Names";
    registerDubbo(provider, "/dubbo", iface, "dubbo://orders-1.internal:20880/" + iface);
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.5.2:20880/" + iface);
    ServiceRef ref = ServiceRef.of(iface);
    start(ref);

    await(() -> listener.endpoints(ref).size() == 2, () -> "answers: " + listener.log());
    assertThat(listener.instance(ref, "orders-1.internal", 20880).status()).isEqualTo(Instance.Status.UP);
    Selection.Result selected = Selection.select(ref, listener.instances(ref).get());
    assertThat(selected.endpoints()).extracting(e -> e.address()).containsExactly("10.0.5.2");
    assertThat(selected.excluded()).singleElement().satisfies(e -> {
      assertThat(e.instance().address()).isEqualTo("orders-1.internal");
      assertThat(e.reason()).contains("not an IP address");
    });
  }

  @Test
  void aNodeThatIsNotAProviderUrlIsReportedDown() throws Exception {
    String iface = "com.example.Junk";
    provider.create().creatingParentsIfNeeded().forPath("/dubbo/" + iface + "/providers/not-a-url");
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.6.1:20880/" + iface);
    ServiceRef ref = ServiceRef.of(iface);
    start(ref);

    await(() -> listener.instances(ref).map(l -> l.size() == 2).orElse(false), () -> "answers: " + listener.log());
    Instance junk = listener.instances(ref).get().stream().filter(i -> i.id().equals("not-a-url")).findFirst().orElseThrow();
    assertThat(junk.status()).isEqualTo(Instance.Status.DOWN);
    assertThat(junk.statusDetail()).startsWith("dubbo provider node is not a provider URL");
    assertThat(Selection.select(ref, listener.instances(ref).get()).endpoints()).extracting(e -> e.address()).containsExactly("10.0.6.1");
  }

  @Test
  void aNodeThatCannotBeReadIsAServiceErrorNotAnEmptyAnswer() throws Exception {
    String iface = "com.example.Secret";
    List<ACL> adminOnly = List.of(new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest("admin:secret"))));
    provider.create().creatingParentsIfNeeded().withACL(adminOnly).forPath("/dubbo/" + iface + "/providers");
    ServiceRef ref = ServiceRef.of(iface);
    start(ref);

    await(() -> listener.log().stream().anyMatch(l -> l.startsWith("error " + iface + ": reading /dubbo/" + iface + "/providers failed")
        && l.contains("NoAuth")), () -> "an error: " + listener.log());
    assertThat(listener.instances(ref)).as("no answer, not an empty one").isEmpty();
  }

  @Test
  void aCustomRootAndUnwatchedServices() throws Exception {
    String iface = "com.example.Rooted";
    registerDubbo(provider, "/dubbo-prod", iface, "dubbo://10.0.7.1:20880/" + iface);
    registerDubbo(provider, "/dubbo", iface, "dubbo://10.0.7.9:20880/" + iface);
    ServiceRef ref = ServiceRef.of(iface);
    ServiceRef other = ServiceRef.of("com.example.Other");
    start(RegistrySpec.Zookeeper.builder().from(ZkTesting.spec(server.getConnectString(), RegistrySpec.Zookeeper.Layout.DUBBO))
        .rootPath("/dubbo-prod").build(), ref, other);

    await(() -> listener.endpoints(ref).equals(List.of("10.0.7.1:20880")) && listener.instances(other).isPresent(),
        () -> "answers: " + listener.log());

    client.watch(Set.of(other));
    int before = listener.log().size();
    registerDubbo(provider, "/dubbo-prod", iface, "dubbo://10.0.7.2:20880/" + iface);
    registerDubbo(provider, "/dubbo-prod", other.name(), "dubbo://10.0.7.3:20880/" + other.name());
    await(() -> listener.endpoints(other).equals(List.of("10.0.7.3:20880")), () -> "answers: " + listener.log());
    assertThat(listener.log().subList(before, listener.log().size())).as("nothing more for the unwatched service")
        .noneMatch(l -> l.contains(iface));
    assertThat(listener.endpoints(ref)).containsExactly("10.0.7.1:20880");
  }
}
