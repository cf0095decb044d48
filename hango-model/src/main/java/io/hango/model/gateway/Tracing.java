package io.hango.model.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Distributed tracing of a gateway.
 *
 * <p>YAML: {@code tracing: {provider: zipkin, service: zipkin, samplePercent: 10}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableTracing.class)
@JsonDeserialize(as = ImmutableTracing.class)
public interface Tracing {

  /** The tracer. Required. */
  Provider provider();

  /** Name of the {@code Service} that receives spans (the collector). Required. */
  String service();

  /** Zipkin only: the collector's endpoint path. Default: {@code /api/v2/spans}. */
  Optional<String> path();

  /** Percentage of requests sampled, 0–100. Default: 100. */
  @Value.Default
  default double samplePercent() {
    return 100.0;
  }

  /** The service name reported in spans. Default: the gateway name. */
  Optional<String> serviceName();

  /** Tracing providers. */
  enum Provider {
    @JsonProperty("zipkin") ZIPKIN,
    @JsonProperty("opentelemetry") OPENTELEMETRY
  }

  static ImmutableTracing.Builder builder() {
    return ImmutableTracing.builder();
  }
}
