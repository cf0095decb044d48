package io.hango.model.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the gateway speaks to a service's endpoints. */
public enum ServiceProtocol {
  /** HTTP/1.1. */
  @JsonProperty("http") HTTP,
  /** HTTP/2 (h2c, or h2 with upstream TLS). */
  @JsonProperty("http2") HTTP2,
  /** gRPC: HTTP/2. */
  @JsonProperty("grpc") GRPC,
  /** Raw TCP (no HTTP routing features). */
  @JsonProperty("tcp") TCP,
  /** Dubbo over HTTP (translated as HTTP/1.1 through a protocol-converting sidecar). */
  @JsonProperty("dubbo") DUBBO;

  /** Whether the gateway talks HTTP/2 to the endpoints. */
  public boolean usesHttp2() {
    return this == HTTP2 || this == GRPC;
  }
}
