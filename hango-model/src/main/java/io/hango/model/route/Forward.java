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
 * Forward matched requests to one or more upstream services.
 *
 * <pre>{@code
 * forward:
 *   destinations: [{service: orders, subset: v1, weight: 90}, {service: orders, subset: v2, weight: 10}]
 *   timeout: 3s
 *   retry: {attempts: 3, perTryTimeout: 1s, retryOn: [connect-failure, 5xx]}
 *   mirror: {service: orders-shadow, percent: 5}
 *   rewrite: {prefix: /api/orders}
 *   requestHeaders: {set: {x-gw: hango}, remove: [x-internal]}
 * }</pre>
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableForward.class)
@JsonDeserialize(as = ImmutableForward.class)
public non-sealed interface Forward extends RouteAction {

  /** Where requests go; with several, traffic is split by weight. At least one. */
  List<Destination> destinations();

  /** Upstream timeout of the whole request, {@code 0s} for none. Default: 15s (Envoy's). */
  Optional<Duration> timeout();

  /** Idle timeout of the request's stream. Default: the gateway's stream idle timeout. */
  Optional<Duration> idleTimeout();

  /** Retries. Default: none. */
  Optional<Retry> retry();

  /** Copy a share of the requests to another service (responses are discarded). Default: none. */
  Optional<Mirror> mirror();

  /** Path and host rewrites before forwarding. Default: none. */
  Optional<Rewrite> rewrite();

  /** Header changes on the request sent upstream. */
  Optional<HeaderOperations> requestHeaders();

  /** Header changes on the response sent to the client. */
  Optional<HeaderOperations> responseHeaders();

  /**
   * What consistent hashing hashes on, for destinations whose load balancer is
   * {@code consistentHash}. Default: the {@code hashOn} of the destination service's load balancer.
   */
  Optional<io.hango.model.service.HashOn> hashOn();

  static ImmutableForward.Builder builder() {
    return ImmutableForward.builder();
  }

  static Forward to(String service) {
    return builder().addDestination(Destination.of(service)).build();
  }
}
