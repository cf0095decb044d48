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
 * How the gateway talks to a service's endpoints.
 *
 * <pre>{@code
 * trafficPolicy:
 *   loadBalancer: {type: consistentHash, hashOn: {header: x-user-id}}
 *   connectionPool: {tcp: {maxConnections: 1000, connectTimeout: 2s}, http: {maxRequests: 1024}}
 *   healthCheck: {active: {...}, passive: {...}}
 *   tls: {mode: simple, sni: orders.internal}
 * }</pre>
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableTrafficPolicy.class)
@JsonDeserialize(as = ImmutableTrafficPolicy.class)
public interface TrafficPolicy {

  /** Load balancing. Default: round robin. */
  Optional<LoadBalancer> loadBalancer();

  /** Connection pool limits (Envoy circuit breakers) and connection settings. Default: Envoy's. */
  Optional<ConnectionPool> connectionPool();

  /** Active and passive health checks. Default: none. */
  Optional<HealthCheck> healthCheck();

  /** TLS to the endpoints. Default: plain text. */
  Optional<UpstreamTls> tls();

  static ImmutableTrafficPolicy.Builder builder() {
    return ImmutableTrafficPolicy.builder();
  }
}
