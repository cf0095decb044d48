package io.hango.controlplane;

import io.hango.testkit.grpc.WhoConfigs;
import io.hango.testkit.xds.GrpcXdsChannel;
import static io.hango.testkit.Await.await;
import static io.hango.testkit.grpc.WhoConfigs.docs;
import static io.hango.testkit.grpc.WhoConfigs.gateway;
import static io.hango.testkit.grpc.WhoConfigs.route;
import static io.hango.controlplane.TestConfigs.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.testkit.grpc.NamedGrpcBackends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real registry server: two real gRPC backends register themselves, grpc-java's
 * xDS client calls them through the control plane; one deregisters (and keeps running, as in a
 * graceful shutdown) and stops getting calls within seconds, without a failed call; then the
 * registry goes away and calls keep flowing to the last known endpoint. One subclass per registry.
 */
abstract class RegistryEndToEndTest {

  @TempDir Path dir;

  /** The {@code Registry} document {@code reg} (debounce and grace short for the test), as YAML. */
  abstract String registryYaml();

  /** The {@code spec.discovery} of the {@code who} service, as a YAML flow mapping. */
  abstract String discoveryYaml();

  /** Registers backend {@code name} listening on 127.0.0.1:{@code port}. */
  abstract void register(String name, int port) throws Exception;

  /** Deregisters backend {@code name}. */
  abstract void deregister(String name) throws Exception;

  /** Makes the registry unreachable. */
  abstract void stopRegistry() throws Exception;

  /** Makes it reachable again, for the next test. */
  abstract void restartRegistry() throws Exception;

  @Test
  void callsFollowRegistrationsAndSurviveAnOutage() throws Exception {
    String prefix = getClass().getSimpleName().replace("EndToEndTest", "").toLowerCase(java.util.Locale.ROOT);
    String first = prefix + "-1";
    String second = prefix + "-2";
    try (NamedGrpcBackends backends = NamedGrpcBackends.start(first, second)) {
      register(first, backends.port(first));
      register(second, backends.port(second));
      write(dir.resolve("config.yaml"), docs(gateway(), """
          apiVersion: hango.io/v1alpha1
          kind: Service
          metadata: {name: who}
          spec:
            protocol: grpc
            discovery: %s
          """.formatted(discoveryYaml()), registryYaml(), route("all", 0, "", "[{service: who}]")));
      try (ControlPlane cp = ControlPlane.builder().config(dir).xdsHost("127.0.0.1").xdsPort(0).disableAdmin()
              .registryDataDirectory(dir.resolve("data")).debounce(Duration.ZERO, Duration.ZERO).build().start();
          GrpcXdsChannel xds = GrpcXdsChannel.open(cp.xdsPort(), prefix + "-e2e", WhoConfigs.GATEWAY, WhoConfigs.HOST);
          RegistryCalls calls = new RegistryCalls(xds.channel())) {
        calls.awaitOnly("both registered backends answer", Duration.ofSeconds(30), Set.of(first, second));

        long t0 = System.nanoTime();
        deregister(second);
        calls.awaitOnly("only " + first + " answers", Duration.ofSeconds(10), Set.of(first));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println(prefix + ": deregistration to calls reaching only the registered backend: " + took.toMillis() + " ms");

        stopRegistry();
        await("the registry is seen down", Duration.ofSeconds(30), () -> !cp.discovery().status().get(0).connected());
        int before = calls.calls();
        await("calls keep flowing during the outage", () -> calls.calls() > before + 50);
        calls.awaitOnly(first + " still answers", Duration.ofSeconds(5), Set.of(first));
        assertThat(calls.failures()).as(calls.lastFailure()).isZero();
        assertThat(cp.discovery().endpoints().get("who")).hasSize(1);
      } finally {
        restartRegistry();
      }
    }
  }
}
