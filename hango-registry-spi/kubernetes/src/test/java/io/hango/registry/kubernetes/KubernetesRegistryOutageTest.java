package io.hango.registry.kubernetes;

import static io.hango.registry.kubernetes.Await.await;
import static io.hango.registry.kubernetes.KubernetesRegistryTest.FAST;
import static io.hango.registry.kubernetes.KubernetesRegistryTest.WAIT;
import static io.hango.registry.kubernetes.KubernetesRegistryTest.ref;
import static io.hango.registry.kubernetes.Slices.port;
import static io.hango.registry.kubernetes.Slices.ready;
import static io.hango.registry.kubernetes.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.ServiceRef;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubernetes} registry when the API server goes away, is not there at all, or the
 * kubeconfig is wrong: outages are reported, never thrown, endpoints are kept, credentials are never
 * shown, and the client recovers by itself. Against fabric8's mock API server in CRUD mode, which
 * this class stops and starts again on the same port.
 */
class KubernetesRegistryOutageTest {

  private static final String TOKEN = "s3cr3t-token-never-shown";

  static MockCluster cluster;
  static int port;
  static ScheduledExecutorService scheduler;

  final List<RegistryClient> clients = new ArrayList<>();

  @TempDir
  Path tmp;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start(0);
    port = cluster.server.getPort();
    scheduler = Executors.newScheduledThreadPool(1, r -> {
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
  void keepsTheEndpointsWhileTheApiServerIsGoneAndRecoversWhenItIsBack() throws Exception {
    long before = resourceVersion(
        cluster.apply(slice("outage", "db-a", "db", List.of(port("pg", 5432)), ready("10.10.0.1", "db-0", "n1", "z1"))));
    Registry registry = Registry.of("cluster", RegistrySpec.Kubernetes.builder()
        .apiServer(cluster.apiServer())
        .debounceQuietPeriod(Duration.ofMillis(10))
        .debounceMaxDelay(Duration.ofMillis(50))
        .build());
    Service db = Service.of("db", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("cluster").serviceName("db").namespace("outage").build())
        .build());
    try (ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(new KubernetesRegistryProvider(FAST)))
        .dataDirectory(tmp)
        .scheduler(scheduler)
        .build()) {
      discovery.apply(GatewayConfig.of(registry, db));
      assertThat(discovery.awaitInitialSync(WAIT)).isEmpty();
      assertThat(addresses(discovery)).containsExactly("10.10.0.1:5432");

      cluster.close();
      await(WAIT, () -> !discovery.status().get(0).connected(), discovery::status);
      RegistryStatus down = discovery.status().get(0);
      // Usually the watch is lost (fabric8 retries it silently); a relist may fail first.
      assertThat(down.lastError()).get().asString().matches(
          "(lost the watch|cannot list or watch) of the EndpointSlices of namespace outage at http://127\\.0\\.0\\.1:" + port + "/.*");
      assertThat(down.services().get(0).state()).isEqualTo(ServiceEndpoints.State.STALE);
      assertThat(addresses(discovery)).containsExactly("10.10.0.1:5432");

      // The API server comes back on the same address (with the pod moved while it was away).
      cluster = MockCluster.start(port);
      // A new mock starts its resourceVersions from 1 again, which a real API server never does: write
      // until the moved slice has a resourceVersion the informer has not seen (it ignores an object
      // whose resourceVersion it already has).
      EndpointSlice moved = slice("outage", "db-a", "db", List.of(port("pg", 5432)), ready("10.10.0.2", "db-0", "n2", "z1"));
      for (int write = 0; resourceVersion(cluster.apply(moved)) <= before; write++) {
        moved.getMetadata().setResourceVersion(null);
        moved.getMetadata().setAnnotations(java.util.Map.of("write", String.valueOf(write)));
      }
      await(WAIT, () -> List.of("10.10.0.2:5432").equals(addresses(discovery)) && discovery.status().get(0).connected(),
          discovery::status);
      assertThat(discovery.status().get(0).services().get(0).state()).isEqualTo(ServiceEndpoints.State.SYNCED);
    }
  }

  @Test
  void anUnreachableApiServerAtStartIsReportedNotThrown() throws Exception {
    int closed = closedPort();
    Registry registry = Registry.of("cluster", RegistrySpec.Kubernetes.builder().apiServer("http://127.0.0.1:" + closed).build());
    Service db = Service.of("db", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("cluster").serviceName("db").namespace("outage").build())
        .build());
    try (ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(new KubernetesRegistryProvider(FAST)))
        .dataDirectory(tmp)
        .scheduler(scheduler)
        .build()) {
      discovery.apply(GatewayConfig.of(registry, db));
      assertThat(discovery.awaitInitialSync(Duration.ofMillis(500))).containsExactly("db");
      await(WAIT, () -> discovery.status().get(0).lastError().isPresent(), discovery::status);
      RegistryStatus status = discovery.status().get(0);
      assertThat(status.connected()).isFalse();
      assertThat(status.lastError()).get().asString()
          .startsWith("cannot list or watch the EndpointSlices of namespace outage at http://127.0.0.1:" + closed + "/: ")
          .contains("ConnectException");
      assertThat(status.services().get(0).state()).isEqualTo(ServiceEndpoints.State.WAITING);
      assertThat(discovery.endpoints().get("db")).isEmpty();
      // It keeps retrying.
      long errors = status.errors();
      await(WAIT, () -> discovery.status().get(0).errors() > errors, discovery::status);
    }
  }

  @Test
  void neverShowsTheKubeconfigsCredentialsAndPicksUpAFixedKubeconfig() throws Exception {
    cluster.apply(slice("creds", "auth-a", "auth", List.of(port("http", 80)), ready("10.11.0.1", "auth-0", "n1", "z1")));
    ServiceRef auth = ref("creds", "auth");
    Path kubeconfig = tmp.resolve("kubeconfig");

    // Missing file.
    RecordingListener missing = start(kubeconfig, auth);
    await(WAIT, () -> !missing.disconnects.isEmpty(), () -> missing.disconnects);
    assertThat(missing.disconnects.get(0)).isEqualTo("kubeconfig " + kubeconfig + " does not exist or cannot be read");

    // A file that is not a kubeconfig, with a token in it.
    Files.writeString(kubeconfig, "users: [ {name: x, user: {token: " + TOKEN + "}\n  broken: [");
    RecordingListener broken = start(kubeconfig, auth);
    await(WAIT, () -> !broken.disconnects.isEmpty(), () -> broken.disconnects);
    assertThat(broken.disconnects.get(0))
        .startsWith("kubeconfig " + kubeconfig + " could not be loaded (")
        .endsWith("; its contents are not shown)");

    // A valid kubeconfig with a token, for an API server that is not there.
    Path elsewhere = tmp.resolve("kubeconfig-elsewhere");
    Files.writeString(elsewhere, kubeconfig(closedPort()));
    RecordingListener unreachable = start(elsewhere, auth);
    await(WAIT, () -> !unreachable.disconnects.isEmpty(), () -> unreachable.disconnects);
    assertThat(unreachable.disconnects.get(0)).contains("ConnectException");

    // The kubeconfig is fixed: the client that could not read it retries, and connects.
    Files.writeString(kubeconfig, kubeconfig(port));
    await(WAIT, () -> List.of("10.11.0.1:80").equals(broken.addresses(auth)), () -> broken.disconnects);
    // The answer and the reconnection are reported from different informer callbacks: either may come first.
    await(WAIT, () -> broken.connected, () -> broken.disconnects);

    for (RecordingListener l : List.of(missing, broken, unreachable)) {
      assertThat(l.disconnects).allSatisfy(reason -> assertThat(reason).doesNotContain(TOKEN));
      assertThat(l.errors.values()).allSatisfy(reason -> assertThat(reason).doesNotContain(TOKEN));
    }
  }

  // ---- helpers ----

  private RecordingListener start(Path kubeconfig, ServiceRef... refs) {
    RegistrySpec.Kubernetes spec = RegistrySpec.Kubernetes.builder().kubeconfig(kubeconfig.toString()).build();
    RegistryClient client = new KubernetesRegistryProvider(FAST).create(new TestContext(Registry.of("cluster", spec), tmp, scheduler));
    clients.add(client);
    RecordingListener l = new RecordingListener();
    client.start(l);
    client.watch(Set.of(refs));
    return l;
  }

  private static String kubeconfig(int apiPort) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "http://127.0.0.1:%d"}
        users:
        - name: tester
          user: {token: %s}
        contexts:
        - name: mock
          context: {cluster: mock, user: tester}
        current-context: mock
        """.formatted(apiPort, TOKEN);
  }

  private static List<String> addresses(ServiceDiscovery discovery) {
    return discovery.endpoints().getOrDefault("db", List.of()).stream().map(e -> e.address() + ":" + e.port()).toList();
  }

  private static long resourceVersion(EndpointSlice s) {
    return Long.parseLong(s.getMetadata().getResourceVersion());
  }

  /** A port that nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
