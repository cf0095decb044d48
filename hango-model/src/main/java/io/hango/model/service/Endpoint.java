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
 * One endpoint of a service.
 *
 * <p>YAML: {@code {address: 10.0.0.12, port: 8080, weight: 2, labels: {version: v2}, zone: zone-a}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableEndpoint.class)
@JsonDeserialize(as = ImmutableEndpoint.class)
public interface Endpoint {

  /** IP address or host name. Required. */
  String address();

  /** Port, 1–65535. Required. */
  int port();

  /**
   * Load-balancing weight. Written in a config: 1–128, default 1. Discovered from a registry: the
   * registry's weight on a scale where 100 is every registry's default (see docs/registries.md).
   */
  @Value.Default
  default int weight() {
    return 1;
  }

  /** Labels, used by subsets. */
  Map<String, String> labels();

  /** Locality zone, for locality-weighted load balancing. Default: none. */
  Optional<String> zone();

  /** Locality region. Default: none. */
  Optional<String> region();

  static Endpoint of(String address, int port) {
    return ImmutableEndpoint.builder().address(address).port(port).build();
  }

  static ImmutableEndpoint.Builder builder() {
    return ImmutableEndpoint.builder();
  }
}
