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
 * An upstream service: its endpoints (static or from a registry), version subsets and traffic
 * policy (load balancing, connection pool, health checks, TLS).
 */
@com.fasterxml.jackson.annotation.JsonTypeName("Service")
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableService.class)
@JsonDeserialize(as = ImmutableService.class)
public interface Service extends io.hango.model.Resource {

  /** Endpoints and policies. */
  ServiceSpec spec();

  @Override
  default io.hango.model.ResourceKind kind() {
    return io.hango.model.ResourceKind.SERVICE;
  }

  static ImmutableService.Builder builder() {
    return ImmutableService.builder();
  }

  static Service of(String name, ServiceSpec spec) {
    return builder().metadata(io.hango.model.Metadata.of(name)).spec(spec).build();
  }
}
