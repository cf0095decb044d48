package io.hango.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hango.model.GatewayConfig;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import io.hango.model.validation.Validation;
import io.hango.routesim.Decision;
import io.hango.routesim.Request;
import io.hango.routesim.RouteSimulator;
import io.hango.translate.Endpoints;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import io.hango.xds.Snapshot;
import io.hango.xds.XdsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of the README, line for line (on {@code examples/} and free ports), so the
 * first code a user copies keeps compiling and doing what the README says.
 */
class ReadmeExampleTest {

  @Test
  void theReadmeEmbeddingExampleWorks() throws Exception {
    Path gateway = Path.of("..", "examples");
    assertThat(Files.isDirectory(gateway)).isTrue();

    // Read and validate (or build the model with builders: Route.builder()...).
    ConfigLoad load = ConfigReader.read(gateway);
    Validation v = load.validate();
    v.problems().forEach(System.out::println);
    assertThat(v.isValid()).isTrue();

    // Translate: a pure, deterministic function.
    GatewayConfig config = load.config();
    Translation t = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config));
    EnvoyResources resources = t.resources();
    assertThat(t.hasErrors()).isFalse();

    // Serve any Envoy resources over xDS. Private keys (resources.secrets()) only to authenticated
    // clients: add .mutualTls(certPem, keyPem, clientCasPem) before publishing them.
    XdsServer xds = XdsServer.builder().port(0).build().start();
    try {
      xds.snapshots()
          .publish(
              "default",
              Snapshot.builder()
                  .addAll(resources.listeners())
                  .addAll(resources.routes())
                  .addAll(resources.clusters())
                  .addAll(resources.endpoints())
                  .build());
      assertThat(new ObjectMapper().readTree(xds.status().toJson()).isObject()).isTrue();
    } finally {
      xds.close();
    }

    // Or all of it, watching files and registries, in one piece (what `hango serve` runs).
    ControlPlane cp = ControlPlane.builder().config(gateway).xdsPort(0).adminPort(0).build().start();
    try {
      assertThat(cp.discovery().status()).extracting(r -> r.name()).containsExactly("demo-registry");
      assertThat(cp.state().ready()).isTrue();
      assertThat(cp.resources()).contains(resources);
    } finally {
      cp.close();
    }

    // Test routing without Envoy.
    RouteSimulator sim = RouteSimulator.of(resources.routes());
    Decision d = sim.route(Request.get("api.example.com", "/orders/7").header("x-beta", "true"));
    // Without ?debug the orders-beta route does not match; the plain orders route takes it.
    assertThat(d.routeName()).contains("orders");
    assertThat(d).isInstanceOfSatisfying(Decision.Forward.class, f -> assertThat(f.cluster()).contains("orders|v1"));
  }
}
