package io.hango.model.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Health checking of a service's endpoints: active probes and passive outlier detection.
 *
 * <p>YAML: {@code healthCheck: {active: {...}, passive: {...}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableHealthCheck.class)
@JsonDeserialize(as = ImmutableHealthCheck.class)
public interface HealthCheck {

  /** Active probes. Default: none. */
  Optional<ActiveHealthCheck> active();

  /** Passive health checking (outlier detection). Default: none. */
  Optional<PassiveHealthCheck> passive();

  static ImmutableHealthCheck.Builder builder() {
    return ImmutableHealthCheck.builder();
  }
}
