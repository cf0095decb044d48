package io.hango.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.testing.eureka.EurekaServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RegistryEndToEndTest} with a real Spring Cloud Netflix Eureka server; backends register over its REST API. */
class EurekaEndToEndTest extends RegistryEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static EurekaServerProcess eureka;

  @BeforeAll
  static void startEureka() {
    eureka = EurekaServerProcess.start();
  }

  @AfterAll
  static void stopEureka() {
    eureka.close();
  }

  @Override
  String registryYaml() {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: reg}
        spec: {type: eureka, serviceUrls: ["%s"], refreshInterval: 500ms, debounceQuietPeriod: 10ms, debounceMaxDelay: 200ms, emptyGracePeriod: 2s}
        """.formatted(eureka.url());
  }

  @Override
  String discoveryYaml() {
    return "{registry: reg, serviceName: who}";
  }

  @Override
  void register(String id, int port) throws Exception {
    ObjectNode i = JSON.createObjectNode();
    i.put("instanceId", id).put("hostName", id).put("app", "WHO").put("ipAddr", "127.0.0.1").put("status", "UP").put("vipAddress", "who");
    i.putObject("port").put("$", port).put("@enabled", "true");
    i.putObject("securePort").put("$", 443).put("@enabled", "false");
    i.putObject("dataCenterInfo").put("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo").put("name", "MyOwn");
    send(HttpRequest.newBuilder(URI.create(eureka.url() + "/apps/WHO")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().set("instance", i).toString())), 204);
  }

  @Override
  void deregister(String id) throws Exception {
    send(HttpRequest.newBuilder(URI.create(eureka.url() + "/apps/WHO/" + id)).DELETE(), 200);
  }

  @Override
  void stopRegistry() {
    eureka.stop();
  }

  @Override
  void restartRegistry() {
    if (!eureka.isRunning()) {
      eureka.restart();
    }
  }

  private static void send(HttpRequest.Builder b, int expected) throws Exception {
    HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
  }
}
