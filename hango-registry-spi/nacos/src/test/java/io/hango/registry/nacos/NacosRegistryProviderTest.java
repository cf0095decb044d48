package io.hango.registry.nacos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryProvider;
import io.hango.registry.RegistryValidator;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class NacosRegistryProviderTest {

  private final NacosRegistryProvider provider = new NacosRegistryProvider();

  @Test
  void isFoundByTheServiceLoaderAsNacos() {
    assertThat(ServiceLoader.load(RegistryProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> assertThat(p).isInstanceOf(NacosRegistryProvider.class));
    assertThat(provider.type()).isEqualTo("nacos");
    assertThat(RegistryValidator.create().knownTypes()).contains("nacos");
  }

  @Test
  void aValidRegistryHasNoProblems() {
    Registry r = Registry.of("n", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").namespace("dev")
        .group("G").username("u").password("p").build());
    assertThat(provider.validate(r)).isEmpty();
  }

  @Test
  void credentialsGoTogetherAndNamesAreNotBlank() {
    Registry userOnly = Registry.of("n", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").username("u").build());
    Registry passwordOnly = Registry.of("n", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").password("p").build());
    Registry blank = Registry.of("n", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").namespace(" ").group("").build());
    assertThat(provider.validate(userOnly)).extracting(Problem::path, Problem::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.password", "a nacos username needs a password"));
    assertThat(provider.validate(passwordOnly)).extracting(Problem::path).containsExactly("spec.username");
    assertThat(provider.validate(blank)).extracting(Problem::path).containsExactly("spec.namespace", "spec.group");
    assertThat(RegistryValidator.of(java.util.List.of(provider)).validate(GatewayConfig.of(userOnly)))
        .extracting(Problem::resource).containsExactly(userOnly.ref());
  }

  @Test
  void refusesARegistryOfAnotherType() {
    Registry r = Registry.of("s", RegistrySpec.Static.builder().build());
    RegistryContext context = new RegistryContext() {
      @Override
      public Registry registry() {
        return r;
      }

      @Override
      public Path dataDirectory() {
        return Path.of("target");
      }

      @Override
      public ScheduledExecutorService scheduler() {
        throw new UnsupportedOperationException();
      }
    };
    assertThatThrownBy(() -> provider.create(context)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not nacos");
  }
}
