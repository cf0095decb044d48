package io.hango.model.gateway;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One port of a gateway.
 *
 * <p>YAML: {@code {name: https, port: 8443, protocol: HTTPS, hosts: ["secure.example.com"], tls: {certificate: secure-cert}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableListener.class)
@JsonDeserialize(as = ImmutableListener.class)
public interface Listener {

  /** Listener name, unique within the gateway. Required. */
  String name();

  /** Port, 1–65535, unique within the gateway. Required. */
  int port();

  /** Bind address. Default: {@code 0.0.0.0}. */
  @Value.Default
  default String address() {
    return "0.0.0.0";
  }

  /** Protocol. Default: {@link ListenerProtocol#HTTP}. */
  @Value.Default
  default ListenerProtocol protocol() {
    return ListenerProtocol.HTTP;
  }

  /**
   * Host names served on this listener: exact ({@code api.example.com}) or leading wildcard
   * ({@code *.shop.example.com}); {@code *} means any host. Default: {@code ["*"]}.
   */
  List<String> hosts();

  /** TLS settings; required for HTTPS, not allowed otherwise. */
  Optional<ListenerTls> tls();

  static ImmutableListener.Builder builder() {
    return ImmutableListener.builder();
  }
}
