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
 * Passive health checking (Envoy outlier detection): endpoints that fail are ejected for a while.
 * At least one detection rule ({@code consecutive5xx}, {@code consecutiveGatewayErrors} or
 * {@code failurePercentage}) must be set.
 *
 * <p>YAML: {@code passive: {consecutive5xx: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutablePassiveHealthCheck.class)
@JsonDeserialize(as = ImmutablePassiveHealthCheck.class)
public interface PassiveHealthCheck {

  /** Eject after this many consecutive 5xx responses, at least 1. */
  Optional<Integer> consecutive5xx();

  /** Eject after this many consecutive 502/503/504 or connection failures, at least 1. */
  Optional<Integer> consecutiveGatewayErrors();

  /** Eject endpoints whose failure rate reaches a threshold. */
  Optional<FailurePercentage> failurePercentage();

  /** Time between ejection sweeps. Default: 10s (Envoy's). */
  Optional<Duration> interval();

  /** Base ejection time, multiplied by the number of ejections. Default: 30s (Envoy's). */
  Optional<Duration> baseEjectionTime();

  /** Maximum share of endpoints ejected at once, 0–100. Default: 10 (Envoy's). */
  Optional<Integer> maxEjectionPercent();

  /**
   * Below this share of healthy endpoints (0–100), the gateway ignores health and balances over all
   * endpoints (Envoy's panic threshold). Default: 50 (Envoy's).
   */
  Optional<Integer> minHealthPercent();

  /** Failure-percentage ejection. YAML: {@code failurePercentage: {threshold: 85, minimumHosts: 5, requestVolume: 50}} */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableFailurePercentage.class)
  @JsonDeserialize(as = ImmutableFailurePercentage.class)
  interface FailurePercentage {
    /** Failure percentage (0–100) at which an endpoint is ejected. Required. */
    int threshold();

    /** Minimum number of endpoints for the rule to apply. Default: 5. */
    @Value.Default
    default int minimumHosts() {
      return 5;
    }

    /** Minimum requests per interval for an endpoint to be judged. Default: 50. */
    @Value.Default
    default int requestVolume() {
      return 50;
    }

    static ImmutableFailurePercentage.Builder builder() {
      return ImmutableFailurePercentage.builder();
    }
  }

  static ImmutablePassiveHealthCheck.Builder builder() {
    return ImmutablePassiveHealthCheck.builder();
  }
}
