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
 * Endpoints of a service from a registry.
 *
 * <p>YAML: {@code discovery: {registry: nacos-prod, serviceName: orders-svc, group: DEFAULT_GROUP, namespace: prod}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRegistryDiscovery.class)
@JsonDeserialize(as = ImmutableRegistryDiscovery.class)
public non-sealed interface RegistryDiscovery extends Discovery {

  /** Name of the {@code Registry} document. Required. */
  String registry();

  /** The service's name in that registry. Required. */
  String serviceName();

  /** Group (Nacos) or application group. Default: the registry's default. */
  Optional<String> group();

  /** Namespace (Kubernetes, Nacos). Default: the registry's default. */
  Optional<String> namespace();

  /** Which port to use when the registry lists several (by number). Default: the registry's (first) port. */
  Optional<Integer> port();

  /** Which port to use, by name (Kubernetes EndpointSlice port names). Default: the only or first port. */
  Optional<String> portName();

  /** The service version (Dubbo {@code version}). Default: any version. */
  Optional<String> version();

  /** The Nacos cluster(s), comma-separated. Default: every cluster. */
  Optional<String> cluster();

  static ImmutableRegistryDiscovery.Builder builder() {
    return ImmutableRegistryDiscovery.builder();
  }
}
