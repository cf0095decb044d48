package io.hango.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.testing.nacos.NacosServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link RegistryEndToEndTest} with a real Nacos 3.1 server; backends register as persistent
 * instances over its v1 open API (the server checks them over TCP: they really listen).
 */
class NacosEndToEndTest extends RegistryEndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static NacosServerProcess nacos;

  @BeforeAll
  static void startNacos() {
    nacos = NacosServerProcess.start();
  }

  @AfterAll
  static void stopNacos() {
    nacos.close();
  }

  @Override
  String registryYaml() {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: reg}
        spec: {type: nacos, serverAddr: "%s", refreshInterval: 2s, debounceQuietPeriod: 10ms, debounceMaxDelay: 200ms, emptyGracePeriod: 2s}
        """.formatted(nacos.serverAddr());
  }

  @Override
  String discoveryYaml() {
    return "{registry: reg, serviceName: who}";
  }

  @Override
  void register(String name, int port) throws Exception {
    ports.put(name, port);
    instance("POST", port);
  }

  private final java.util.Map<String, Integer> ports = new java.util.HashMap<>();

  private void instance(String method, int port) throws Exception {
    URI uri = URI.create(nacos.baseUri() + "/v1/ns/instance?serviceName=who&ip=127.0.0.1&port=" + port + "&ephemeral=false&healthy=true");
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Override
  void deregister(String name) throws Exception {
    instance("DELETE", ports.get(name));
  }

  @Override
  void stopRegistry() {
    nacos.stop();
  }

  @Override
  void restartRegistry() {
    if (!nacos.isRunning()) {
      nacos.restart();
    }
  }
}
