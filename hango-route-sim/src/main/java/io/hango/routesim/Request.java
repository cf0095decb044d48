package io.hango.routesim;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Struct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request to route: what Envoy's router sees after the HTTP connection manager has decoded it.
 *
 * <p>Immutable; build one with {@link #builder()} or start from {@link #get(String, String)} and
 * refine it with the {@code with}-style methods, each returning a copy:
 *
 * <pre>{@code
 * Request r = Request.get("api.example.com", "/orders/7?verbose=1")
 *     .header("x-beta", "true")
 *     .tls(true)
 *     .randomValue(42);
 * }</pre>
 *
 * <p>{@code :scheme} and {@code x-forwarded-proto} follow {@link #tls()} ({@code https} or
 * {@code http}) unless set explicitly; {@link #internal()} adds {@code x-envoy-internal: true}.
 */
public final class Request {
  private final String method;
  private final String authority;
  private final String path;
  private final String scheme;
  private final boolean tls;
  private final boolean internal;
  private final Headers headers;
  private final long randomValue;
  private final String remoteAddress;
  private final String localAddress;
  private final boolean peerCertificatePresented;
  private final boolean peerCertificateValidated;
  private final Map<String, Struct> dynamicMetadata;
  private final Headers upstreamResponseHeaders;
  private final String routeConfigurationName;

  private Request(Builder b) {
    this.method = b.method;
    this.authority = b.authority;
    this.path = b.path;
    this.tls = b.tls;
    this.scheme = b.scheme != null ? b.scheme : (b.tls ? "https" : "http");
    this.internal = b.internal;
    this.headers = b.headers;
    this.randomValue = b.randomValue;
    this.remoteAddress = b.remoteAddress;
    this.localAddress = b.localAddress;
    this.peerCertificatePresented = b.peerCertificatePresented;
    this.peerCertificateValidated = b.peerCertificateValidated;
    this.dynamicMetadata = Map.copyOf(b.dynamicMetadata);
    this.upstreamResponseHeaders = b.upstreamResponseHeaders;
    this.routeConfigurationName = b.routeConfigurationName;
  }

  /** A new builder: method GET, path {@code /}, plain HTTP, random value 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** A GET request for {@code authority} and {@code path} (path may carry a query). */
  public static Request get(String authority, String path) {
    return builder().authority(authority).path(path).build();
  }

  /** A request with the given method, authority and path. */
  public static Request of(String method, String authority, String path) {
    return builder().method(method).authority(authority).path(path).build();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.method = method;
    b.authority = authority;
    b.path = path;
    b.scheme = scheme;
    b.tls = tls;
    b.internal = internal;
    b.headers = headers;
    b.randomValue = randomValue;
    b.remoteAddress = remoteAddress;
    b.localAddress = localAddress;
    b.peerCertificatePresented = peerCertificatePresented;
    b.peerCertificateValidated = peerCertificateValidated;
    b.dynamicMetadata.putAll(dynamicMetadata);
    b.upstreamResponseHeaders = upstreamResponseHeaders;
    b.routeConfigurationName = routeConfigurationName;
    return b;
  }

  /** A copy with one more request header value. */
  public Request header(String name, String value) {
    return toBuilder().header(name, value).build();
  }

  /** A copy with the given random value (runtime fractions, weighted clusters). */
  public Request randomValue(long value) {
    return toBuilder().randomValue(value).build();
  }

  /** A copy received over TLS (or not): sets {@code :scheme} and {@code x-forwarded-proto}. */
  public Request tls(boolean value) {
    Builder b = toBuilder().tls(value);
    b.scheme = null;
    return b.build();
  }

  /** A copy with {@code x-envoy-internal: true} (or without it). */
  public Request internal(boolean value) {
    return toBuilder().internal(value).build();
  }

  /** A copy with another method. */
  public Request method(String value) {
    return toBuilder().method(value).build();
  }

  public String method() {
    return method;
  }

  public String authority() {
    return authority;
  }

  /** The {@code :path} header: path and query. */
  public String path() {
    return path;
  }

  /** The {@code :scheme} header. */
  public String scheme() {
    return scheme;
  }

  /** Whether the downstream connection is TLS. */
  public boolean tls() {
    return tls;
  }

  /** Whether the request carries {@code x-envoy-internal: true}. */
  public boolean internal() {
    return internal;
  }

  /** The headers besides the pseudo-headers, as given. */
  public Headers headers() {
    return headers;
  }

  /** The random value Envoy would draw for this request. */
  public long randomValue() {
    return randomValue;
  }

  /** The downstream peer address, {@code ip:port}. */
  public String remoteAddress() {
    return remoteAddress;
  }

  /** The address the request arrived on, {@code ip:port}. */
  public String localAddress() {
    return localAddress;
  }

  /** Whether the TLS peer presented a certificate (only meaningful with {@link #tls()}). */
  public boolean peerCertificatePresented() {
    return peerCertificatePresented;
  }

  /** Whether the TLS peer certificate was validated (only meaningful with {@link #tls()}). */
  public boolean peerCertificateValidated() {
    return peerCertificateValidated;
  }

  /** Dynamic metadata set by earlier filters, per namespace. */
  public Map<String, Struct> dynamicMetadata() {
    return dynamicMetadata;
  }

  /** Response headers from the upstream, to which route response-header mutations apply. */
  public Headers upstreamResponseHeaders() {
    return upstreamResponseHeaders;
  }

  /** The route configuration to use when the simulator holds several. */
  public Optional<String> routeConfigurationName() {
    return Optional.ofNullable(routeConfigurationName);
  }

  /**
   * All request headers as Envoy's router sees them: {@code :authority}, {@code :path},
   * {@code :method}, {@code :scheme}, {@code x-forwarded-proto}, {@code x-envoy-internal} and then
   * the other headers.
   */
  public Headers allHeaders() {
    Headers h = Headers.empty().with(":authority", authority).with(":path", path)
        .with(":method", method).with(":scheme", scheme);
    if (!headers.contains("x-forwarded-proto")) {
      h = h.with("x-forwarded-proto", tls ? "https" : "http");
    }
    if (internal && !headers.contains("x-envoy-internal")) {
      h = h.with("x-envoy-internal", "true");
    }
    for (Map.Entry<String, String> e : headers.entries()) {
      h = h.with(e.getKey(), e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return method + " " + scheme + "://" + authority + path + (headers.isEmpty() ? "" : " " + headers);
  }

  /** Builder of {@link Request}; every setter returns this builder. */
  public static final class Builder {
    private String method = "GET";
    private String authority = "";
    private String path = "/";
    private String scheme;
    private boolean tls;
    private boolean internal;
    private Headers headers = Headers.empty();
    private long randomValue;
    private String remoteAddress = "127.0.0.1:0";
    private String localAddress = "127.0.0.1:0";
    private boolean peerCertificatePresented;
    private boolean peerCertificateValidated;
    private final Map<String, Struct> dynamicMetadata = new LinkedHashMap<>();
    private Headers upstreamResponseHeaders = Headers.empty();
    private String routeConfigurationName;

    private Builder() {}

    public Builder method(String method) {
      this.method = requireNonNull(method, "method");
      return this;
    }

    /** The {@code :authority} (host, optionally with {@code :port}). */
    public Builder authority(String authority) {
      this.authority = requireNonNull(authority, "authority");
      return this;
    }

    /** The {@code :path}: path and optional query; empty for a CONNECT request. */
    public Builder path(String path) {
      this.path = requireNonNull(path, "path");
      return this;
    }

    /** The {@code :scheme}; by default {@code https} with TLS, else {@code http}. */
    public Builder scheme(String scheme) {
      this.scheme = requireNonNull(scheme, "scheme");
      return this;
    }

    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    public Builder internal(boolean internal) {
      this.internal = internal;
      return this;
    }

    /** Adds one header value; names are case-insensitive and may repeat. */
    public Builder header(String name, String value) {
      this.headers = headers.with(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    public Builder headers(Headers headers) {
      this.headers = requireNonNull(headers, "headers");
      return this;
    }

    public Builder randomValue(long randomValue) {
      this.randomValue = randomValue;
      return this;
    }

    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress");
      return this;
    }

    public Builder localAddress(String localAddress) {
      this.localAddress = requireNonNull(localAddress, "localAddress");
      return this;
    }

    public Builder peerCertificatePresented(boolean presented) {
      this.peerCertificatePresented = presented;
      return this;
    }

    public Builder peerCertificateValidated(boolean validated) {
      this.peerCertificateValidated = validated;
      return this;
    }

    /** Sets the dynamic metadata of one namespace (replacing what was there). */
    public Builder dynamicMetadata(String namespace, Struct value) {
      dynamicMetadata.put(requireNonNull(namespace, "namespace"), requireNonNull(value, "value"));
      return this;
    }

    public Builder upstreamResponseHeaders(Headers headers) {
      this.upstreamResponseHeaders = requireNonNull(headers, "headers");
      return this;
    }

    public Builder routeConfigurationName(String name) {
      this.routeConfigurationName = requireNonNull(name, "name");
      return this;
    }

    public Request build() {
      return new Request(this);
    }
  }
}
