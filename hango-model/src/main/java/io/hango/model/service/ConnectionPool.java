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
 * Connection pool limits and connection settings towards a service. Limits become Envoy circuit
 * breaker thresholds; an absent field keeps Envoy's default (1024 for each limit).
 *
 * <p>YAML: {@code connectionPool: {tcp: {maxConnections: 1000, connectTimeout: 2s, keepalive: {time: 60s}}, http: {maxPendingRequests: 256, maxRequests: 1024, maxRequestsPerConnection: 100, idleTimeout: 60s}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableConnectionPool.class)
@JsonDeserialize(as = ImmutableConnectionPool.class)
public interface ConnectionPool {

  /** TCP-level settings. */
  Optional<Tcp> tcp();

  /** HTTP-level settings. */
  Optional<Http> http();

  /** TCP settings. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableTcp.class)
  @JsonDeserialize(as = ImmutableTcp.class)
  interface Tcp {
    /** Maximum connections to all endpoints of the service, at least 1. Envoy default: 1024. */
    Optional<Integer> maxConnections();

    /** Connect timeout. Default: 5s (Envoy's). */
    Optional<Duration> connectTimeout();

    /** TCP keepalive probes. Default: the OS's. */
    Optional<Keepalive> keepalive();

    static ImmutableTcp.Builder builder() {
      return ImmutableTcp.builder();
    }
  }

  /** TCP keepalive. YAML: {@code keepalive: {time: 60s, interval: 10s, probes: 3}} */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableKeepalive.class)
  @JsonDeserialize(as = ImmutableKeepalive.class)
  interface Keepalive {
    /** Idle time before the first probe (whole seconds). Default: the OS's. */
    Optional<Duration> time();

    /** Time between probes (whole seconds). Default: the OS's. */
    Optional<Duration> interval();

    /** Unanswered probes before the connection is dropped. Default: the OS's. */
    Optional<Integer> probes();

    static ImmutableKeepalive.Builder builder() {
      return ImmutableKeepalive.builder();
    }
  }

  /** HTTP settings. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableHttp.class)
  @JsonDeserialize(as = ImmutableHttp.class)
  interface Http {
    /** Maximum requests waiting for a connection, at least 1. Envoy default: 1024. */
    Optional<Integer> maxPendingRequests();

    /** Maximum concurrent requests, at least 1. Envoy default: 1024. */
    Optional<Integer> maxRequests();

    /** Maximum requests per connection, at least 1. Default: unlimited. */
    Optional<Integer> maxRequestsPerConnection();

    /** Maximum concurrent retries, at least 0. Envoy default: 3. */
    Optional<Integer> maxRetries();

    /** Idle timeout of an upstream connection. Envoy default: 1h. */
    Optional<Duration> idleTimeout();

    static ImmutableHttp.Builder builder() {
      return ImmutableHttp.builder();
    }
  }

  static ImmutableConnectionPool.Builder builder() {
    return ImmutableConnectionPool.builder();
  }
}
