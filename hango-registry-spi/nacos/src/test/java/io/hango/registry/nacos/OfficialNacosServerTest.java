package io.hango.registry.nacos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.hango.model.GatewayConfig;
import io.hango.model.registry.ImmutableNacos;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.registry.ServiceDiscovery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: the {@code nacos} registry against an official Nacos server (2.x or 3.x) at
 * {@code NACOS_ADDR} ({@code host:port}), with {@code NACOS_USERNAME} / {@code NACOS_PASSWORD} and
 * {@code NACOS_NAMESPACE} when set. An application's own nacos-client registers an ephemeral
 * instance of a fresh service; the runtime sees it, then sees it leave. Skipped when
 * {@code NACOS_ADDR} is not set.
 */
class OfficialNacosServerTest {

  @Test
  void followsAnInstanceRegisteredByAnApplication(@TempDir Path dir) throws Exception {
    String addr = System.getenv("NACOS_ADDR");
    assumeTrue(addr != null && !addr.isBlank(),
        "NACOS_ADDR is not set: skipping the test against an official Nacos server (set NACOS_ADDR=host:port to run it)");
    Optional<String> username = env("NACOS_USERNAME");
    Optional<String> password = env("NACOS_PASSWORD");
    Optional<String> namespace = env("NACOS_NAMESPACE");
    String service = "hango-it-" + Long.toHexString(System.nanoTime());

    Properties p = new Properties();
    p.setProperty("serverAddr", addr);
    namespace.ifPresent(n -> p.setProperty("namespace", n));
    username.ifPresent(u -> p.setProperty("username", u));
    password.ifPresent(s -> p.setProperty("password", s));
    p.setProperty("JM.SNAPSHOT.PATH", dir.resolve("app").toString());
    NamingService app = NamingFactory.createNamingService(p);

    ImmutableNacos.Builder spec = RegistrySpec.Nacos.builder().serverAddr(addr).emptyGracePeriod(Duration.ofSeconds(1));
    namespace.ifPresent(spec::namespace);
    username.ifPresent(spec::username);
    password.ifPresent(spec::password);
    GatewayConfig config = GatewayConfig.of(Registry.of("nacos", spec.build()), Service.of("app", ServiceSpec.builder()
        .discovery(RegistryDiscovery.builder().registry("nacos").serviceName(service).build()).build()));
    try (ServiceDiscovery d = ServiceDiscovery.builder().providers(List.of(new NacosRegistryProvider()))
        .dataDirectory(dir.resolve("hango")).build()) {
      d.apply(config);
      assertThat(d.awaitInitialSync(Duration.ofSeconds(30))).isEmpty();
      assertThat(d.endpoints().get("app")).isEmpty();

      Instance i = new Instance();
      i.setIp("10.99.0.1");
      i.setPort(8080);
      i.setWeight(2.0);
      i.setMetadata(Map.of("zone", "z9"));
      app.registerInstance(service, i);
      Await.until(Duration.ofSeconds(30), "the instance", () -> d.endpoints().get("app").size() == 1, d::status);
      Endpoint e = d.endpoints().get("app").get(0);
      assertThat(e.address()).isEqualTo("10.99.0.1");
      assertThat(e.weight()).isEqualTo(200);
      assertThat(e.zone()).contains("z9");
      assertThat(d.status().get(0).connected()).isTrue();

      app.deregisterInstance(service, "10.99.0.1", 8080);
      Await.until(Duration.ofSeconds(30), "the instance gone", () -> d.endpoints().get("app").isEmpty(), d::status);
    } finally {
      app.shutDown();
    }
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}
