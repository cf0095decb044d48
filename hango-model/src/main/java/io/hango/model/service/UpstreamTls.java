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
 * TLS from the gateway to a service's endpoints.
 *
 * <p>YAML: {@code tls: {mode: mutual, sni: orders.internal, caCertificate: internal-ca, clientCertificate: gw-client}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableUpstreamTls.class)
@JsonDeserialize(as = ImmutableUpstreamTls.class)
public interface UpstreamTls {

  /** TLS mode. Default: {@link Mode#SIMPLE}. */
  @Value.Default
  default Mode mode() {
    return Mode.SIMPLE;
  }

  /** SNI sent to the endpoints. Default: none. */
  Optional<String> sni();

  /** Name of a {@code Secret} with the CA bundle that verifies the endpoints. Default: no verification. */
  Optional<String> caCertificate();

  /** Name of a {@code Secret} with the client certificate and key; required for {@link Mode#MUTUAL}. */
  Optional<String> clientCertificate();

  /** Subject alternative names accepted from the endpoints. Default: any (when a CA is set). */
  List<String> subjectAltNames();

  /** ALPN protocols offered. Default: none, or {@code h2} for HTTP/2 services. */
  List<String> alpn();

  /** Upstream TLS modes. */
  enum Mode {
    /** TLS, server authentication only. */
    @JsonProperty("simple") SIMPLE,
    /** TLS with a client certificate. */
    @JsonProperty("mutual") MUTUAL
  }

  static ImmutableUpstreamTls.Builder builder() {
    return ImmutableUpstreamTls.builder();
  }
}
