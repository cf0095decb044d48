package io.hango.model.route;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Retry policy of a forward.
 *
 * <p>YAML: {@code retry: {attempts: 3, perTryTimeout: 1s, retryOn: [connect-failure, 5xx], backoff: {base: 25ms, max: 250ms}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRetry.class)
@JsonDeserialize(as = ImmutableRetry.class)
public interface Retry {

  /** Retries after the first attempt, 0–100. Default: 1. */
  @Value.Default
  default int attempts() {
    return 1;
  }

  /** Timeout of each attempt. Default: the route timeout. */
  Optional<Duration> perTryTimeout();

  /**
   * Conditions that trigger a retry, Envoy's {@code retry_on} names: {@code 5xx},
   * {@code gateway-error}, {@code reset}, {@code connect-failure}, {@code retriable-4xx},
   * {@code refused-stream}, {@code retriable-status-codes}, {@code retriable-headers},
   * {@code envoy-ratelimited}, {@code http3-post-connect-failure}, and the gRPC ones
   * {@code cancelled}, {@code deadline-exceeded}, {@code internal}, {@code resource-exhausted},
   * {@code unavailable}. Default: {@code [connect-failure, refused-stream, reset, 5xx]}.
   */
  List<String> retryOn();

  /** Status codes retried when {@code retryOn} contains {@code retriable-status-codes}. */
  List<Integer> retriableStatusCodes();

  /** Back-off between attempts. Default: Envoy's (25ms base, 10x max). */
  Optional<Backoff> backoff();

  /** Exponential back-off with jitter. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableBackoff.class)
  @JsonDeserialize(as = ImmutableBackoff.class)
  interface Backoff {
    /** First interval. Required. */
    Duration base();

    /** Largest interval. Default: 10 x base. */
    Optional<Duration> max();

    static ImmutableBackoff.Builder builder() {
      return ImmutableBackoff.builder();
    }
  }

  static ImmutableRetry.Builder builder() {
    return ImmutableRetry.builder();
  }
}
