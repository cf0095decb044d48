package io.hango.bench.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import org.junit.jupiter.api.Test;

class RegistryBenchConfigTest {

  @Test
  void isAValidConfigWithOneServiceAndRoutePerDubboInterface() {
    ConfigLoad load = ConfigReader.readString("registry-bench.yaml",
        RegistryBenchConfig.yaml(new ProviderNames(20, 3), "127.0.0.1:2181"));

    assertThat(load.validate().problems()).isEmpty();
    GatewayConfig config = load.config();
    assertThat(config.gateways()).hasSize(1);
    assertThat(config.registries()).hasSize(1);
    assertThat(config.services()).hasSize(20);
    assertThat(config.routes()).hasSize(20);
  }
}
