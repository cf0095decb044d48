package io.hango.registry.kubernetes;

import static io.hango.registry.kubernetes.Await.await;
import static io.hango.registry.kubernetes.KubernetesRegistryTest.FAST;
import static io.hango.registry.kubernetes.KubernetesRegistryTest.WAIT;
import static io.hango.registry.kubernetes.KubernetesRegistryTest.ref;
import static io.hango.registry.kubernetes.Slices.port;
import static io.hango.registry.kubernetes.Slices.ready;
import static io.hango.registry.kubernetes.Slices.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
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
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubernetes} registry against fabric8's mock API server in expectation mode: each test
 * scripts the API server's answers to the informer's list and watch requests, to play the failures
 * a real API server has (410 Gone, 500) that the CRUD mock never produces.
 */
class KubernetesRegistryFailureTest {

  private static final String SLICES = "/apis/discovery.k8s.io/v1/namespaces/%s/endpointslices";
  private static final String SELECTOR = "labelSelector=kubernetes.io%2Fservice-name";
  /**
   * A message the client never sends: expecting it keeps the mock's WebSocket open (the mock closes
   * a watch once it has sent every scripted event and expects nothing more).
   */
  private static final String NEVER_SENT = "a message the client never sends";

  private static final List<String> PATHS = new ArrayList<>();

  static KubernetesMockServer server;
  static ScheduledExecutorService scheduler;

  final List<RegistryClient> clients = new ArrayList<>();

  @TempDir
  Path tmp;

  @BeforeAll
  static void startServer() {
    server = new KubernetesMockServer(false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    scheduler = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "test-scheduler");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stopServer() {
    server.destroy();
    scheduler.shutdownNow();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(RegistryClient::close);
  }

  @Test
  void relistsAfterAWatchAnswers410GoneAndReportsTheNewList() {
    String ns = "gone";
    EndpointSlice before = versioned(slice(ns, "api-a", "api", List.of(port("http", 80)), ready("10.7.0.1", "p1", "n1", "z1")), "1");
    EndpointSlice after = versioned(slice(ns, "api-a", "api", List.of(port("http", 80)), ready("10.7.0.2", "p2", "n1", "z1")), "5");
    server.expect().get().withPath(list(ns, "&resourceVersion=0")).andReturn(200, sliceList("1", before)).once();
    server.expect().get().withPath(watch(ns, "1")).andUpgradeToWebSocket()
        .open()
        .waitFor(300).andEmit(new WatchEvent(new StatusBuilder().withCode(410).withReason("Expired")
            .withMessage("too old resource version: 1 (5)").build(), "ERROR"))
        .done().once();
    // After 410 the informer lists again, without resourceVersion=0 (it wants the newest state).
    server.expect().get().withPath(list(ns, "")).andReturn(200, sliceList("5", after)).once();
    server.expect().get().withPath(watch(ns, "5")).andUpgradeToWebSocket()
        .open().expect(NEVER_SENT).andEmit(new WatchEvent(after, "MODIFIED")).always().done().always();

    ServiceRef api = ref(ns, "api");
    RecordingListener l = start(api);
    await(WAIT, () -> List.of("10.7.0.2:80").equals(l.addresses(api)), () -> l.instances + " " + l.disconnects);
    assertThat(l.answers.get(api).get()).isGreaterThanOrEqualTo(2);
    await(WAIT, () -> requestedPaths().contains(watch(ns, "5")), KubernetesRegistryFailureTest::requestedPaths);
    assertThat(requestedPaths()).containsSubsequence(list(ns, "&resourceVersion=0"), watch(ns, "1"), list(ns, ""), watch(ns, "5"));
    // A 410 is part of watching, not an outage.
    assertThat(l.disconnects).isEmpty();
    assertThat(l.connected).isTrue();
  }

  @Test
  void aListAnswering500IsAnOutageUntilTheApiServerAnswersAgain() {
    String ns = "fivehundred";
    EndpointSlice s = versioned(slice(ns, "web-a", "web", List.of(port("http", 80)), ready("10.8.0.1", "p1", "n1", "z1")), "3");
    server.expect().get().withPath(list(ns, "&resourceVersion=0"))
        .andReturn(500, status(500, "InternalError", "etcdserver: request timed out")).once();
    server.expect().get().withPath(list(ns, "&resourceVersion=0")).andReturn(200, sliceList("3", s)).once();
    server.expect().get().withPath(watch(ns, "3")).andUpgradeToWebSocket()
        .open().expect(NEVER_SENT).andEmit(new WatchEvent(s, "MODIFIED")).always().done().always();

    ServiceRef web = ref(ns, "web");
    RecordingListener l = start(web);
    await(WAIT, () -> List.of("10.8.0.1:80").equals(l.addresses(web)) && l.connected, () -> l.disconnects);
    assertThat(l.disconnects).singleElement().asString()
        .startsWith("cannot list or watch the EndpointSlices of namespace fivehundred at http://127.0.0.1:")
        .endsWith(": HTTP 500 InternalError: etcdserver: request timed out");
    assertThat(l.connects.get()).isEqualTo(1);
  }

  @Test
  void aNamespaceTheCredentialsMayNotReadIsAServiceErrorNotAnOutage() {
    String ns = "forbidden";
    EndpointSlice s = versioned(slice(ns, "hr-a", "hr", List.of(port("http", 80)), ready("10.12.0.1", "p1", "n1", "z1")), "4");
    server.expect().get().withPath(list(ns, "&resourceVersion=0"))
        .andReturn(403, status(403, "Forbidden", "endpointslices.discovery.k8s.io is forbidden: User \"system:serviceaccount:gw:hango\" "
            + "cannot list resource \"endpointslices\" in API group \"discovery.k8s.io\" in the namespace \"forbidden\""))
        .once();
    // RBAC fixed: the informer's next try succeeds.
    server.expect().get().withPath(list(ns, "&resourceVersion=0")).andReturn(200, sliceList("4", s)).once();
    server.expect().get().withPath(watch(ns, "4")).andUpgradeToWebSocket()
        .open().expect(NEVER_SENT).andEmit(new WatchEvent(s, "MODIFIED")).always().done().always();

    ServiceRef hr = ref(ns, "hr");
    RecordingListener l = start(hr);
    await(WAIT, () -> List.of("10.12.0.1:80").equals(l.addresses(hr)), () -> l.errorHistory);
    assertThat(l.errorHistory).singleElement().asString()
        .startsWith("cannot list or watch the EndpointSlices of namespace forbidden at http://127.0.0.1:")
        .contains(": HTTP 403 Forbidden: endpointslices.discovery.k8s.io is forbidden: User");
    assertThat(l.disconnects).isEmpty();
    assertThat(l.connected).isTrue();
  }

  @Test
  void aWatchThatCannotReconnectKeepsTheEndpointsAndRecovers() {
    String ns = "flaky";
    EndpointSlice v1 = versioned(slice(ns, "pay-a", "pay", List.of(port("http", 80)), ready("10.9.0.1", "p1", "n1", "z1")), "1");
    EndpointSlice v2 = versioned(slice(ns, "pay-a", "pay", List.of(port("http", 80)),
        ready("10.9.0.1", "p1", "n1", "z1"), ready("10.9.0.2", "p2", "n1", "z1")), "2");
    EndpointSlice v3 = versioned(slice(ns, "pay-a", "pay", List.of(port("http", 80)), ready("10.9.0.3", "p3", "n1", "z1")), "3");
    server.expect().get().withPath(list(ns, "&resourceVersion=0")).andReturn(200, sliceList("1", v1)).once();
    // The first watch delivers one change, then the connection ends (the mock closes it once its events are sent).
    server.expect().get().withPath(watch(ns, "1")).andUpgradeToWebSocket()
        .open().waitFor(300).andEmit(new WatchEvent(v2, "MODIFIED")).done().once();
    // fabric8 reconnects the watch from resourceVersion 2: the API server fails for a while, then comes back.
    server.expect().get().withPath(watch(ns, "2"))
        .andReturn(500, status(500, "InternalError", "the server is currently unable to handle the request")).times(4);
    server.expect().get().withPath(watch(ns, "2")).andUpgradeToWebSocket()
        .open().waitFor(100).andEmit(new WatchEvent(v3, "MODIFIED"))
        .expect(NEVER_SENT).andEmit(new WatchEvent(v3, "MODIFIED")).always().done().always();

    Registry registry = Registry.of("cluster", RegistrySpec.Kubernetes.builder()
        .apiServer("http://127.0.0.1:" + server.getPort())
        .debounceQuietPeriod(Duration.ofMillis(10))
        .debounceMaxDelay(Duration.ofMillis(50))
        .build());
    Service pay = Service.of("pay", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("cluster").serviceName("pay").namespace(ns).build())
        .build());
    List<Boolean> connectedSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<List<String>> endpointsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(new KubernetesRegistryProvider(FAST)))
        .dataDirectory(tmp)
        .scheduler(scheduler)
        .build()) {
      discovery.apply(GatewayConfig.of(registry, pay));
      // Sample the state often enough to see the outage in between (the mock's script runs on its own).
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      try {
        sampler.scheduleAtFixedRate(() -> {
          RegistryStatus st = discovery.status().get(0);
          connectedSeen.add(st.connected());
          endpointsSeen.add(discovery.endpoints().getOrDefault("pay", List.of()).stream().map(e -> e.address()).toList());
        }, 0, 20, TimeUnit.MILLISECONDS);
        await(WAIT, () -> discovery.endpoints().get("pay").stream().anyMatch(e -> e.address().equals("10.9.0.3")),
            discovery::status);
      } finally {
        sampler.shutdownNow();
      }
      RegistryStatus status = discovery.status().get(0);
      assertThat(status.connected()).isTrue();
      assertThat(status.lastError()).get().asString()
          .startsWith("lost the watch of the EndpointSlices of namespace flaky at http://127.0.0.1:");
      assertThat(status.services().get(0).state()).isEqualTo(ServiceEndpoints.State.SYNCED);
    }
    // While the watch was down the registry was reported unreachable, and the service kept its two endpoints.
    assertThat(connectedSeen).contains(Boolean.FALSE);
    List<List<String>> whileDown = new ArrayList<>();
    for (int i = 0; i < connectedSeen.size(); i++) {
      if (!connectedSeen.get(i) && endpointsSeen.get(i).size() == 2) {
        whileDown.add(endpointsSeen.get(i));
      }
    }
    assertThat(whileDown).isNotEmpty().allSatisfy(eps -> assertThat(eps).containsExactly("10.9.0.1", "10.9.0.2"));
    // Once it had endpoints, the service never lost them.
    int firstAnswer = 0;
    while (endpointsSeen.get(firstAnswer).isEmpty()) {
      firstAnswer++;
    }
    assertThat(endpointsSeen.subList(firstAnswer, endpointsSeen.size())).noneMatch(List::isEmpty);
    assertThat(requestedPaths()).filteredOn(watch(ns, "2")::equals).hasSizeGreaterThanOrEqualTo(5);
  }

  // ---- helpers ----

  private RecordingListener start(ServiceRef... refs) {
    RegistrySpec.Kubernetes spec = RegistrySpec.Kubernetes.builder().apiServer("http://127.0.0.1:" + server.getPort()).build();
    RegistryClient client = new KubernetesRegistryProvider(FAST).create(new TestContext(Registry.of("cluster", spec), tmp, scheduler));
    clients.add(client);
    RecordingListener l = new RecordingListener();
    client.start(l);
    client.watch(Set.of(refs));
    return l;
  }

  private static String list(String ns, String extra) {
    return String.format(SLICES, ns) + "?" + SELECTOR + extra;
  }

  private static String watch(String ns, String resourceVersion) {
    return String.format(SLICES, ns) + "?allowWatchBookmarks=true&" + SELECTOR + "&resourceVersion=" + resourceVersion
        + "&timeoutSeconds=600&watch=true";
  }

  private static EndpointSlice versioned(EndpointSlice s, String resourceVersion) {
    s.getMetadata().setResourceVersion(resourceVersion);
    return s;
  }

  private static Object sliceList(String resourceVersion, EndpointSlice... items) {
    return new EndpointSliceListBuilder().withMetadata(new ListMetaBuilder().withResourceVersion(resourceVersion).build())
        .withItems(items).build();
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
  }

  /** Every request path the mock server has received so far, in order. */
  private static synchronized List<String> requestedPaths() {
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        PATHS.add(r.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(PATHS);
  }
}
