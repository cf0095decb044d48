package io.hango.registry.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The provider: its registration and the checks it adds to the model's. */
class KubernetesRegistryProviderTest {

  private final KubernetesRegistryProvider provider = new KubernetesRegistryProvider();

  @Test
  void isFoundWithTheServiceLoader() {
    assertThat(RegistryValidator.create().knownTypes()).contains("kubernetes");
    assertThat(provider.type()).isEqualTo("kubernetes");
  }

  @Test
  void acceptsTypicalSettings() {
    assertThat(provider.validate(Registry.of("cluster", RegistrySpec.Kubernetes.builder()
        .apiServer("https://10.0.0.1:6443").namespaces(List.of("shop", "pay")).build()))).isEmpty();
    assertThat(provider.validate(Registry.of("cluster", RegistrySpec.Kubernetes.builder().build()))).isEmpty();
  }

  @Test
  void refusesCredentialsInTheApiServerUrlWithoutRepeatingThem() {
    List<Problem> problems = provider.validate(Registry.of("cluster", RegistrySpec.Kubernetes.builder()
        .apiServer("https://admin:hunter2@10.0.0.1:6443").build()));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("spec.apiServer");
      assertThat(p.message()).isEqualTo("credentials in the URL are not allowed: put them in a kubeconfig (spec.kubeconfig)");
    });
  }

  @Test
  void refusesANamespaceListedTwice() {
    List<Problem> problems = provider.validate(Registry.of("cluster", RegistrySpec.Kubernetes.builder()
        .namespaces(List.of("shop", "pay", "shop")).build()));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.path()).isEqualTo("spec.namespaces[2]");
      assertThat(p.message()).isEqualTo("namespace 'shop' is listed twice");
    });
  }

  @Test
  void refusesOtherRegistryTypes() {
    Registry eureka = Registry.of("e", RegistrySpec.Eureka.builder().addServiceUrls("http://127.0.0.1:8761/eureka").build());
    assertThat(provider.validate(eureka)).singleElement().extracting(Problem::path).isEqualTo("spec.type");
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      assertThatThrownBy(() -> provider.create(new TestContext(eureka, Path.of("unused"), scheduler)))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
