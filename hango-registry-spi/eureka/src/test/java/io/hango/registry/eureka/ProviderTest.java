package io.hango.registry.eureka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.registry.Registry;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryValidator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The provider as the runtime finds and uses it. */
class ProviderTest {

  @Test
  void foundWithServiceLoaderAsTypeEureka() {
    assertThat(RegistryValidator.create().knownTypes()).contains("eureka");
    assertThat(new EurekaRegistryProvider().type()).isEqualTo("eureka");
  }

  @Test
  void reportsServiceUrlsTheModelAcceptsButNoClientCanUse() {
    Registry r = TestContext.eureka("eu", Duration.ofSeconds(30),
        "http://eureka:8761/eureka", "http://eureka:port/eureka", "not a url");
    assertThat(new EurekaRegistryProvider().validate(r)).extracting(Problem::path, Problem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("spec.serviceUrls[1]",
            "'http://eureka:port/eureka' is not an absolute http(s) URL with a host and a numeric port"));
  }
}
