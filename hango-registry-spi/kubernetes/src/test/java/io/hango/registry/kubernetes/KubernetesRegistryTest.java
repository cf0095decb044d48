package io.hango.registry.kubernetes;

import static io.hango.registry.kubernetes.Await.await;
import static io.hango.registry.kubernetes.Slices.endpoint;
import static io.hango.registry.kubernetes.Slices.port;
import static io.hango.registry.kubernetes.Slices.ready;
import static io.hango.registry.kubernetes.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.hango.model.GatewayConfig;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryStatus;
import io.hango.registry.RegistryValidator;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.ServiceRef;
import io.hango.registry.internal.Selection;
import io.hango.registry.kubernetes.internal.Tuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubernetes} registry against fabric8's Kubernetes mock API server in CRUD mode (no
 * real API server can be had here): EndpointSlices written to the mock are listed and watched by
 * the client's informers, as with a real cluster.
 */
class KubernetesRegistryTest {

  /** Retries from 0.1s, watches checked every 0.1s and called lost after 1s. */
  static final Tuning FAST = new Tuning(
      Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
  static final Duration WAIT = Duration.ofSeconds(10);

  static MockCluster cluster;
  static ScheduledExecutorService scheduler;

  final List<RegistryClient> clients = new ArrayList<>();

  @TempDir
  Path tmp;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start(0);
    scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "test-scheduler");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
    scheduler.shutdownNow();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(RegistryClient::close);
  }

  @Test
  void mergesTheSlicesOfAServiceAndMapsEachEndpoint() {
    cluster.apply(slice("merge", "orders-a", "orders", List.of(port("http", 8080)),
        ready("10.0.0.1", "orders-1", "node-1", "zone-a"), ready("10.0.0.2", "orders-2", "node-2", "zone-b")));
    cluster.apply(slice("merge", "orders-b", "orders", List.of(port("http", 8080)),
        ready("10.0.0.3", "orders-3", "node-1", "zone-a")));
    cluster.apply(slice("merge", "payments-a", "payments", List.of(port("http", 8080)),
        ready("10.0.9.9", "payments-1", "node-1", "zone-a")));
    ServiceRef orders = ref("merge", "orders");
    RecordingListener l = start(s -> s, orders);

    await(WAIT, () -> size(l, orders) == 3, () -> l.instances);
    assertThat(l.addresses(orders)).containsExactly("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080");
    Instance first = l.instances.get(orders).get(0);
    assertThat(first.id()).isEqualTo("orders-a/10.0.0.1");
    assertThat(first.weight()).isEqualTo(Instance.DEFAULT_WEIGHT);
    assertThat(first.status()).isEqualTo(Instance.Status.UP);
    assertThat(first.statusDetail()).isEqualTo("kubernetes ready=true");
    assertThat(first.zone()).contains("zone-a");
    assertThat(first.region()).isEmpty();
    assertThat(first.labels())
        .containsEntry("kubernetes.io/service-name", "orders")
        .containsEntry("app", "orders")
        .containsEntry("nodeName", "node-1")
        .containsEntry("targetRef.kind", "Pod")
        .containsEntry("targetRef.name", "orders-1")
        .doesNotContainKey("hostname");
    assertThat(l.connected).isTrue();
    assertThat(l.disconnects).isEmpty();
  }

  @Test
  void followsSlicesAsTheyAreCreatedUpdatedAndDeleted() {
    ServiceRef cart = ref("changes", "cart");
    RecordingListener l = start(s -> s, cart);
    // No slice yet: an authoritative empty answer (the Service does not exist or has no endpoints).
    await(WAIT, () -> l.instances.containsKey(cart), () -> l.errors);
    assertThat(l.instances.get(cart)).isEmpty();

    cluster.apply(slice("changes", "cart-a", "cart", List.of(port("http", 80)), ready("10.1.0.1", "cart-1", "n1", "z1")));
    await(WAIT, () -> List.of("10.1.0.1:80").equals(l.addresses(cart)), () -> l.instances);

    cluster.apply(slice("changes", "cart-a", "cart", List.of(port("http", 80)),
        ready("10.1.0.1", "cart-1", "n1", "z1"), ready("10.1.0.2", "cart-2", "n1", "z1")));
    await(WAIT, () -> List.of("10.1.0.1:80", "10.1.0.2:80").equals(l.addresses(cart)), () -> l.instances);

    cluster.apply(slice("changes", "cart-b", "cart", List.of(port("http", 80)), ready("10.1.0.3", "cart-3", "n2", "z2")));
    await(WAIT, () -> l.addresses(cart).size() == 3, () -> l.instances);

    cluster.delete("changes", "cart-a");
    await(WAIT, () -> List.of("10.1.0.3:80").equals(l.addresses(cart)), () -> l.instances);

    // The Service is deleted: its last slice goes, and the answer is empty, not an error.
    cluster.delete("changes", "cart-b");
    await(WAIT, () -> l.instances.get(cart).isEmpty(), () -> l.instances);
    assertThat(l.errors).isEmpty();
    assertThat(l.disconnects).isEmpty();
  }

  @Test
  void reportsNotReadyEndpointsDownAndTerminatingOnesTerminating() {
    cluster.apply(slice("health", "api-a", "api", List.of(port("http", 8080)),
        endpoint("10.2.0.1", true, true, false),
        endpoint("10.2.0.2", false, false, false),
        endpoint("10.2.0.3", false, true, true),
        endpoint("10.2.0.4", null, null, null)));
    ServiceRef api = ref("health", "api");
    RecordingListener l = start(s -> s, api);
    await(WAIT, () -> size(l, api) == 4, () -> l.instances);

    Map<String, Instance> byAddress = new java.util.TreeMap<>();
    l.instances.get(api).forEach(i -> byAddress.put(i.address(), i));
    assertThat(byAddress.get("10.2.0.1").status()).isEqualTo(Instance.Status.UP);
    assertThat(byAddress.get("10.2.0.2").status()).isEqualTo(Instance.Status.DOWN);
    assertThat(byAddress.get("10.2.0.2").statusDetail()).isEqualTo("kubernetes ready=false");
    assertThat(byAddress.get("10.2.0.3").status()).isEqualTo(Instance.Status.TERMINATING);
    assertThat(byAddress.get("10.2.0.3").statusDetail()).isEqualTo("kubernetes terminating=true, serving=true");
    assertThat(byAddress.get("10.2.0.4").status()).isEqualTo(Instance.Status.UP);
    assertThat(byAddress.get("10.2.0.4").statusDetail()).isEqualTo("kubernetes ready unset (ready, as the API says)");

    Selection.Result selected = Selection.select(api, l.instances.get(api));
    assertThat(selected.endpoints()).extracting(Endpoint::address).containsExactly("10.2.0.1", "10.2.0.4");
    assertThat(selected.excluded()).extracting(ServiceEndpoints.Excluded::reason).containsExactly(
        "unhealthy (kubernetes ready=false)",
        "terminating (kubernetes terminating=true, serving=true): no new requests");
  }

  @Test
  void choosesThePortByNameOrNumberAndRefusesToGuessAmongSeveral() {
    cluster.apply(slice("ports", "multi-a", "multi", List.of(port("http", 8080), port("grpc", 9090)),
        ready("10.3.0.1", "multi-1", "n1", "z1")));
    cluster.apply(slice("ports", "single-a", "single", List.of(new EndpointPortBuilder().withPort(8443).build()),
        ready("10.3.0.2", "single-1", "n1", "z1")));
    ServiceRef byName = ref("ports", "multi", OptionalInt.empty(), Optional.of("grpc"));
    ServiceRef byNumber = ref("ports", "multi", OptionalInt.of(8080), Optional.empty());
    ServiceRef unchosen = ref("ports", "multi");
    ServiceRef noSuchName = ref("ports", "multi", OptionalInt.empty(), Optional.of("admin"));
    ServiceRef noSuchNumber = ref("ports", "multi", OptionalInt.of(80), Optional.empty());
    ServiceRef onlyPort = ref("ports", "single");
    RecordingListener l = start(s -> s, byName, byNumber, unchosen, noSuchName, noSuchNumber, onlyPort);

    await(WAIT, () -> l.instances.size() == 3 && l.errors.size() == 3, () -> l.instances + " " + l.errors);
    assertThat(l.addresses(byName)).containsExactly("10.3.0.1:9090");
    assertThat(l.addresses(byNumber)).containsExactly("10.3.0.1:8080");
    assertThat(Selection.select(byNumber, l.instances.get(byNumber)).endpoints()).hasSize(1);
    assertThat(l.addresses(onlyPort)).containsExactly("10.3.0.2:8443");
    assertThat(l.errors.get(unchosen))
        .isEqualTo("ports/multi has several ports (grpc=9090/TCP, http=8080/TCP): choose one with spec.discovery.portName or port");
    assertThat(l.errors.get(noSuchName))
        .isEqualTo("no port named 'admin' in the EndpointSlices of ports/multi (ports: grpc=9090/TCP, http=8080/TCP)");
    assertThat(l.errors.get(noSuchNumber)).startsWith("no port 80 in the EndpointSlices of ports/multi");
  }

  @Test
  void resolvesNamespacesAndWatchesOnlyTheRegistrysNamespaces() {
    cluster.apply(slice("ns-a", "svc-a", "svc", List.of(port("http", 80)), ready("10.4.0.1", "p1", "n1", "z1")));
    cluster.apply(slice("ns-b", "svc-b", "svc", List.of(port("http", 80)), ready("10.4.0.2", "p2", "n1", "z1")));
    cluster.apply(slice("default", "svc-d", "svc", List.of(port("http", 80)), ready("10.4.0.3", "p3", "n1", "z1")));
    ServiceRef implicit = ServiceRef.of("svc");
    ServiceRef inB = ref("ns-b", "svc");
    ServiceRef inC = ref("ns-c", "svc");
    RecordingListener l = start(s -> s.namespaces(List.of("ns-a", "ns-b")), implicit, inB, inC);
    await(WAIT, () -> l.instances.size() == 2 && l.errors.containsKey(inC), () -> l.instances + " " + l.errors);
    assertThat(l.addresses(implicit)).containsExactly("10.4.0.1:80");
    assertThat(l.addresses(inB)).containsExactly("10.4.0.2:80");
    assertThat(l.errors.get(inC)).isEqualTo("namespace 'ns-c' is not one of this registry's spec.namespaces [ns-a, ns-b]");

    // Without spec.namespaces, a service without a namespace is in 'default'.
    RecordingListener d = start(s -> s, implicit);
    await(WAIT, () -> d.instances.containsKey(implicit), () -> d.errors);
    assertThat(d.addresses(implicit)).containsExactly("10.4.0.3:80");
  }

  @Test
  void reportsEveryServiceAgainAtEachRefreshInterval() {
    cluster.apply(slice("resync", "queue-a", "queue", List.of(port("amqp", 5672)), ready("10.7.0.1", "q1", "n1", "z1")));
    ServiceRef queue = ref("resync", "queue");
    RecordingListener l = start(s -> s.refreshInterval(Duration.ofSeconds(1)), queue);
    await(WAIT, () -> l.answers.containsKey(queue), () -> l.errors);
    int first = l.answers.get(queue).get();
    // Nothing changes, yet the informer's resync re-asserts the answer.
    await(WAIT, () -> l.answers.get(queue).get() >= first + 2, () -> l.answers);
    assertThat(l.addresses(queue)).containsExactly("10.7.0.1:5672");
  }

  @Test
  void reportsFqdnEndpointsWhichTheRuntimeLeavesOut() {
    cluster.apply(slice("fqdn", "legacy-a", "legacy", "FQDN", List.of(port("http", 80)),
        endpoint("legacy.example.com", true, true, false)));
    ServiceRef legacy = ref("fqdn", "legacy");
    RecordingListener l = start(s -> s, legacy);
    await(WAIT, () -> size(l, legacy) == 1, () -> l.instances);
    assertThat(l.instances.get(legacy).get(0).address()).isEqualTo("legacy.example.com");

    Selection.Result selected = Selection.select(legacy, l.instances.get(legacy));
    assertThat(selected.endpoints()).isEmpty();
    assertThat(selected.excluded()).singleElement().extracting(ServiceEndpoints.Excluded::reason).asString()
        .contains("is not an IP address");
  }

  @Test
  void readsTheApiServerAndCredentialsFromAKubeconfig() throws Exception {
    cluster.apply(slice("kubeconfig", "web-a", "web", List.of(port("http", 80)), ready("10.5.0.1", "w1", "n1", "z1")));
    Path kubeconfig = tmp.resolve("config");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s"}
        users:
        - name: tester
          user: {token: not-a-real-token}
        contexts:
        - name: mock
          context: {cluster: mock, user: tester, namespace: kubeconfig}
        current-context: mock
        """.formatted(cluster.apiServer()));
    ServiceRef web = ref("kubeconfig", "web");
    RecordingListener l = new RecordingListener();
    RegistryClient client = new KubernetesRegistryProvider(FAST).create(context(
        RegistrySpec.Kubernetes.builder().kubeconfig(kubeconfig.toString()).build()));
    clients.add(client);
    client.start(l);
    client.watch(Set.of(web));
    await(WAIT, () -> size(l, web) == 1, () -> l.errors + " " + l.disconnects);
    assertThat(l.addresses(web)).containsExactly("10.5.0.1:80");
  }

  @Test
  void runsThroughServiceDiscovery() throws Exception {
    cluster.apply(slice("e2e", "shop-a", "shop", List.of(port("http", 8080), port("metrics", 9100)),
        ready("10.6.0.1", "shop-1", "node-1", "zone-a"),
        endpoint("10.6.0.2", false, false, false)));
    cluster.apply(slice("e2e", "shop-b", "shop", List.of(port("http", 8080), port("metrics", 9100)),
        ready("10.6.0.3", "shop-2", "node-2", "zone-b")));
    // Read with the model's YAML reader (Jackson 2), while fabric8 (Jackson 3) runs in the same JVM.
    ConfigLoad load = ConfigReader.readString("e2e.yaml", """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: cluster}
        spec:
          type: kubernetes
          apiServer: "%s"
          namespaces: [e2e]
          emptyGracePeriod: 0s
          debounceQuietPeriod: 20ms
          debounceMaxDelay: 200ms
        ---
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: shop}
        spec:
          discovery: {registry: cluster, serviceName: shop, portName: http}
        """.formatted(cluster.apiServer()));
    assertThat(load.readErrors()).isEmpty();
    assertThat(load.problems()).isEmpty();
    GatewayConfig config = load.config();
    assertThat(RegistryValidator.of(List.of(new KubernetesRegistryProvider())).validate(config)).isEmpty();
    List<Map<String, List<Endpoint>>> pushed = new CopyOnWriteArrayList<>();
    try (ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(new KubernetesRegistryProvider(FAST)))
        .dataDirectory(tmp)
        .listener((eps, at) -> pushed.add(eps))
        .build()) {
      discovery.apply(config);
      assertThat(discovery.awaitInitialSync(WAIT)).isEmpty();
      await(WAIT, () -> discovery.endpoints().get("shop").size() == 2, discovery::endpoints);
      List<Endpoint> endpoints = discovery.endpoints().get("shop");
      assertThat(endpoints).extracting(e -> e.address() + ":" + e.port()).containsExactly("10.6.0.1:8080", "10.6.0.3:8080");
      assertThat(endpoints.get(0).weight()).isEqualTo(100);
      assertThat(endpoints.get(0).zone()).contains("zone-a");
      assertThat(endpoints.get(0).labels()).containsEntry("nodeName", "node-1");

      RegistryStatus status = discovery.status().get(0);
      assertThat(status.type()).isEqualTo("kubernetes");
      assertThat(status.connected()).isTrue();
      ServiceEndpoints service = status.services().get(0);
      assertThat(service.state()).isEqualTo(ServiceEndpoints.State.SYNCED);
      assertThat(service.excluded()).singleElement().satisfies(x -> {
        assertThat(x.instance().address()).isEqualTo("10.6.0.2");
        assertThat(x.reason()).isEqualTo("unhealthy (kubernetes ready=false)");
      });
      await(WAIT, () -> !pushed.isEmpty(), () -> pushed);

      cluster.delete("e2e", "shop-a");
      cluster.delete("e2e", "shop-b");
      await(WAIT, () -> discovery.endpoints().get("shop").isEmpty(), discovery::endpoints);
      await(WAIT, () -> pushed.get(pushed.size() - 1).get("shop").isEmpty(), () -> pushed);
    }
  }

  // ---- helpers ----

  private RecordingListener start(UnaryOperator<io.hango.model.registry.ImmutableKubernetes.Builder> settings,
      ServiceRef... refs) {
    RegistrySpec.Kubernetes spec = settings.apply(RegistrySpec.Kubernetes.builder().apiServer(cluster.apiServer())).build();
    RegistryClient client = new KubernetesRegistryProvider(FAST).create(context(spec));
    clients.add(client);
    RecordingListener l = new RecordingListener();
    client.start(l);
    client.watch(Set.of(refs));
    return l;
  }

  private TestContext context(RegistrySpec.Kubernetes spec) {
    return new TestContext(Registry.of("cluster", spec), tmp, scheduler);
  }

  static ServiceRef ref(String namespace, String name) {
    return ServiceRef.of(name).withNamespace(namespace);
  }

  static ServiceRef ref(String namespace, String name, OptionalInt port, Optional<String> portName) {
    return new ServiceRef(name, Optional.empty(), Optional.of(namespace), Optional.empty(), Optional.empty(), port, portName);
  }

  private static int size(RecordingListener l, ServiceRef ref) {
    List<Instance> list = l.instances.get(ref);
    return list == null ? -1 : list.size();
  }
}
