package io.hango.registry.eureka;

import static io.hango.registry.eureka.Await.await;
import static io.hango.registry.eureka.EurekaRest.instance;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.ServiceRef;
import io.hango.registry.eureka.internal.Applications;
import io.hango.registry.eureka.internal.EurekaHttp;
import io.hango.registry.eureka.internal.LocalRegistry;
import io.hango.registry.eureka.internal.ServiceUrl;
import io.hango.registry.internal.Selection;
import io.hango.testing.eureka.EurekaServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eureka client against a real Spring Cloud Netflix Eureka server (one for the class, in its own
 * JVM), with instances registered through Eureka's REST API as applications do. Each test uses
 * applications of its own.
 */
class EurekaServerTest {

  private static final Duration REFRESH = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static EurekaServerProcess server;
  private static EurekaRest rest;
  private static ScheduledThreadPoolExecutor scheduler;

  @TempDir Path tmp;
  private final RecordingListener listener = new RecordingListener();

  @BeforeAll
  static void startServer() {
    server = EurekaServerProcess.start();
    rest = new EurekaRest(server.url());
    scheduler = new ScheduledThreadPoolExecutor(1);
  }

  @AfterAll
  static void stopServer() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  private RegistryClient client() {
    RegistryClient c = new EurekaRegistryProvider().create(new TestContext(TestContext.eureka("eureka", REFRESH, server.url()), tmp, scheduler));
    c.start(listener);
    return c;
  }

  private static ServiceRef withPort(String name, int port) {
    return new ServiceRef(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(port), Optional.empty());
  }

  private void awaitInstances(ServiceRef ref, int n) {
    await(WAIT, () -> listener.instances(ref) != null && listener.instances(ref).size() == n, listener::toString);
  }

  @Test
  void upInstancesAreReportedWithAddressPortWeightLabelsAndLocality() {
    rest.register(instance("orders", "orders-1", "10.0.1.1")
        .metadata("zone", "zone-a").metadata("region", "eu-west").metadata("weight", "50").metadata("version", "v1"));
    rest.register(instance("orders", "orders-2", "10.0.1.2").amazon("us-east-1b").metadata("zone", "not-this-one"));
    ServiceRef ref = ServiceRef.of("orders");

    try (RegistryClient c = client()) {
      c.watch(Set.of(ref));
      awaitInstances(ref, 2);
      assertThat(listener.connected).isTrue();

      Instance a = listener.instance(ref, "orders-1");
      assertThat(a.address()).isEqualTo("10.0.1.1");
      assertThat(a.port()).isEqualTo(8080);
      assertThat(a.status()).isEqualTo(Instance.Status.UP);
      assertThat(a.statusDetail()).isEqualTo("eureka status UP");
      assertThat(a.weight()).isEqualTo(50);
      assertThat(a.zone()).contains("zone-a");
      assertThat(a.region()).contains("eu-west");
      assertThat(a.labels()).containsExactlyInAnyOrderEntriesOf(
          Map.of("zone", "zone-a", "region", "eu-west", "weight", "50", "version", "v1"));

      Instance b = listener.instance(ref, "orders-2");
      assertThat(b.zone()).as("Amazon's availability zone before metadata").contains("us-east-1b");
      assertThat(b.region()).isEmpty();
      assertThat(b.weight()).isEqualTo(Instance.DEFAULT_WEIGHT);
      assertThat(b.labels()).doesNotContainKey("@class").containsEntry("zone", "not-this-one");

      assertThat(Selection.select(ref, listener.instances(ref)).endpoints())
          .extracting(Endpoint::address).containsExactly("10.0.1.1", "10.0.1.2");
    }
  }

  @Test
  void theLocalHashcodeIsComputedAsTheServerComputesIt() throws Exception {
    rest.register(instance("hashing", "h-up-1", "10.0.8.1"));
    rest.register(instance("hashing", "h-up-2", "10.0.8.2"));
    rest.register(instance("hashing", "h-down", "10.0.8.3").status("DOWN"));
    rest.register(instance("hashing", "h-oos", "10.0.8.4"));
    rest.overrideStatus("HASHING", "h-oos", "OUT_OF_SERVICE");
    ServiceUrl url = ServiceUrl.parse(server.url());
    EurekaHttp http = new EurekaHttp();

    Applications full = http.fetch(url, false).get(10, TimeUnit.SECONDS);
    LocalRegistry copy = new LocalRegistry();
    copy.replaceAll(full.instances());
    assertThat(full.hashcode()).contains("DOWN_").contains("OUT_OF_SERVICE_").contains("UP_");
    assertThat(copy.hashcode()).isEqualTo(full.hashcode());

    rest.deregister("HASHING", "h-up-2");
    Applications delta = http.fetch(url, true).get(10, TimeUnit.SECONDS);
    copy.apply(delta.instances());
    assertThat(copy.hashcode()).isEqualTo(delta.hashcode());
  }

  @Test
  void applicationNamesMatchIgnoringCase() {
    rest.register(instance("Mixed-Case-App", "mixed-1", "10.0.2.1"));
    ServiceRef lower = ServiceRef.of("mixed-case-app");
    ServiceRef other = ServiceRef.of("MIXED-case-APP");

    try (RegistryClient c = client()) {
      c.watch(Set.of(lower, other));
      awaitInstances(lower, 1);
      awaitInstances(other, 1);
      assertThat(listener.instance(lower, "mixed-1").address()).isEqualTo("10.0.2.1");
    }
  }

  @Test
  void nonUpInstancesAreReportedWithTheirStatusAndReceiveNoTraffic() {
    rest.register(instance("payments", "pay-up", "10.0.3.1"));
    rest.register(instance("payments", "pay-down", "10.0.3.2").status("DOWN"));
    rest.register(instance("payments", "pay-starting", "10.0.3.3").status("STARTING"));
    rest.register(instance("payments", "pay-oos", "10.0.3.4"));
    rest.overrideStatus("PAYMENTS", "pay-oos", "OUT_OF_SERVICE");
    ServiceRef ref = ServiceRef.of("payments");

    try (RegistryClient c = client()) {
      c.watch(Set.of(ref));
      await(WAIT, () -> listener.instance(ref, "pay-oos") != null
          && listener.instance(ref, "pay-oos").status() == Instance.Status.DISABLED, listener::toString);
      assertThat(listener.instances(ref)).hasSize(4);
      assertThat(listener.instance(ref, "pay-up").status()).isEqualTo(Instance.Status.UP);
      assertThat(listener.instance(ref, "pay-down").status()).isEqualTo(Instance.Status.DOWN);
      assertThat(listener.instance(ref, "pay-down").statusDetail()).isEqualTo("eureka status DOWN");
      assertThat(listener.instance(ref, "pay-starting").status()).isEqualTo(Instance.Status.DOWN);
      assertThat(listener.instance(ref, "pay-starting").statusDetail()).isEqualTo("eureka status STARTING");
      assertThat(listener.instance(ref, "pay-oos").statusDetail()).isEqualTo("eureka status OUT_OF_SERVICE");

      Selection.Result sel = Selection.select(ref, listener.instances(ref));
      assertThat(sel.endpoints()).extracting(Endpoint::address).containsExactly("10.0.3.1");
      assertThat(sel.excluded()).extracting(ServiceEndpoints.Excluded::reason).containsExactlyInAnyOrder(
          "unhealthy (eureka status DOWN)",
          "unhealthy (eureka status STARTING)",
          "disabled (eureka status OUT_OF_SERVICE)");
    }
  }

  @Test
  void statusOverrideWinsOverHeartbeatsUntilCleared() {
    rest.register(instance("billing", "bill-1", "10.0.4.1"));
    ServiceRef ref = ServiceRef.of("billing");

    try (RegistryClient c = client()) {
      c.watch(Set.of(ref));
      awaitInstances(ref, 1);
      assertThat(listener.instance(ref, "bill-1").status()).isEqualTo(Instance.Status.UP);

      rest.overrideStatus("BILLING", "bill-1", "OUT_OF_SERVICE");
      await(WAIT, () -> listener.instance(ref, "bill-1").status() == Instance.Status.DISABLED, listener::toString);

      // The application keeps saying it is UP; the override holds.
      rest.heartbeat("BILLING", "bill-1", "UP");
      int answers = listener.answers(ref);
      await(WAIT, () -> listener.answers(ref) >= answers + 3, listener::toString);
      assertThat(listener.instance(ref, "bill-1").status()).isEqualTo(Instance.Status.DISABLED);

      rest.clearOverride("BILLING", "bill-1", "UP");
      await(WAIT, () -> listener.instance(ref, "bill-1").status() == Instance.Status.UP, listener::toString);
      assertThat(listener.instance(ref, "bill-1").statusDetail()).isEqualTo("eureka status UP");
    }
  }

  @Test
  void portSecurePortAndTheRequestedPort() {
    rest.register(instance("ports", "both", "10.0.5.1").port(8080, true).securePort(8443, true));
    rest.register(instance("ports", "secure-only", "10.0.5.2").port(8080, false).securePort(9443, true));
    rest.register(instance("ports", "none", "10.0.5.3").port(8080, false).securePort(8443, false));
    ServiceRef plain = ServiceRef.of("ports");
    ServiceRef secure = withPort("ports", 8443);

    try (RegistryClient c = client()) {
      c.watch(Set.of(plain, secure));
      awaitInstances(plain, 3);
      awaitInstances(secure, 3);
      assertThat(listener.instance(plain, "both").port()).isEqualTo(8080);
      assertThat(listener.instance(plain, "secure-only").port()).isEqualTo(9443);
      assertThat(listener.instance(plain, "none").port()).as("no enabled port").isZero();
      assertThat(listener.instance(secure, "both").port()).as("the secure port, asked for").isEqualTo(8443);
      assertThat(listener.instance(secure, "secure-only").port()).isEqualTo(9443);

      Selection.Result sel = Selection.select(secure, listener.instances(secure));
      assertThat(sel.endpoints()).extracting(Endpoint::address, Endpoint::port).containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.5.1", 8443));
      assertThat(sel.excluded()).extracting(ServiceEndpoints.Excluded::reason).containsExactlyInAnyOrder(
          "port 0 is not in 1-65535",
          "port 9443, not the port 8443 that spec.discovery.port asks for");
    }
  }

  @Test
  void aHostNameAsAddressIsReportedAndExcluded() {
    rest.register(instance("legacy", "legacy-1", "legacy-1.example.internal"));
    ServiceRef ref = ServiceRef.of("legacy");

    try (RegistryClient c = client()) {
      c.watch(Set.of(ref));
      awaitInstances(ref, 1);
      assertThat(listener.instance(ref, "legacy-1").address()).isEqualTo("legacy-1.example.internal");
      Selection.Result sel = Selection.select(ref, listener.instances(ref));
      assertThat(sel.endpoints()).isEmpty();
      assertThat(sel.excluded()).singleElement().extracting(ServiceEndpoints.Excluded::reason).asString()
          .contains("is not an IP address");
    }
  }

  @Test
  void registrationsAndDeregistrationsShowAndOnlyWatchedServicesAreReported() {
    rest.register(instance("inventory", "inv-1", "10.0.6.1"));
    rest.register(instance("unwatched", "unw-1", "10.0.6.9"));
    ServiceRef inventory = ServiceRef.of("inventory");
    ServiceRef shipping = ServiceRef.of("shipping");

    try (RegistryClient c = client()) {
      c.watch(Set.of(inventory));
      awaitInstances(inventory, 1);

      rest.register(instance("inventory", "inv-2", "10.0.6.2"));
      awaitInstances(inventory, 2);
      rest.deregister("INVENTORY", "inv-1");
      awaitInstances(inventory, 1);
      assertThat(listener.instances(inventory)).extracting(Instance::id).containsExactly("inv-2");

      // A service watched later is answered; one no longer watched is no longer reported.
      rest.register(instance("shipping", "ship-1", "10.0.6.3"));
      c.watch(Set.of(shipping));
      awaitInstances(shipping, 1);
      int inventoryAnswers = listener.answers(inventory);
      int shippingAnswers = listener.answers(shipping);
      await(WAIT, () -> listener.answers(shipping) >= shippingAnswers + 3, listener::toString);
      assertThat(listener.answers(inventory)).isEqualTo(inventoryAnswers);
      assertThat(listener.last.keySet()).extracting(ServiceRef::name).containsExactlyInAnyOrder("inventory", "shipping");
    }
  }

  @Test
  void throughServiceDiscoveryUntilTheLastInstanceLeaves() throws InterruptedException {
    rest.register(instance("catalog", "cat-1", "10.0.7.1").metadata("version", "v1"));
    rest.register(instance("catalog", "cat-2", "10.0.7.2").status("DOWN"));
    Registry registry = Registry.of("eureka-e2e", RegistrySpec.Eureka.builder()
        .serviceUrls(List.of(server.url()))
        .refreshInterval(REFRESH)
        .emptyGracePeriod(Duration.ofSeconds(1))
        .debounceQuietPeriod(Duration.ofMillis(20))
        .build());
    Service catalog = Service.of("catalog-svc", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("eureka-e2e").serviceName("Catalog").build())
        .build());
    List<Map<String, List<Endpoint>>> pushed = new CopyOnWriteArrayList<>();

    try (ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(new EurekaRegistryProvider()))
        .dataDirectory(tmp)
        .listener((eps, at) -> pushed.add(eps))
        .build()) {
      discovery.apply(GatewayConfig.of(registry, catalog));
      assertThat(discovery.awaitInitialSync(WAIT)).isEmpty();

      assertThat(discovery.endpoints().get("catalog-svc")).singleElement().satisfies(e -> {
        assertThat(e.address()).isEqualTo("10.0.7.1");
        assertThat(e.port()).isEqualTo(8080);
        assertThat(e.weight()).isEqualTo(100);
        assertThat(e.labels()).containsEntry("version", "v1");
      });
      RegistryStatus status = discovery.status().get(0);
      assertThat(status.type()).isEqualTo("eureka");
      assertThat(status.connected()).isTrue();
      ServiceEndpoints svc = status.services().get(0);
      assertThat(svc.state()).isEqualTo(ServiceEndpoints.State.SYNCED);
      assertThat(svc.excluded()).singleElement().satisfies(x -> {
        assertThat(x.instance().id()).isEqualTo("cat-2");
        assertThat(x.reason()).isEqualTo("unhealthy (eureka status DOWN)");
      });
      await(WAIT, () -> pushed.stream().anyMatch(p -> p.getOrDefault("catalog-svc", List.of()).size() == 1), pushed::toString);

      // The last instances leave: an authoritative empty answer, applied after the grace period.
      rest.deregister("CATALOG", "cat-1");
      rest.deregister("CATALOG", "cat-2");
      await(WAIT, () -> discovery.status().get(0).services().get(0).state() == ServiceEndpoints.State.EMPTY_PENDING,
          () -> discovery.status().toString());
      assertThat(discovery.endpoints().get("catalog-svc")).as("kept during the grace period").hasSize(1);
      await(WAIT, () -> discovery.endpoints().get("catalog-svc").isEmpty(), () -> discovery.status().toString());
      assertThat(discovery.status().get(0).services().get(0).state()).isEqualTo(ServiceEndpoints.State.SYNCED);
      await(WAIT, () -> pushed.stream().anyMatch(p -> p.containsKey("catalog-svc") && p.get("catalog-svc").isEmpty()), pushed::toString);
    }
  }
}
