package io.hango.model.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a listener speaks to clients. */
public enum ListenerProtocol {
  /** Plain HTTP/1.1 (and h2c prior knowledge is not enabled). */
  @JsonProperty("HTTP")
  HTTP,
  /** TLS with SNI-based certificates; HTTP/1.1 and HTTP/2 negotiated by ALPN. Requires {@code tls}. */
  @JsonProperty("HTTPS")
  HTTPS,
  /** Plain-text HTTP/2 (h2c), e.g. for gRPC clients. */
  @JsonProperty("HTTP2")
  HTTP2
}
