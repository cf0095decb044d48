package io.hango.model.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * TLS termination on an HTTPS listener.
 *
 * <p>YAML: {@code tls: {certificate: secure-cert, minVersion: "1.2", clientCa: client-ca}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableListenerTls.class)
@JsonDeserialize(as = ImmutableListenerTls.class)
public interface ListenerTls {

  /** Name of the {@code Secret} holding the certificate chain and private key. Required. */
  String certificate();

  /** Minimum TLS version. Default: {@code 1.2}. */
  @Value.Default
  default TlsVersion minVersion() {
    return TlsVersion.TLS_1_2;
  }

  /** Name of a {@code Secret} with a CA bundle; when set, clients must present a certificate it signed (mutual TLS). */
  Optional<String> clientCa();

  /** ALPN protocols offered. Default: {@code [h2, http/1.1]}. */
  List<String> alpn();

  /** TLS protocol versions. */
  enum TlsVersion {
    @JsonProperty("1.0") TLS_1_0,
    @JsonProperty("1.1") TLS_1_1,
    @JsonProperty("1.2") TLS_1_2,
    @JsonProperty("1.3") TLS_1_3
  }

  static ImmutableListenerTls.Builder builder() {
    return ImmutableListenerTls.builder();
  }
}
