package io.hango.model.gateway;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The body of a {@link Gateway}.
 *
 * <pre>{@code
 * spec:
 *   listeners:
 *     - {name: http, port: 8080, protocol: HTTP, hosts: ["api.example.com"]}
 *   clientIp: {xffTrustedHops: 1}
 *   accessLog: {path: /dev/stdout, format: json}
 *   http: {idleTimeout: 1h, requestTimeout: 30s}
 * }</pre>
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableGatewaySpec.class)
@JsonDeserialize(as = ImmutableGatewaySpec.class)
public interface GatewaySpec {

  /** The listeners (ports); at least one, names and ports unique within the gateway. */
  List<Listener> listeners();

  /** How the client's IP address is determined. Default: the peer address, no trusted XFF hops. */
  Optional<ClientIp> clientIp();

  /** Access log. Default: none. */
  Optional<AccessLog> accessLog();

  /** Distributed tracing. Default: none. */
  Optional<Tracing> tracing();

  /** HTTP connection settings. Default: Envoy's defaults (see {@link HttpSettings}). */
  Optional<HttpSettings> http();

  static ImmutableGatewaySpec.Builder builder() {
    return ImmutableGatewaySpec.builder();
  }
}
