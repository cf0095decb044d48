package io.hango.model.gateway;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import io.hango.model.Metadata;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import org.immutables.value.Value;

/**
 * A gateway: a set of listeners (ports) on the Envoy fleet, with the HTTP connection settings,
 * client IP rules, access log and tracing that apply to all of them. Routes attach to a gateway by
 * name.
 */
@com.fasterxml.jackson.annotation.JsonTypeName("Gateway")
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableGateway.class)
@JsonDeserialize(as = ImmutableGateway.class)
public interface Gateway extends Resource {

  /** What the gateway listens on and how. */
  GatewaySpec spec();

  @Override
  default ResourceKind kind() {
    return ResourceKind.GATEWAY;
  }

  static ImmutableGateway.Builder builder() {
    return ImmutableGateway.builder();
  }

  static Gateway of(String name, GatewaySpec spec) {
    return builder().metadata(Metadata.of(name)).spec(spec).build();
  }
}
