package io.hango.registry.nacos;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceDiscovery;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.ServiceRef;
import io.hango.testing.nacos.NacosServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Nacos registry where nothing listens: the client reports the outage and errors, never an answer,
 * never blocks the runtime, closes promptly; its messages hold neither the user name nor the
 * password, and no log line (standard error, where slf4j-simple writes, with the Nacos client's own
 * lines) holds the password (nacos-client logs the user name, and the password masked but for its
 * first and last two characters).
 */
class NacosUnreachableTest {

  private static final String PASSWORD = "n0t-" + Long.toHexString(System.nanoTime()) + "-shown";
  private static final String USERNAME = "user-" + Long.toHexString(System.nanoTime());

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private String serverAddr;

  @BeforeEach
  void captureStandardError() {
    serverAddr = "127.0.0.1:" + NacosServerProcess.freePort();
    originalErr = System.err;
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        originalErr.write(b);
        synchronized (captured) {
          captured.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        originalErr.write(b, off, len);
        synchronized (captured) {
          captured.write(b, off, len);
        }
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStandardError() {
    System.setErr(originalErr);
    String log;
    synchronized (captured) {
      log = captured.toString(StandardCharsets.UTF_8);
    }
    assertThat(log).isNotEmpty().doesNotContain(PASSWORD);
  }

  private Registry registry() {
    return Registry.of("nacos", RegistrySpec.Nacos.builder().serverAddr(serverAddr).username(USERNAME).password(PASSWORD).build());
  }

  @Test
  void theRuntimeKeepsWaitingAndReportsTheOutage(@TempDir Path dir) throws Exception {
    Service orders = Service.of("orders", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("nacos").serviceName("orders").build()).build());
    ServiceDiscovery d = ServiceDiscovery.builder().providers(List.of(new NacosRegistryProvider())).dataDirectory(dir).build();
    long applied;
    try {
      long start = System.nanoTime();
      d.apply(GatewayConfig.of(registry(), orders));
      applied = System.nanoTime() - start;
      assertThat(d.awaitInitialSync(Duration.ofMillis(500))).containsExactly("orders");
      Await.until(Duration.ofSeconds(30), "the outage reported",
          () -> d.status().get(0).lastError().filter(m -> m.contains("unreachable")).isPresent(), d::status);
      RegistryStatus s = d.status().get(0);
      assertThat(s.connected()).isFalse();
      assertThat(s.lastError()).hasValueSatisfying(m -> assertThat(m).contains(serverAddr).doesNotContain(PASSWORD));
      assertThat(s.services()).singleElement().satisfies(v -> {
        assertThat(v.state()).isEqualTo(ServiceEndpoints.State.WAITING);
        assertThat(v.endpoints()).isEmpty();
      });
      assertThat(d.endpoints()).containsEntry("orders", List.of());
    } finally {
      long start = System.nanoTime();
      d.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(16));
    }
    assertThat(Duration.ofNanos(applied)).as("apply does not wait for the network").isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void theClientReportsErrorsAndTheOutageWithoutThePassword(@TempDir Path dir) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    Registry registry = registry();
    RegistryContext context = new RegistryContext() {
      @Override
      public Registry registry() {
        return registry;
      }

      @Override
      public Path dataDirectory() {
        return dir;
      }

      @Override
      public ScheduledExecutorService scheduler() {
        return scheduler;
      }
    };
    RecordingListener listener = new RecordingListener();
    RegistryClient client = new NacosRegistryProvider().create(context);
    try {
      client.start(listener);
      client.watch(Set.of(ServiceRef.of("orders")));
      Await.until(Duration.ofSeconds(30), "an error and the outage",
          () -> listener.has("error orders") && listener.has("disconnected"), () -> listener.calls);
      assertThat(listener.calls).noneMatch(c -> c.contains(PASSWORD) || c.contains(USERNAME));
      assertThat(listener.answers).isEmpty();
      assertThat(listener.calls).filteredOn(c -> c.startsWith("disconnected")).first().asString().contains(serverAddr);
    } finally {
      client.close();
      scheduler.shutdownNow();
    }
  }
}
