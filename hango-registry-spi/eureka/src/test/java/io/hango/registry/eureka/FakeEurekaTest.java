package io.hango.registry.eureka;

import static io.hango.registry.eureka.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.ServiceRef;
import io.hango.testing.eureka.EurekaServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real Eureka server cannot be made to do on demand, from a tiny local HTTP server that
 * answers {@code /eureka/apps} and {@code /eureka/apps/delta} as told: a delta whose hash code does
 * not match, HTTP errors, credentials in the URL, a dead first service URL.
 */
class FakeEurekaTest {

  private static final Duration REFRESH = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  private HttpServer server;
  private ScheduledThreadPoolExecutor scheduler;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final Set<String> accepts = ConcurrentHashMap.newKeySet();
  private volatile int status = 200;
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/eureka/apps", this::answer);
    server.start();
    scheduler = new ScheduledThreadPoolExecutor(1);
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    scheduler.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
    accepts.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      authorizations.add(authorization);
    }
    String body = bodies.get(path);
    int code = body == null ? 404 : status;
    byte[] bytes = (body == null || code != 200 ? "{\"error\":\"nope\"}" : body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/eureka";
  }

  private int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  private RegistryClient client(String... urls) {
    RegistryClient c = new EurekaRegistryProvider().create(new TestContext(TestContext.eureka("eureka", REFRESH, urls), tmp, scheduler));
    c.start(listener);
    return c;
  }

  /** An instance of app ORDERS as Eureka writes it, with an action for deltas. */
  private static String instance(String id, String ip, String status, String action) {
    return "{\"instanceId\":\"" + id + "\",\"hostName\":\"" + id + "\",\"app\":\"ORDERS\",\"ipAddr\":\"" + ip + "\","
        + "\"status\":\"" + status + "\",\"overriddenStatus\":\"UNKNOWN\","
        + "\"port\":{\"$\":8080,\"@enabled\":\"true\"},\"securePort\":{\"$\":443,\"@enabled\":\"false\"},"
        + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"},"
        + "\"metadata\":{\"@class\":\"java.util.Collections$EmptyMap\"},\"actionType\":\"" + action + "\"}";
  }

  private static String apps(String hashcode, String... instances) {
    return "{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"" + hashcode + "\",\"application\":["
        + (instances.length == 0 ? "" : "{\"name\":\"ORDERS\",\"instance\":[" + String.join(",", instances) + "]}")
        + "]}}";
  }

  @Test
  void aDeltaWhoseHashcodeDoesNotMatchIsFollowedByAFullFetch() {
    ServiceRef ref = ServiceRef.of("orders");
    bodies.put("/eureka/apps", apps("UP_1_", instance("a", "10.2.0.1", "UP", "ADDED")));
    bodies.put("/eureka/apps/delta", apps("UP_1_"));

    try (RegistryClient c = client(url())) {
      c.watch(Set.of(ref));
      await(WAIT, () -> listener.instances(ref) != null && hits("/eureka/apps/delta") >= 2, listener::toString);
      assertThat(hits("/eureka/apps")).as("consistent deltas need no full fetch").isEqualTo(1);
      assertThat(accepts).containsExactly("application/json");

      // The registry now holds a, b (UP) and c (DOWN), but the delta lists b only: UP_2_ != DOWN_1_UP_2_.
      bodies.put("/eureka/apps", apps("DOWN_1_UP_2_",
          instance("a", "10.2.0.1", "UP", "ADDED"),
          instance("b", "10.2.0.2", "UP", "ADDED"),
          instance("c", "10.2.0.3", "DOWN", "ADDED")));
      bodies.put("/eureka/apps/delta", apps("DOWN_1_UP_2_", instance("b", "10.2.0.2", "UP", "ADDED")));

      await(WAIT, () -> hits("/eureka/apps") >= 2 && listener.instances(ref).size() == 3, listener::toString);
      assertThat(listener.instances(ref)).extracting(Instance::id, Instance::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("a", Instance.Status.UP),
          org.assertj.core.groups.Tuple.tuple("b", Instance.Status.UP),
          org.assertj.core.groups.Tuple.tuple("c", Instance.Status.DOWN));
    }
  }

  @Test
  void deltasAddModifyAndDeleteInstances() {
    ServiceRef ref = ServiceRef.of("orders");
    bodies.put("/eureka/apps", apps("UP_2_", instance("a", "10.2.1.1", "UP", "ADDED"), instance("b", "10.2.1.2", "UP", "ADDED")));
    bodies.put("/eureka/apps/delta", apps("UP_2_"));

    try (RegistryClient c = client(url())) {
      c.watch(Set.of(ref));
      await(WAIT, () -> listener.instances(ref) != null && listener.instances(ref).size() == 2, listener::toString);
      bodies.put("/eureka/apps/delta", apps("DOWN_1_UP_1_",
          instance("a", "10.2.1.1", "DOWN", "MODIFIED"),
          instance("b", "10.2.1.2", "UP", "DELETED"),
          instance("c", "10.2.1.3", "UP", "ADDED")));
      await(WAIT, () -> listener.instance(ref, "c") != null, listener::toString);
      assertThat(listener.instances(ref)).extracting(Instance::id, Instance::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("a", Instance.Status.DOWN),
          org.assertj.core.groups.Tuple.tuple("c", Instance.Status.UP));
      assertThat(hits("/eureka/apps")).as("the delta matched: no full fetch").isEqualTo(1);
    }
  }

  @Test
  void aServerThatRefusesDeltasIsReadWholeEveryTimeAndStaysConnected() {
    ServiceRef ref = ServiceRef.of("orders");
    bodies.put("/eureka/apps", apps("UP_1_", instance("a", "10.2.5.1", "UP", "ADDED")));

    try (RegistryClient c = client(url())) {
      c.watch(Set.of(ref));
      await(WAIT, () -> hits("/eureka/apps/delta") >= 3 && hits("/eureka/apps") >= 4, listener::toString);
      bodies.put("/eureka/apps", apps("UP_2_", instance("a", "10.2.5.1", "UP", "ADDED"), instance("b", "10.2.5.2", "UP", "ADDED")));
      await(WAIT, () -> listener.instances(ref).size() == 2, listener::toString);
      assertThat(listener.disconnects).isEmpty();
      assertThat(listener.connected).isTrue();
    }
  }

  @Test
  void httpErrorsAreAnOutageNeverAnEmptyAnswerAndTheClientRecovers() {
    ServiceRef ref = ServiceRef.of("orders");
    bodies.put("/eureka/apps", apps("UP_1_", instance("a", "10.2.2.1", "UP", "ADDED")));
    bodies.put("/eureka/apps/delta", apps("UP_1_"));

    try (RegistryClient c = client(url())) {
      c.watch(Set.of(ref));
      await(WAIT, () -> listener.instances(ref) != null, listener::toString);
      status = 503;
      await(WAIT, () -> !listener.disconnects.isEmpty(), listener::toString);
      assertThat(listener.disconnects.get(0)).contains("answered HTTP 503");
      assertThat(listener.instances(ref)).hasSize(1);
      int fullFetches = hits("/eureka/apps");

      status = 200;
      await(WAIT, () -> listener.connected, listener::toString);
      assertThat(hits("/eureka/apps")).as("a full fetch after the error").isGreaterThan(fullFetches);
      assertThat(listener.instances(ref)).hasSize(1);
    }
  }

  @Test
  void aDeadFirstServiceUrlFailsOverToTheNext() {
    ServiceRef ref = ServiceRef.of("orders");
    bodies.put("/eureka/apps", apps("UP_1_", instance("a", "10.2.3.1", "UP", "ADDED")));
    bodies.put("/eureka/apps/delta", apps("UP_1_"));
    String dead = "http://127.0.0.1:" + EurekaServerProcess.freePort() + "/eureka";

    try (RegistryClient c = client(dead, url())) {
      c.watch(Set.of(ref));
      await(WAIT, () -> listener.instances(ref) != null && hits("/eureka/apps/delta") >= 2, listener::toString);
      assertThat(listener.instances(ref)).extracting(Instance::address).containsExactly("10.2.3.1");
      assertThat(listener.disconnects).isEmpty();
      assertThat(listener.connected).isTrue();
    }
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() {
    ServiceRef ref = ServiceRef.of("orders");
    bodies.put("/eureka/apps", apps("UP_1_", instance("a", "10.2.4.1", "UP", "ADDED")));
    bodies.put("/eureka/apps/delta", apps("UP_1_"));
    String withCredentials = "http://hango:s3cret@127.0.0.1:" + server.getAddress().getPort() + "/eureka/";

    try (RegistryClient c = client(withCredentials)) {
      c.watch(Set.of(ref));
      await(WAIT, () -> listener.instances(ref) != null, listener::toString);
      assertThat(authorizations).first().isEqualTo("Basic aGFuZ286czNjcmV0");
      status = 500;
      await(WAIT, () -> !listener.disconnects.isEmpty(), listener::toString);
      assertThat(listener.disconnects.get(0)).doesNotContain("s3cret").contains("http://127.0.0.1:");
    }
  }
}
