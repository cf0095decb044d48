package io.hango.translate.internal.plugins;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The config of {@code cors} ({@link CorsPlugin}): at least one origin, exact or regex.
 *
 * <p>YAML: {@code {allowOrigins: ["https://shop.example.com"], allowMethods: [GET, POST], maxAge: 1h, allowCredentials: true}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableCorsConfig.class)
@JsonDeserialize(as = ImmutableCorsConfig.class)
public interface CorsConfig {

  /** Exact origins; {@code "*"} allows any. */
  List<String> allowOrigins();

  /** RE2 regular expressions matching the whole origin. */
  List<String> allowOriginRegex();

  /** Allowed methods. */
  List<String> allowMethods();

  /** Allowed request headers. */
  List<String> allowHeaders();

  /** Response headers exposed to the page. */
  List<String> exposeHeaders();

  /** How long a preflight answer may be cached (whole seconds), longer than 0s. */
  Optional<Duration> maxAge();

  /** Whether credentials are allowed. Default: Envoy's (not allowed). */
  Optional<Boolean> allowCredentials();
}
