package io.hango.registry.nacos;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.ImmutableNacos;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.Resource;
import io.hango.model.service.Endpoint;
import io.hango.model.service.ImmutableRegistryDiscovery;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.registry.Instance;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.nacos.NacosOpenApi.Reg;
import io.hango.testing.nacos.NacosServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nacos} registry through the real runtime ({@link ServiceDiscovery}) against a real Nacos
 * 3.1 server in its own JVM, started once for the class. The scenarios run in order and build on
 * each other: first answers, changes pushed by the server, deregistration, an empty service, unwatching,
 * a server crash and restart (with a client that starts while the server is down), the client's
 * files, close.
 * Instances are persistent ({@code ephemeral=false}, registered over HTTP), so they survive the
 * restart, except one ephemeral instance that an application's own nacos-client registers: after the
 * restart the server answers without it until that client has registered it again, an empty answer
 * the runtime's grace period absorbs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NacosServerTest {

  private static final Duration PUSH = Duration.ofSeconds(15);
  private static final Pattern TOTAL = Pattern.compile("\"totalCount\":(\\d+)");

  @TempDir
  static Path dataDir;

  private static NacosServerProcess server;
  private static NacosOpenApi api;
  /** An application's own nacos-client, registering the ephemeral instance of {@code eph}. */
  private static NamingService app;
  private static ServiceDiscovery discovery;
  private static final List<Map<String, List<Endpoint>>> pushed = new CopyOnWriteArrayList<>();
  private static boolean homeNacosExisted;
  private static boolean homeLogsNacosExisted;

  // orders: public / DEFAULT_GROUP
  private static final Reg A = Reg.of("orders", "10.0.0.1", 8080)
      .metadata(Map.of("zone", "z1", "region", "r1", "version", "v1"));
  private static final Reg B = Reg.of("orders", "10.0.0.2", 8080).weight(0.5).healthy(false);
  private static final Reg C = Reg.of("orders", "10.0.0.3", 8080).enabled(false);
  private static final Reg D = Reg.of("orders", "10.0.0.4", 8080).weight(0);
  private static final Reg E = Reg.of("orders", "orders.internal", 8080);
  private static final Reg F = Reg.of("orders", "10.0.0.6", 8080).weight(2.5);
  private static final Reg G = Reg.of("orders", "10.0.0.7", 8080);
  private static final Reg H = Reg.of("orders", "10.0.0.8", 8080);
  // pay: dev / G1 in clusters c1 and c2, and public / DEFAULT_GROUP
  private static final Reg PAY_C1 = Reg.of("pay", "10.1.0.1", 9090).in("dev", "G1").cluster("c1");
  private static final Reg PAY_C2 = Reg.of("pay", "10.1.0.2", 9090).in("dev", "G1").cluster("c2");
  private static final Reg PAY_PUBLIC = Reg.of("pay", "10.1.0.9", 9090);
  // lonely: public / DEFAULT_GROUP, through the registry with a 1 s grace period
  private static final Reg LONELY = Reg.of("lonely", "10.2.0.1", 7070);

  @BeforeAll
  static void startServer() throws Exception {
    Path home = Path.of(System.getProperty("user.home"));
    homeNacosExisted = Files.exists(home.resolve("nacos"));
    homeLogsNacosExisted = Files.exists(home.resolve("logs").resolve("nacos"));
    server = NacosServerProcess.start();
    api = new NacosOpenApi(server.baseUri());
    api.createService("public", "DEFAULT_GROUP", "orders", "DEFAULT");
    api.createNamespace("dev");
    api.createService("dev", "G1", "pay", "c1", "c2");
    api.createService("public", "DEFAULT_GROUP", "pay", "DEFAULT");
    api.createService("public", "DEFAULT_GROUP", "lonely", "DEFAULT");
    discovery = newDiscovery(dataDir, pushed);
    Properties p = new Properties();
    p.setProperty("serverAddr", server.serverAddr());
    p.setProperty("JM.SNAPSHOT.PATH", dataDir.resolve("app").toString());
    app = NamingFactory.createNamingService(p);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (discovery != null) {
      discovery.close();
    }
    if (app != null) {
      app.shutDown();
    }
    if (server != null) {
      server.close();
    }
  }

  private static ServiceDiscovery newDiscovery(Path dir, List<Map<String, List<Endpoint>>> sink) {
    return ServiceDiscovery.builder()
        .providers(List.of(new NacosRegistryProvider()))
        .dataDirectory(dir)
        .listener((endpoints, at) -> sink.add(endpoints))
        .build();
  }

  private static Registry registry(String name, UnaryOperator<RegistrySpec.Nacos> settings) {
    RegistrySpec.Nacos spec = RegistrySpec.Nacos.builder().serverAddr(server.serverAddr()).build();
    return Registry.of(name, settings.apply(spec));
  }

  private static Service service(String name, String registry, String serviceName, UnaryOperator<RegistryDiscovery> more) {
    RegistryDiscovery d = RegistryDiscovery.builder().registry(registry).serviceName(serviceName).build();
    return Service.of(name, ServiceSpec.builder().discovery(more.apply(d)).build());
  }

  /** Every service of the scenarios, through three registries: plain, with defaults (dev / G1), with a 1 s grace period. */
  private static GatewayConfig config(String... without) {
    List<Resource> r = new ArrayList<>();
    r.add(registry("nacos", s -> ImmutableNacos.copyOf(s).withEmptyGracePeriod(Duration.ofSeconds(20))));
    r.add(registry("nacos-dev", s -> ImmutableNacos.copyOf(s).withNamespace("dev").withGroup("G1")));
    r.add(registry("nacos-fast", s -> ImmutableNacos.copyOf(s).withEmptyGracePeriod(Duration.ofSeconds(1))));
    List<Service> services = List.of(
        service("orders", "nacos", "orders", d -> d),
        service("pay-all", "nacos", "pay", d -> ImmutableRegistryDiscovery.copyOf(d).withNamespace("dev").withGroup("G1")),
        service("pay-c1", "nacos", "pay", d -> ImmutableRegistryDiscovery.copyOf(d).withNamespace("dev").withGroup("G1").withCluster("c1")),
        service("pay-both", "nacos", "pay", d -> ImmutableRegistryDiscovery.copyOf(d).withNamespace("dev").withGroup("G1").withCluster("c2, c1")),
        service("pay-public", "nacos", "pay", d -> d),
        service("pay-dev", "nacos-dev", "pay", d -> d),
        service("lonely", "nacos-fast", "lonely", d -> d),
        service("ghost", "nacos", "ghost", d -> d),
        service("eph", "nacos", "eph", d -> d));
    services.stream().filter(s -> !List.of(without).contains(s.name())).forEach(r::add);
    return GatewayConfig.of(r);
  }

  private static List<String> addresses(ServiceDiscovery d, String service) {
    return d.endpoints().getOrDefault(service, List.of()).stream().map(Endpoint::address).sorted().toList();
  }

  private static Endpoint endpoint(String service, String address) {
    return discovery.endpoints().get(service).stream().filter(e -> e.address().equals(address)).findFirst().orElseThrow();
  }

  private static ServiceEndpoints view(ServiceDiscovery d, String service) {
    return d.status().stream().flatMap(r -> r.services().stream())
        .filter(s -> s.service().equals(service)).findFirst().orElseThrow();
  }

  private static RegistryStatus registryStatus(ServiceDiscovery d, String name) {
    return d.status().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static void awaitAddresses(ServiceDiscovery d, String service, String... expected) {
    List<String> want = Stream.of(expected).sorted().toList();
    Await.until(PUSH, service + " = " + want, () -> addresses(d, service).equals(want), () -> addresses(d, service));
  }

  private static int subscribers(String namespace, String group, String service) {
    Matcher m = TOTAL.matcher(api.subscribers(namespace, group, service));
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  @Order(1)
  void firstAnswersMapHealthWeightMetadataAndIdentity() throws Exception {
    for (Reg r : List.of(A, B, C, D, E, F, PAY_C1, PAY_C2, PAY_PUBLIC, LONELY)) {
      api.register(r);
    }
    app.registerInstance("eph", "10.3.0.1", 8000);
    discovery.apply(config());
    assertThat(discovery.awaitInitialSync(Duration.ofSeconds(60))).isEmpty();

    // orders: healthy and enabled with a weight and an IP receive traffic.
    awaitAddresses(discovery, "orders", "10.0.0.1", "10.0.0.6");
    Endpoint a = endpoint("orders", "10.0.0.1");
    assertThat(a.port()).isEqualTo(8080);
    assertThat(a.weight()).isEqualTo(100);
    assertThat(a.labels()).isEqualTo(Map.of("zone", "z1", "region", "r1", "version", "v1"));
    assertThat(a.zone()).contains("z1");
    assertThat(a.region()).contains("r1");
    assertThat(endpoint("orders", "10.0.0.6").weight()).isEqualTo(250);
    // The others are listed with the reason; Nacos itself leaves disabled instances out of its answers.
    ServiceEndpoints orders = view(discovery, "orders");
    assertThat(orders.state()).isEqualTo(ServiceEndpoints.State.SYNCED);
    assertThat(orders.excluded()).extracting(x -> x.instance().address(), ServiceEndpoints.Excluded::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("10.0.0.2", "unhealthy (nacos healthy=false)"),
            org.assertj.core.groups.Tuple.tuple("10.0.0.4", "weight 0: no traffic"),
            org.assertj.core.groups.Tuple.tuple("orders.internal",
                "address 'orders.internal' is not an IP address: Envoy's EDS takes IP addresses only (register the IP)"));
    Instance b = orders.excluded().stream().map(ServiceEndpoints.Excluded::instance)
        .filter(i -> i.address().equals("10.0.0.2")).findFirst().orElseThrow();
    assertThat(b.status()).isEqualTo(Instance.Status.DOWN);
    assertThat(b.weight()).isEqualTo(50);
    assertThat(b.id()).isEqualTo("10.0.0.2#8080#DEFAULT#DEFAULT_GROUP@@orders");

    // Identity: the service's namespace, group and clusters, else the registry's defaults.
    awaitAddresses(discovery, "pay-all", "10.1.0.1", "10.1.0.2");
    awaitAddresses(discovery, "pay-c1", "10.1.0.1");
    awaitAddresses(discovery, "pay-both", "10.1.0.1", "10.1.0.2");
    awaitAddresses(discovery, "pay-public", "10.1.0.9");
    awaitAddresses(discovery, "pay-dev", "10.1.0.1", "10.1.0.2");
    awaitAddresses(discovery, "lonely", "10.2.0.1");
    awaitAddresses(discovery, "eph", "10.3.0.1");

    // A service Nacos does not know is an authoritative empty answer, not an error.
    ServiceEndpoints ghost = view(discovery, "ghost");
    assertThat(ghost.state()).isEqualTo(ServiceEndpoints.State.SYNCED);
    assertThat(ghost.endpoints()).isEmpty();

    for (String name : List.of("nacos", "nacos-dev", "nacos-fast")) {
      RegistryStatus s = registryStatus(discovery, name);
      assertThat(s.type()).isEqualTo("nacos");
      assertThat(s.connected()).as(name + " connected").isTrue();
      assertThat(s.lastError()).as(name + " error").isEmpty();
    }
  }

  @Test
  @Order(2)
  void followsChangesPushedByTheServer() {
    int before = pushed.size();
    api.register(B.healthy(true));
    api.register(A.weight(3).metadata(Map.of("zone", "z2", "version", "v2")));
    api.update(F.enabled(false));
    api.register(G);

    awaitAddresses(discovery, "orders", "10.0.0.1", "10.0.0.2", "10.0.0.7");
    Await.until(PUSH, "A's new weight and metadata", () -> endpoint("orders", "10.0.0.1").weight() == 300
        && endpoint("orders", "10.0.0.1").zone().equals(Optional.of("z2")), () -> endpoint("orders", "10.0.0.1"));
    Endpoint a = endpoint("orders", "10.0.0.1");
    assertThat(a.labels()).isEqualTo(Map.of("zone", "z2", "version", "v2"));
    assertThat(a.region()).isEmpty();
    assertThat(endpoint("orders", "10.0.0.2").weight()).isEqualTo(50);
    // The runtime's listener heard about it.
    Await.until(PUSH, "a push of orders", () -> pushed.subList(before, pushed.size()).stream()
        .anyMatch(p -> p.containsKey("orders") && p.get("orders").size() == 3), () -> pushed);
  }

  @Test
  @Order(3)
  void deregisteredInstancesLeave() {
    api.deregister(G);
    api.deregister(B);
    awaitAddresses(discovery, "orders", "10.0.0.1");
    assertThat(view(discovery, "orders").excluded()).extracting(x -> x.instance().address())
        .containsExactlyInAnyOrder("10.0.0.4", "orders.internal");
  }

  @Test
  @Order(4)
  void theLastInstanceLeavingEmptiesTheServiceAfterTheGracePeriod() {
    long start = System.nanoTime();
    api.deregister(LONELY);
    Await.until(PUSH, "lonely's empty answer held for the grace period",
        () -> view(discovery, "lonely").state() == ServiceEndpoints.State.EMPTY_PENDING, () -> view(discovery, "lonely"));
    assertThat(addresses(discovery, "lonely")).containsExactly("10.2.0.1");
    awaitAddresses(discovery, "lonely");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(view(discovery, "lonely").state()).isEqualTo(ServiceEndpoints.State.SYNCED);
    Await.until(PUSH, "a push of lonely without endpoints",
        () -> pushed.stream().anyMatch(p -> p.containsKey("lonely") && p.get("lonely").isEmpty()), () -> pushed);
  }

  @Test
  @Order(5)
  void aServiceNoLongerReferencedIsUnsubscribed() {
    assertThat(subscribers("public", "DEFAULT_GROUP", "pay")).isEqualTo(1);
    discovery.apply(config("pay-public"));
    Await.until(PUSH, "no subscriber of public/DEFAULT_GROUP/pay",
        () -> subscribers("public", "DEFAULT_GROUP", "pay") == 0, () -> api.subscribers("public", "DEFAULT_GROUP", "pay"));
    assertThat(discovery.endpoints()).doesNotContainKey("pay-public");
    // The registry's other services are still followed.
    api.register(G);
    awaitAddresses(discovery, "orders", "10.0.0.1", "10.0.0.7");

    discovery.apply(config());
    awaitAddresses(discovery, "pay-public", "10.1.0.9");
    assertThat(subscribers("public", "DEFAULT_GROUP", "pay")).isEqualTo(1);
  }

  @Test
  @Order(6)
  void aServerCrashAndRestartNeverEmptiesAServiceAndTheClientRecovers(@TempDir Path lateDir) throws Exception {
    // Persistent instances come back from the server's storage; the ephemeral one when the
    // application's client has registered it again (until then the server answers without it).
    List<String> watched = List.of("orders", "pay-all", "pay-c1", "pay-dev", "eph");
    for (String s : watched) {
      assertThat(discovery.endpoints().get(s)).as(s).isNotEmpty();
    }
    AtomicBoolean polling = new AtomicBoolean(true);
    AtomicInteger samples = new AtomicInteger();
    List<String> empties = new CopyOnWriteArrayList<>();
    Thread poller = new Thread(() -> {
      while (polling.get()) {
        Map<String, List<Endpoint>> now = discovery.endpoints();
        for (String s : watched) {
          if (now.getOrDefault(s, List.of()).isEmpty()) {
            empties.add(s);
          }
        }
        samples.incrementAndGet();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "endpoint-poller");
    poller.start();
    ServiceDiscovery late = null;
    try {
      server.kill();
      Await.until(Duration.ofSeconds(30), "the registry reported disconnected",
          () -> !registryStatus(discovery, "nacos").connected(), () -> registryStatus(discovery, "nacos"));
      assertThat(registryStatus(discovery, "nacos").lastError()).hasValueSatisfying(m -> assertThat(m).contains("unreachable"));
      assertThat(view(discovery, "orders").state()).isEqualTo(ServiceEndpoints.State.STALE);

      // A registry that cannot be reached when it starts: no answer, no endpoints, no exception.
      late = newDiscovery(lateDir, new CopyOnWriteArrayList<>());
      late.apply(GatewayConfig.of(registry("nacos", s -> s), service("orders", "nacos", "orders", d -> d)));
      ServiceDiscovery l = late;
      Await.until(Duration.ofSeconds(30), "the late registry reported the outage",
          () -> registryStatus(l, "nacos").lastError().isPresent(), () -> registryStatus(l, "nacos"));
      assertThat(registryStatus(late, "nacos").connected()).isFalse();
      assertThat(late.waiting()).containsExactly("orders");
      assertThat(late.endpoints().get("orders")).isEmpty();

      server.restart();

      Await.until(Duration.ofSeconds(60), "the registry reported connected again",
          () -> registryStatus(discovery, "nacos").connected(), () -> registryStatus(discovery, "nacos"));
      api.register(H);
      awaitAddresses(discovery, "orders", "10.0.0.1", "10.0.0.7", "10.0.0.8");
      Await.until(PUSH, "orders synced again", () -> view(discovery, "orders").state() == ServiceEndpoints.State.SYNCED,
          () -> view(discovery, "orders"));
      awaitAddresses(discovery, "pay-all", "10.1.0.1", "10.1.0.2");
      awaitAddresses(discovery, "pay-dev", "10.1.0.1", "10.1.0.2");
      awaitAddresses(discovery, "eph", "10.3.0.1");
      // The late registry got its first answer once the server was up.
      Await.until(Duration.ofSeconds(60), "the late registry's first answer", () -> l.waiting().isEmpty(), () -> registryStatus(l, "nacos"));
      awaitAddresses(late, "orders", "10.0.0.1", "10.0.0.7", "10.0.0.8");
      assertThat(registryStatus(late, "nacos").connected()).isTrue();
    } finally {
      polling.set(false);
      poller.join();
      if (late != null) {
        late.close();
      }
    }
    assertThat(samples.get()).isGreaterThan(100);
    assertThat(empties).as("services seen without endpoints during the restart").isEmpty();
  }

  @Test
  @Order(7)
  void theClientWritesUnderTheDataDirectoryOnly() {
    assertThat(dataDir.resolve("nacos").resolve("nacos").resolve("naming").resolve("public")).isDirectory();
    assertThat(dataDir.resolve("nacos-dev").resolve("nacos").resolve("naming").resolve("dev")).isDirectory();
    Path home = Path.of(System.getProperty("user.home"));
    if (!homeNacosExisted) {
      assertThat(home.resolve("nacos")).doesNotExist();
    }
    if (!homeLogsNacosExisted) {
      assertThat(home.resolve("logs").resolve("nacos")).doesNotExist();
    }
  }

  @Test
  @Order(8)
  void closeUnsubscribesAndStopsItsThreads() {
    assertThat(subscribers("public", "DEFAULT_GROUP", "orders")).isEqualTo(1);
    discovery.close();
    Await.until(PUSH, "no subscriber of orders", () -> subscribers("public", "DEFAULT_GROUP", "orders") == 0,
        () -> api.subscribers("public", "DEFAULT_GROUP", "orders"));
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("hango-nacos-"));
  }
}
