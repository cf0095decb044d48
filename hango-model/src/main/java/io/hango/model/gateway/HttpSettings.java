package io.hango.model.gateway;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Downstream HTTP connection settings of a gateway. Every field is optional; an absent field keeps
 * Envoy's default, named on each accessor.
 *
 * <p>YAML: {@code http: {idleTimeout: 1h, requestTimeout: 30s, maxRequestHeadersKb: 96}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableHttpSettings.class)
@JsonDeserialize(as = ImmutableHttpSettings.class)
public interface HttpSettings {

  /** Idle timeout of a downstream connection. Envoy default: 1h. */
  Optional<Duration> idleTimeout();

  /** Time for the whole request to arrive. Envoy default: none. */
  Optional<Duration> requestTimeout();

  /** Time for the request headers to arrive. Envoy default: none. */
  Optional<Duration> requestHeadersTimeout();

  /** Idle timeout of a stream (request). Envoy default: 5m. */
  Optional<Duration> streamIdleTimeout();

  /** Maximum size of request headers in KiB, 1–8192. Envoy default: 60. */
  Optional<Integer> maxRequestHeadersKb();

  /** Maximum number of request headers, at least 1. Envoy default: 100. */
  Optional<Integer> maxHeadersCount();

  /** Whether the gateway adds {@code x-request-id} to requests. Default: Envoy's (generate). */
  Optional<Boolean> generateRequestId();

  /** The value of the {@code server} response header. Envoy default: {@code envoy}. */
  Optional<String> serverName();

  static ImmutableHttpSettings.Builder builder() {
    return ImmutableHttpSettings.builder();
  }
}
