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
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.ServiceRef;
import io.hango.testing.eureka.EurekaServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages of a real Eureka server (one for the class, stopped and restarted on the same port; a
 * restarted server has an empty registry, as a real one has until its clients register again).
 */
class EurekaOutageTest {

  private static final Duration REFRESH = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static EurekaServerProcess server;
  private static EurekaRest rest;

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() {
    server = EurekaServerProcess.start();
    rest = new EurekaRest(server.url());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void unreachableAtStartIsReportedWithoutExceptionAndRecovers() {
    server.stop();
    RecordingListener listener = new RecordingListener();
    ServiceRef ref = ServiceRef.of("late");
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    try (RegistryClient c = new EurekaRegistryProvider().create(
        new TestContext(TestContext.eureka("eureka", REFRESH, server.url()), tmp, scheduler))) {
      c.start(listener);
      c.watch(Set.of(ref));
      await(WAIT, () -> !listener.disconnects.isEmpty(), listener::toString);
      assertThat(listener.connected).isFalse();
      assertThat(listener.disconnects.get(0)).startsWith("eureka unreachable: " + server.url() + " (GET /apps): ");
      assertThat(listener.last).as("an outage is never an answer").isEmpty();
      ServiceRef later = ServiceRef.of("later");
      c.watch(Set.of(ref, later));
      await(WAIT, () -> !listener.serviceErrors.isEmpty(), listener::toString);
      assertThat(listener.serviceErrors.get(0)).startsWith("later: eureka unreachable: ");

      server.restart();
      rest.register(instance("late", "late-1", "10.1.0.1"));
      await(WAIT, () -> listener.instances(ref) != null && listener.instances(ref).size() == 1, listener::toString);
      assertThat(listener.connected).isTrue();
      assertThat(listener.connects.get()).isEqualTo(1);
      assertThat(listener.instances(later)).as("registered nowhere: an authoritative empty answer").isEmpty();
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void anOutageKeepsTheEndpointsAndTheClientRecoversWhenTheServerIsBack() throws InterruptedException {
    rest.register(instance("stock", "stock-1", "10.1.1.1"));
    rest.register(instance("stock", "stock-2", "10.1.1.2"));
    Registry registry = Registry.of("eureka-outage", RegistrySpec.Eureka.builder()
        .serviceUrls(List.of(server.url()))
        .refreshInterval(REFRESH)
        .emptyGracePeriod(Duration.ofSeconds(60))
        .build());
    Service stock = Service.of("stock-svc", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("eureka-outage").serviceName("stock").build())
        .build());

    try (ServiceDiscovery discovery = ServiceDiscovery.builder()
        .providers(List.of(new EurekaRegistryProvider()))
        .dataDirectory(tmp)
        .build()) {
      discovery.apply(GatewayConfig.of(registry, stock));
      assertThat(discovery.awaitInitialSync(WAIT)).isEmpty();
      assertThat(discovery.endpoints().get("stock-svc")).extracting(Endpoint::address).containsExactly("10.1.1.1", "10.1.1.2");

      server.stop();
      await(WAIT, () -> !discovery.status().get(0).connected(), () -> discovery.status().toString());
      RegistryStatus down = discovery.status().get(0);
      assertThat(down.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("eureka unreachable: "));
      assertThat(down.services().get(0).state()).isEqualTo(ServiceEndpoints.State.STALE);
      assertThat(discovery.endpoints().get("stock-svc")).as("kept through the outage").hasSize(2);

      // Back, empty (the long grace period keeps the endpoints), then the instances register again.
      server.restart();
      await(WAIT, () -> discovery.status().get(0).connected(), () -> discovery.status().toString());
      assertThat(discovery.endpoints().get("stock-svc")).hasSize(2);
      rest.register(instance("stock", "stock-1", "10.1.1.1"));
      rest.register(instance("stock", "stock-3", "10.1.1.3"));
      await(WAIT, () -> discovery.endpoints().get("stock-svc").stream().map(Endpoint::address).toList()
          .equals(List.of("10.1.1.1", "10.1.1.3")), () -> discovery.status().toString());
      assertThat(discovery.status().get(0).services().get(0).state()).isEqualTo(ServiceEndpoints.State.SYNCED);
    }
  }
}
