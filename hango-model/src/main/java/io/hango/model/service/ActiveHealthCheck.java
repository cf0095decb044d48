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
 * Active health checking: the gateway probes each endpoint. Exactly one of {@code http},
 * {@code tcp} and {@code grpc}; {@link #probe()} gives it as one typed value.
 *
 * <p>YAML: {@code active: {http: {path: /healthz, expectedStatuses: [200]}, interval: 5s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 3}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableActiveHealthCheck.class)
@JsonDeserialize(as = ImmutableActiveHealthCheck.class)
public interface ActiveHealthCheck {

  /** Probe with an HTTP request. */
  Optional<HttpProbe> http();

  /** Probe by opening a TCP connection. */
  Optional<TcpProbe> tcp();

  /** Probe with the gRPC health checking protocol. */
  Optional<GrpcProbe> grpc();

  /** Time between probes. Default: 10s. */
  @Value.Default
  default Duration interval() {
    return Duration.ofSeconds(10);
  }

  /** Time to wait for an answer. Default: 2s. */
  @Value.Default
  default Duration timeout() {
    return Duration.ofSeconds(2);
  }

  /** Successes before an endpoint is healthy again, at least 1. Default: 2. */
  @Value.Default
  default int healthyThreshold() {
    return 2;
  }

  /** Failures before an endpoint is unhealthy, at least 1. Default: 3. */
  @Value.Default
  default int unhealthyThreshold() {
    return 3;
  }

  /** The probe as one typed value; throws {@link IllegalStateException} unless exactly one kind is set. */
  @JsonIgnore
  @Value.Lazy
  default Probe probe() {
    int set = (http().isPresent() ? 1 : 0) + (tcp().isPresent() ? 1 : 0) + (grpc().isPresent() ? 1 : 0);
    if (set != 1) {
      throw new IllegalStateException("an active health check needs exactly one of http, tcp, grpc; found " + set);
    }
    return http().<Probe>map(p -> p).or(() -> tcp().map(p -> p)).orElseGet(() -> grpc().get());
  }

  /** The kinds of probe: {@link HttpProbe}, {@link TcpProbe}, {@link GrpcProbe}. */
  sealed interface Probe permits HttpProbe, TcpProbe, GrpcProbe {}

  /** HTTP probe. YAML: {@code http: {path: /healthz, host: orders.internal, expectedStatuses: [200, 204]}} */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableHttpProbe.class)
  @JsonDeserialize(as = ImmutableHttpProbe.class)
  non-sealed interface HttpProbe extends Probe {
    /** Request path. Default: {@code /}. */
    @Value.Default
    default String path() {
      return "/";
    }

    /** Host header. Default: the service name. */
    Optional<String> host();

    /** Statuses that count as healthy (100–599). Default: {@code [200]}. */
    List<Integer> expectedStatuses();

    static ImmutableHttpProbe.Builder builder() {
      return ImmutableHttpProbe.builder();
    }
  }

  /** TCP probe: healthy when a connection opens. YAML: {@code tcp: {}} */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableTcpProbe.class)
  @JsonDeserialize(as = ImmutableTcpProbe.class)
  non-sealed interface TcpProbe extends Probe {
    static TcpProbe of() {
      return ImmutableTcpProbe.builder().build();
    }
  }

  /** gRPC health protocol probe. YAML: {@code grpc: {serviceName: orders.v1.Orders}} */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableGrpcProbe.class)
  @JsonDeserialize(as = ImmutableGrpcProbe.class)
  non-sealed interface GrpcProbe extends Probe {
    /** The service name sent in the health check request. Default: empty (the server as a whole). */
    Optional<String> serviceName();

    /** The {@code :authority} of the probe. Default: the service name. */
    Optional<String> authority();

    static ImmutableGrpcProbe.Builder builder() {
      return ImmutableGrpcProbe.builder();
    }
  }

  static ImmutableActiveHealthCheck.Builder builder() {
    return ImmutableActiveHealthCheck.builder();
  }
}
