package io.hango.controlplane;

import static io.hango.controlplane.TestConfigs.await;
import static io.hango.controlplane.TestConfigs.docs;
import static io.hango.controlplane.TestConfigs.gateway;
import static io.hango.controlplane.TestConfigs.route;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.testing.eureka.EurekaServerProcess;
import io.hango.testkit.grpc.NamedGrpcBackends;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real Eureka server: real gRPC backends register themselves over Eureka's REST
 * API, grpc-java's xDS client calls them through the control plane; a backend that deregisters
 * stops getting calls within seconds, without failed calls; a Eureka outage does not stop calls.
 */
class EurekaEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static EurekaServerProcess eureka;

  @TempDir Path dir;

  @BeforeAll
  static void startEureka() {
    eureka = EurekaServerProcess.start();
  }

  @AfterAll
  static void stopEureka() {
    eureka.close();
  }

  private static void register(String id, int port) throws Exception {
    ObjectNode i = JSON.createObjectNode();
    i.put("instanceId", id).put("hostName", id).put("app", "WHO").put("ipAddr", "127.0.0.1").put("status", "UP").put("vipAddress", "who");
    i.putObject("port").put("$", port).put("@enabled", "true");
    i.putObject("securePort").put("$", 443).put("@enabled", "false");
    i.putObject("dataCenterInfo").put("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo").put("name", "MyOwn");
    send(HttpRequest.newBuilder(URI.create(eureka.url() + "/apps/WHO")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().set("instance", i).toString())), 204);
  }

  private static void deregister(String id) throws Exception {
    send(HttpRequest.newBuilder(URI.create(eureka.url() + "/apps/WHO/" + id)).DELETE(), 200);
  }

  private static void send(HttpRequest.Builder b, int expected) throws Exception {
    HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
  }

  @Test
  void callsFollowRegistrationsAndSurviveAnOutage() throws Exception {
    try (NamedGrpcBackends backends = NamedGrpcBackends.start("eu-1", "eu-2")) {
      register("eu-1", backends.port("eu-1"));
      register("eu-2", backends.port("eu-2"));
      write(dir.resolve("config.yaml"), docs(gateway(), """
          apiVersion: hango.io/v1alpha1
          kind: Service
          metadata: {name: who}
          spec:
            protocol: grpc
            discovery: {registry: eureka, serviceName: who}
          ---
          apiVersion: hango.io/v1alpha1
          kind: Registry
          metadata: {name: eureka}
          spec: {type: eureka, serviceUrls: ["%s"], refreshInterval: 500ms, debounceQuietPeriod: 10ms, debounceMaxDelay: 200ms, emptyGracePeriod: 2s}
          """.formatted(eureka.url()), route("all", 0, "", "[{service: who}]")));
      try (ControlPlane cp = ControlPlane.builder().config(dir).xdsHost("127.0.0.1").xdsPort(0).disableAdmin()
              .registryDataDirectory(dir.resolve("data")).debounce(Duration.ZERO, Duration.ZERO).build().start();
          GrpcXdsChannel xds = GrpcXdsChannel.open(cp.xdsPort(), "eureka-e2e", "edge", TestConfigs.HOST);
          RegistryCalls calls = new RegistryCalls(xds.channel())) {
        calls.awaitOnly("both registered backends answer", Duration.ofSeconds(20), Set.of("eu-1", "eu-2"));

        // Deregistered, still running (a graceful shutdown): it stops getting calls within seconds.
        long t0 = System.nanoTime();
        deregister("eu-2");
        calls.awaitOnly("only eu-1 answers", Duration.ofSeconds(10), Set.of("eu-1"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        System.out.println("eureka: deregistration to calls reaching only the registered backend: " + took.toMillis() + " ms");

        // Eureka goes away: calls keep reaching the last known endpoints.
        eureka.stop();
        await("the registry is seen down", () -> !cp.discovery().status().get(0).connected());
        int before = calls.calls();
        await("calls keep flowing during the outage", () -> calls.calls() > before + 50);
        calls.awaitOnly("eu-1 still answers", Duration.ofSeconds(5), Set.of("eu-1"));
        assertThat(calls.failures()).as(calls.lastFailure()).isZero();
      } finally {
        if (!eureka.isRunning()) {
          eureka.restart();
        }
      }
    }
  }
}
