package io.hango.registry.eureka;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.registry.RegistryContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link RegistryContext} for a client used without the runtime. */
record TestContext(Registry registry, Path dataDirectory, ScheduledExecutorService scheduler) implements RegistryContext {

  /** A eureka registry document named {@code name} with these service URLs and refresh interval. */
  static Registry eureka(String name, Duration refresh, String... serviceUrls) {
    return Registry.of(name, RegistrySpec.Eureka.builder().serviceUrls(List.of(serviceUrls)).refreshInterval(refresh).build());
  }
}
