package io.hango.translate.internal.plugins;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The config of {@code fault} ({@link FaultPlugin}): at least one of abort and delay.
 *
 * <p>YAML: {@code {abort: {percent: 10, status: 503}, delay: {percent: 5, fixed: 2s}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableFaultConfig.class)
@JsonDeserialize(as = ImmutableFaultConfig.class)
public interface FaultConfig {

  /** Answer some requests with an error instead of forwarding them. */
  Optional<Abort> abort();

  /** Delay some requests. */
  Optional<Delay> delay();

  /** An injected error: exactly one of {@code status} and {@code grpcStatus}. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableAbort.class)
  @JsonDeserialize(as = ImmutableAbort.class)
  interface Abort {
    /** The share of requests, 0–100 (fractions allowed). Required. */
    double percent();

    /** The HTTP status, 200–599. */
    Optional<Integer> status();

    /** The gRPC status, 1–16. */
    Optional<Integer> grpcStatus();
  }

  /** An injected delay. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableDelay.class)
  @JsonDeserialize(as = ImmutableDelay.class)
  interface Delay {
    /** The share of requests, 0–100 (fractions allowed). Required. */
    double percent();

    /** The delay, longer than 0s. Required. */
    Duration fixed();
  }
}
