package io.hango.translate;

import static java.util.Objects.requireNonNull;

/**
 * Knobs of the {@link Translator}. Every knob has a default that suits an edge gateway:
 *
 * <ul>
 *   <li>{@link #emitOnlyUsedClusters()}: {@code true} — only clusters that a route (destination or
 *       mirror) or the tracing config uses are emitted, as Hango does, to keep Envoy's cluster
 *       count small. With {@code false}, every service and every subset gets a cluster.
 *   <li>{@link #proxylessGrpc()}: {@code true} — for every exact host name of every route
 *       configuration, an API listener named after the host is emitted, so grpc-java / grpc-go xDS
 *       clients can call {@code xds:///host}. Envoy proxies ignore API listeners received over LDS
 *       (with a warning in their log); publish with this off if that log line bothers you.
 *   <li>{@link #useRemoteAddress()}: {@code true} — the gateway is the edge: Envoy trusts the
 *       peer address as the client address (plus the trusted XFF hops of the gateway).
 * </ul>
 */
public final class TranslatorOptions {

  private static final TranslatorOptions DEFAULTS = builder().build();

  private final boolean emitOnlyUsedClusters;
  private final boolean proxylessGrpc;
  private final boolean useRemoteAddress;

  private TranslatorOptions(Builder b) {
    this.emitOnlyUsedClusters = b.emitOnlyUsedClusters;
    this.proxylessGrpc = b.proxylessGrpc;
    this.useRemoteAddress = b.useRemoteAddress;
  }

  /** The defaults (see the class comment). */
  public static TranslatorOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether only clusters used by a route or by tracing are emitted. Default: true. */
  public boolean emitOnlyUsedClusters() {
    return emitOnlyUsedClusters;
  }

  /** Whether API listeners for proxyless gRPC clients are emitted. Default: true. */
  public boolean proxylessGrpc() {
    return proxylessGrpc;
  }

  /** Whether the HCM uses the peer address as the client address. Default: true. */
  public boolean useRemoteAddress() {
    return useRemoteAddress;
  }

  /** A builder initialised with these options. */
  public Builder toBuilder() {
    return new Builder()
        .emitOnlyUsedClusters(emitOnlyUsedClusters)
        .proxylessGrpc(proxylessGrpc)
        .useRemoteAddress(useRemoteAddress);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TranslatorOptions t
        && t.emitOnlyUsedClusters == emitOnlyUsedClusters
        && t.proxylessGrpc == proxylessGrpc
        && t.useRemoteAddress == useRemoteAddress;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(emitOnlyUsedClusters, proxylessGrpc, useRemoteAddress);
  }

  @Override
  public String toString() {
    return "TranslatorOptions{emitOnlyUsedClusters=" + emitOnlyUsedClusters + ", proxylessGrpc=" + proxylessGrpc
        + ", useRemoteAddress=" + useRemoteAddress + "}";
  }

  /** Builds {@link TranslatorOptions}. */
  public static final class Builder {
    private boolean emitOnlyUsedClusters = true;
    private boolean proxylessGrpc = true;
    private boolean useRemoteAddress = true;

    private Builder() {}

    /** See {@link TranslatorOptions#emitOnlyUsedClusters()}. */
    public Builder emitOnlyUsedClusters(boolean value) {
      this.emitOnlyUsedClusters = value;
      return this;
    }

    /** See {@link TranslatorOptions#proxylessGrpc()}. */
    public Builder proxylessGrpc(boolean value) {
      this.proxylessGrpc = value;
      return this;
    }

    /** See {@link TranslatorOptions#useRemoteAddress()}. */
    public Builder useRemoteAddress(boolean value) {
      this.useRemoteAddress = value;
      return this;
    }

    public TranslatorOptions build() {
      return new TranslatorOptions(this);
    }
  }

  static TranslatorOptions checked(TranslatorOptions o) {
    return requireNonNull(o, "options");
  }
}
