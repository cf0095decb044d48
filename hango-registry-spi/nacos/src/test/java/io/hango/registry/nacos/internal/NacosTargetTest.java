package io.hango.registry.nacos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.registry.RegistrySpec;
import io.hango.registry.ServiceRef;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NacosTargetTest {

  private static final RegistrySpec.Nacos PLAIN = RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").build();
  private static final RegistrySpec.Nacos WITH_DEFAULTS = RegistrySpec.Nacos.builder()
      .serverAddr("127.0.0.1:8848").namespace("prod").group("SHOP").build();

  private static ServiceRef ref(String name, String group, String namespace, String cluster) {
    return new ServiceRef(name, Optional.ofNullable(group), Optional.ofNullable(namespace), Optional.empty(),
        Optional.ofNullable(cluster), OptionalInt.empty(), Optional.empty());
  }

  @Test
  void nacosDefaultsWhenNothingIsSaid() {
    assertThat(NacosTarget.of(ServiceRef.of("orders"), PLAIN))
        .isEqualTo(new NacosTarget("public", "DEFAULT_GROUP", "orders", List.of()));
  }

  @Test
  void theRegistryGivesTheDefaultNamespaceAndGroup() {
    assertThat(NacosTarget.of(ServiceRef.of("orders"), WITH_DEFAULTS))
        .isEqualTo(new NacosTarget("prod", "SHOP", "orders", List.of()));
  }

  @Test
  void theServiceOverridesTheRegistry() {
    assertThat(NacosTarget.of(ref("orders", "G1", "dev", null), WITH_DEFAULTS))
        .isEqualTo(new NacosTarget("dev", "G1", "orders", List.of()));
  }

  @Test
  void clustersAreCommaSeparatedTrimmedAndSorted() {
    assertThat(NacosTarget.of(ref("orders", null, null, " c2, c1 ,,c2"), PLAIN).clusters()).containsExactly("c1", "c2");
    assertThat(NacosTarget.of(ref("orders", null, null, " , "), PLAIN).clusters()).isEmpty();
    assertThat(NacosTarget.of(ref("orders", null, null, "c1"), PLAIN)).hasToString("public/DEFAULT_GROUP/orders [c1]");
  }
}
