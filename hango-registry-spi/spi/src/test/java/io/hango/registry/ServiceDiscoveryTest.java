package io.hango.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.model.validation.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's policy: watches, selection, empty answers, outages, debounce, reconfiguration, status. */
class ServiceDiscoveryTest {

  @TempDir Path tmp;

  private final MemoryRegistryProvider provider = new MemoryRegistryProvider();
  private final List<Map<String, List<Endpoint>>> changes = new CopyOnWriteArrayList<>();
  private ServiceDiscovery discovery;

  @AfterEach
  void close() {
    if (discovery != null) {
      discovery.close();
    }
  }

  private ServiceDiscovery start(GatewayConfig config) {
    discovery = ServiceDiscovery.builder()
        .providers(List.of(provider))
        .dataDirectory(tmp)
        .listener((eps, at) -> changes.add(eps))
        .build();
    discovery.apply(config);
    return discovery;
  }

  static RegistrySpec.Custom memory(Duration grace, RegistrySpec.OnEmpty onEmpty) {
    return RegistrySpec.Custom.builder().typeName("memory").emptyGracePeriod(grace).onEmpty(onEmpty)
        .debounceQuietPeriod(Duration.ofMillis(20)).debounceMaxDelay(Duration.ofMillis(200)).build();
  }

  static Service service(String name, String registry, String serviceName) {
    return Service.of(name, ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry(registry).serviceName(serviceName).build()).build());
  }

  static GatewayConfig config(RegistrySpec spec, Resource... more) {
    List<Resource> all = new ArrayList<>(List.of(more));
    all.add(Registry.of("mem", spec));
    return GatewayConfig.of(all);
  }

  static Instance up(String address) {
    return Instance.up(address, address, 8080);
  }

  static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(5);
    }
  }

  private List<String> addresses(String service) {
    return discovery.endpoints().getOrDefault(service, List.of()).stream().map(Endpoint::address).toList();
  }

  @Test
  void watchesOnlyTheServicesThatServiceDocumentsReference() throws Exception {
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR),
        service("orders", "mem", "orders-svc"), service("orders-copy", "mem", "orders-svc"), service("users", "mem", "users-svc")));
    assertThat(provider.clients).hasSize(1);
    assertThat(provider.last().watched).extracting(ServiceRef::name).containsExactlyInAnyOrder("orders-svc", "users-svc");
    assertThat(discovery.waiting()).containsExactly("orders", "orders-copy", "users");

    provider.last().answer("orders-svc", up("10.0.0.1"), up("10.0.0.2"));
    assertThat(addresses("orders")).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(addresses("orders-copy")).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(discovery.awaitInitialSync(Duration.ofMillis(50))).containsExactly("users");
    provider.last().answer("users-svc");
    assertThat(discovery.awaitInitialSync(Duration.ofMillis(50))).isEmpty();
    await(Duration.ofSeconds(2), () -> changes.stream().anyMatch(c -> c.containsKey("orders-copy")));
  }

  @Test
  void leavesOutInstancesThatMustNotGetTrafficAndSaysWhy() {
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    provider.last().answer("orders-svc",
        up("10.0.0.1"),
        new Instance("down", "10.0.0.2", 8080, 100, Instance.Status.DOWN, "nacos healthy=false", Optional.empty(), Optional.empty(), Map.of()),
        new Instance("off", "10.0.0.3", 8080, 100, Instance.Status.DISABLED, "dubbo disabled=true", Optional.empty(), Optional.empty(), Map.of()),
        new Instance("bye", "10.0.0.4", 8080, 100, Instance.Status.TERMINATING, "endpointslice terminating", Optional.empty(), Optional.empty(), Map.of()),
        new Instance("zero", "10.0.0.5", 8080, 0, Instance.Status.UP, "up", Optional.empty(), Optional.empty(), Map.of()),
        new Instance("named", "orders.internal", 8080, 100, Instance.Status.UP, "up", Optional.empty(), Optional.empty(), Map.of()),
        new Instance("dup", "10.0.0.1", 8080, 100, Instance.Status.UP, "up", Optional.empty(), Optional.empty(), Map.of()),
        new Instance("v6", "fd00::7", 8080, 250, Instance.Status.UP, "up", Optional.of("eu"), Optional.of("eu-1a"), Map.of("version", "v2")));
    assertThat(addresses("orders")).containsExactly("10.0.0.1", "fd00::7");
    Endpoint v6 = discovery.endpoints().get("orders").get(1);
    assertThat(v6.weight()).isEqualTo(250);
    assertThat(v6.region()).contains("eu");
    assertThat(v6.zone()).contains("eu-1a");
    assertThat(v6.labels()).containsEntry("version", "v2");
    ServiceEndpoints s = discovery.status().get(0).services().get(0);
    assertThat(s.excluded()).extracting(x -> x.instance().id() + ": " + x.reason()).containsExactlyInAnyOrder(
        "down: unhealthy (nacos healthy=false)",
        "off: disabled (dubbo disabled=true)",
        "bye: terminating (endpointslice terminating): no new requests",
        "zero: weight 0: no traffic",
        "named: address 'orders.internal' is not an IP address: Envoy's EDS takes IP addresses only (register the IP)",
        "dup: same address and port as instance 10.0.0.1");
  }

  @Test
  void aPortInTheServiceDocumentLeavesOutInstancesOnOtherPorts() {
    Service s = Service.of("orders", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("mem").serviceName("orders-svc").port(9090).build()).build());
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), s));
    provider.last().answer("orders-svc", up("10.0.0.1"), Instance.up("b", "10.0.0.2", 9090));
    assertThat(addresses("orders")).containsExactly("10.0.0.2");
    assertThat(discovery.status().get(0).services().get(0).excluded().get(0).reason())
        .isEqualTo("port 8080, not the port 9090 that spec.discovery.port asks for");
  }

  @Test
  void anEmptyAnswerEmptiesTheServiceOnlyAfterTheGracePeriod() throws Exception {
    start(config(memory(Duration.ofMillis(300), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    provider.last().answer("orders-svc", up("10.0.0.1"));
    provider.last().answer("orders-svc");
    assertThat(addresses("orders")).containsExactly("10.0.0.1");
    assertThat(discovery.status().get(0).services().get(0).state()).isEqualTo(ServiceEndpoints.State.EMPTY_PENDING);
    Thread.sleep(100);
    assertThat(addresses("orders")).containsExactly("10.0.0.1");
    await(Duration.ofSeconds(3), () -> addresses("orders").isEmpty());
    await(Duration.ofSeconds(3), () -> changes.stream().anyMatch(c -> c.containsKey("orders") && c.get("orders").isEmpty()));
  }

  @Test
  void instancesComingBackWithinTheGracePeriodCancelTheClear() throws Exception {
    start(config(memory(Duration.ofMillis(200), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    provider.last().answer("orders-svc", up("10.0.0.1"));
    provider.last().answer("orders-svc");
    provider.last().answer("orders-svc", up("10.0.0.2"));
    Thread.sleep(400);
    assertThat(addresses("orders")).containsExactly("10.0.0.2");
  }

  @Test
  void keepLastKeepsTheLastEndpointsForEver() throws Exception {
    start(config(memory(Duration.ZERO, RegistrySpec.OnEmpty.KEEP_LAST), service("orders", "mem", "orders-svc")));
    provider.last().answer("orders-svc", up("10.0.0.1"));
    provider.last().answer("orders-svc");
    Thread.sleep(100);
    assertThat(addresses("orders")).containsExactly("10.0.0.1");
    assertThat(discovery.status().get(0).services().get(0).state()).isEqualTo(ServiceEndpoints.State.KEEPING_LAST);
  }

  @Test
  void aZeroGracePeriodClearsAtOnce() {
    start(config(memory(Duration.ZERO, RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    provider.last().answer("orders-svc", up("10.0.0.1"));
    provider.last().answer("orders-svc");
    assertThat(addresses("orders")).isEmpty();
  }

  @Test
  void anOutageNeverEmptiesAServiceAndCancelsAPendingClear() throws Exception {
    start(config(memory(Duration.ofMillis(200), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    MemoryRegistryProvider.Client c = provider.last();
    c.listener.onConnected();
    c.answer("orders-svc", up("10.0.0.1"));
    c.answer("orders-svc");
    c.listener.onDisconnected("connection refused");
    Thread.sleep(400);
    assertThat(addresses("orders")).containsExactly("10.0.0.1");
    RegistryStatus st = discovery.status().get(0);
    assertThat(st.connected()).isFalse();
    assertThat(st.lastError()).contains("connection refused");
    assertThat(st.services().get(0).state()).isEqualTo(ServiceEndpoints.State.STALE);

    c.listener.onServiceError(c.ref("orders-svc"), "timeout");
    assertThat(addresses("orders")).containsExactly("10.0.0.1");
    c.answer("orders-svc", up("10.0.0.3"));
    assertThat(addresses("orders")).containsExactly("10.0.0.3");
    assertThat(discovery.status().get(0).connected()).isTrue();
  }

  @Test
  void changesAreDebouncedPerService() throws Exception {
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    for (int i = 1; i <= 5; i++) {
      provider.last().answer("orders-svc", up("10.0.0." + i));
    }
    await(Duration.ofSeconds(2), () -> !changes.isEmpty());
    Thread.sleep(100);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("orders")).extracting(Endpoint::address).containsExactly("10.0.0.5");
  }

  @Test
  void aBusyServiceIsPublishedWithinTheMaximumDelay() throws Exception {
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    long start = System.nanoTime();
    int i = 0;
    // A change every 10 ms never leaves the 20 ms quiet period: only the 200 ms maximum delay fires.
    while (changes.isEmpty() && System.nanoTime() - start < 2_000_000_000L) {
      provider.last().answer("orders-svc", up("10.0.1." + (++i % 250 + 1)));
      Thread.sleep(10);
    }
    assertThat(changes).isNotEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void changedSettingsRestartTheClientAndKeepEndpointsUntilItAnswers() {
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    MemoryRegistryProvider.Client first = provider.last();
    first.answer("orders-svc", up("10.0.0.1"));
    ObjectNode settings = JsonNodeFactory.instance.objectNode().put("region", "eu");
    discovery.apply(config(RegistrySpec.Custom.builder().typeName("memory").settings(settings).build(), service("orders", "mem", "orders-svc")));
    assertThat(first.closed).isTrue();
    MemoryRegistryProvider.Client second = provider.last();
    assertThat(second).isNotSameAs(first);
    assertThat(addresses("orders")).containsExactly("10.0.0.1");
    assertThat(discovery.status().get(0).services().get(0).state()).isEqualTo(ServiceEndpoints.State.STALE);
    second.answer("orders-svc", up("10.0.0.2"));
    assertThat(addresses("orders")).containsExactly("10.0.0.2");

    discovery.apply(GatewayConfig.of(List.of(Registry.of("mem", memory(Duration.ZERO, RegistrySpec.OnEmpty.CLEAR)))));
    assertThat(second.closed).isTrue();
    assertThat(discovery.status()).isEmpty();
    assertThat(discovery.endpoints()).isEmpty();
  }

  @Test
  void unwatchedServicesAreDroppedAndTheirLateAnswersIgnored() {
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc"), service("users", "mem", "users-svc")));
    MemoryRegistryProvider.Client c = provider.last();
    ServiceRef users = c.ref("users-svc");
    discovery.apply(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    assertThat(provider.last()).isSameAs(c);
    assertThat(c.watched).extracting(ServiceRef::name).containsExactly("orders-svc");
    c.listener.onInstances(users, List.of(up("10.0.0.9")));
    assertThat(discovery.endpoints()).doesNotContainKey("users");
  }

  @Test
  void theValidatorNamesTheJarToAddAndRunsTheProvidersChecks() {
    ObjectNode bad = JsonNodeFactory.instance.objectNode().put("regoin", "eu");
    GatewayConfig config = GatewayConfig.of(List.of(
        Registry.of("mem", RegistrySpec.Custom.builder().typeName("memory").settings(bad).build()),
        Registry.of("nacos", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").build()),
        Registry.of("consul", RegistrySpec.Custom.builder().typeName("consul").build())));
    List<Problem> problems = RegistryValidator.of(List.of(provider)).validate(config);
    assertThat(problems).extracting(Problem::toString).containsExactly(
        "Registry/consul: spec.type: no provider for registry type 'consul' on the class path: add the jar of its RegistryProvider (known here: memory)",
        "Registry/mem: spec.settings.regoin: unknown setting 'regoin' (known: region)",
        "Registry/nacos: spec.type: no provider for registry type 'nacos' on the class path: add the jar io.hango:hango-registry-nacos (known here: memory)");
  }

  @Test
  void theStaticRegistryIsFoundOnTheClassPath() {
    assertThat(RegistryValidator.create().knownTypes()).contains("static");
    GatewayConfig config = GatewayConfig.of(List.of(
        Registry.of("demo", RegistrySpec.Static.builder()
            .putService("inventory", List.of(Endpoint.builder().address("10.0.3.11").port(8080).zone("a").build(), Endpoint.of("inventory.local", 8080)))
            .build()),
        service("inventory", "demo", "inventory")));
    discovery = ServiceDiscovery.builder().dataDirectory(tmp).build();
    discovery.apply(config);
    assertThat(discovery.endpoints().get("inventory")).extracting(Endpoint::address).containsExactly("10.0.3.11");
    assertThat(discovery.waiting()).isEmpty();
    assertThat(DiscoveryReport.text(discovery.status().get(0).services())).isEqualTo(
        "Service/inventory <- registry demo: inventory [synced] 1 endpoint(s), 1 left out\n"
            + "  10.0.3.11:8080 weight=1 zone=a\n"
            + "  left out inventory.local:8080 (inventory[1]): address 'inventory.local' is not an IP address: Envoy's EDS takes IP addresses only (register the IP)\n");
  }

  @Test
  void credentialsNeverReachTheStatus() {
    RegistrySpec.Custom spec = RegistrySpec.Custom.builder().typeName("memory")
        .settings(JsonNodeFactory.instance.objectNode().put("region", "eu").put("apiToken", "s3cr3t-t0ken")).build();
    start(config(spec, service("orders", "mem", "orders-svc")));
    provider.last().listener.onDisconnected("GET http://admin:hunter2@10.0.0.5:8500/v1/health failed: bad token s3cr3t-t0ken\nFAKE LOG LINE");
    String error = discovery.status().get(0).lastError().orElseThrow();
    assertThat(error).doesNotContain("hunter2").doesNotContain("s3cr3t-t0ken").doesNotContain("\n")
        .isEqualTo("GET http://***@10.0.0.5:8500/v1/health failed: bad token *** FAKE LOG LINE");
    assertThat(DiscoveryReport.json(discovery.status())).doesNotContain("s3cr3t").doesNotContain("hunter2");
  }

  @Test
  void eventsCarryTheTimeOfTheFirstChange() throws Exception {
    List<Instant> firsts = new CopyOnWriteArrayList<>();
    discovery = ServiceDiscovery.builder().providers(List.of(provider)).dataDirectory(tmp).listener((eps, at) -> firsts.add(at)).build();
    discovery.apply(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    Instant before = Instant.now();
    provider.last().answer("orders-svc", up("10.0.0.1"));
    Thread.sleep(10);
    provider.last().answer("orders-svc", up("10.0.0.2"));
    await(Duration.ofSeconds(2), () -> !firsts.isEmpty());
    assertThat(firsts.get(0)).isBetween(before.minusMillis(1), before.plusMillis(9));
  }

  @Test
  void aHugeRegistryErrorIsKeptAsOneBoundedLine() {
    start(config(memory(Duration.ofSeconds(15), RegistrySpec.OnEmpty.CLEAR), service("orders", "mem", "orders-svc")));
    provider.last().listener.onDisconnected("HTTP 500: " + "<html>".repeat(10_000));
    String error = discovery.status().get(0).lastError().orElseThrow();
    assertThat(error).hasSizeLessThan(1_100).startsWith("HTTP 500: <html>").endsWith("(59010 more characters)");
  }
}
