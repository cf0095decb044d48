package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.hango.envoy.validate.EnvoyValidator;
import io.hango.envoy.validate.Violation;
import io.hango.model.GatewayConfig;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvoyBootstrapTest {

  private static EnvoyResources resources;
  private static final EnvoyValidator VALIDATOR = EnvoyValidator.create();

  @BeforeAll
  static void translateExamples() {
    Path examples = Path.of("..", "examples");
    assertThat(Files.isDirectory(examples)).as("examples/ beside the module").isTrue();
    ConfigLoad load = ConfigReader.read(examples);
    assertThat(load.validate().isValid()).as(load.validate().toString()).isTrue();
    GatewayConfig config = load.config();
    Translation t = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config));
    assertThat(t.hasErrors()).as(t.diagnostics().toString()).isFalse();
    resources = t.resources();
  }

  @Test
  void staticBootstrapHoldsEverythingAndPassesEnvoyRules() {
    Bootstrap b = EnvoyBootstrap.staticResources(resources, "gw-1", "edge", 9901);

    List<Violation> violations = VALIDATOR.validate(b);
    assertThat(violations).isEmpty();
    long gatewayListeners = resources.listeners().stream().filter(l -> !l.hasApiListener()).count();
    assertThat(b.getStaticResources().getListenersList()).hasSize((int) gatewayListeners);
    assertThat(b.getStaticResources().getClustersList()).hasSameSizeAs(resources.clusters());
    assertThat(b.getStaticResources().getClustersList())
        .allSatisfy(c -> assertThat(c.getType()).isNotEqualTo(Cluster.DiscoveryType.EDS));
    assertThat(b.getStaticResources().getSecretsList()).hasSameSizeAs(resources.secrets());
    assertThat(b.hasDynamicResources()).isFalse();

    String yaml = EnvoyBootstrap.toYaml(b, resources);
    // Nothing may still point at a management server: no RDS, EDS or SDS config sources.
    assertThat(yaml).doesNotContain("rds:").doesNotContain("eds_cluster_config").doesNotContain("ads:");
    assertThat(yaml).contains("route_config:").contains("load_assignment:").contains("admin:");
  }

  @Test
  void adsBootstrapPointsAtTheXdsServer() throws Exception {
    Bootstrap sotw = EnvoyBootstrap.ads("127.0.0.1", 18000, "gw-1", "edge", false, 9901);
    Bootstrap delta = EnvoyBootstrap.ads("xds.internal", 18000, "gw-1", "edge", true, 0);

    assertThat(VALIDATOR.validate(sotw)).isEmpty();
    assertThat(VALIDATOR.validate(delta)).isEmpty();
    assertThat(sotw.getDynamicResources().getAdsConfig().getApiType()).isEqualTo(ApiConfigSource.ApiType.GRPC);
    assertThat(delta.getDynamicResources().getAdsConfig().getApiType()).isEqualTo(ApiConfigSource.ApiType.DELTA_GRPC);
    Cluster xds = sotw.getStaticResources().getClusters(0);
    assertThat(xds.getName()).isEqualTo(EnvoyBootstrap.XDS_CLUSTER);
    assertThat(xds.getType()).isEqualTo(Cluster.DiscoveryType.STATIC);
    assertThat(delta.getStaticResources().getClusters(0).getType()).isEqualTo(Cluster.DiscoveryType.STRICT_DNS);
    assertThat(xds.getTypedExtensionProtocolOptionsMap()).containsKey("envoy.extensions.upstreams.http.v3.HttpProtocolOptions");
    assertThat(delta.hasAdmin()).isFalse();

    String json = EnvoyBootstrap.toJson(sotw, EnvoyResources.empty());
    Bootstrap.Builder parsed = Bootstrap.newBuilder();
    JsonFormat.parser()
        .usingTypeRegistry(
            JsonFormat.TypeRegistry.newBuilder()
                .add(io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions.getDescriptor())
                .build())
        .merge(json, parsed);
    assertThat(parsed.build()).isEqualTo(sotw);
  }
}
