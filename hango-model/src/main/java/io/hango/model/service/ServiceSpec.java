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
 * The body of a {@link Service}. Endpoints come either from {@link #endpoints()} (static) or from
 * {@link #discovery()} (a registry), never both; {@link #discoveryKind()} gives the choice as one
 * typed value.
 *
 * <pre>{@code
 * spec:
 *   protocol: http
 *   endpoints: [{address: 10.0.0.11, port: 8080, labels: {version: v1}}]
 *   subsets: [{name: v1, labels: {version: v1}}]
 *   trafficPolicy: {loadBalancer: {type: leastRequest}}
 * }</pre>
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableServiceSpec.class)
@JsonDeserialize(as = ImmutableServiceSpec.class)
public interface ServiceSpec {

  /** Protocol to the endpoints. Default: {@link ServiceProtocol#HTTP}. */
  @Value.Default
  default ServiceProtocol protocol() {
    return ServiceProtocol.HTTP;
  }

  /** Static endpoints. */
  List<Endpoint> endpoints();

  /** Endpoints from a registry. */
  Optional<RegistryDiscovery> discovery();

  /** Named subsets (versions) of the endpoints, selected by labels; names unique. */
  List<Subset> subsets();

  /** Traffic policy for the whole service. Default: round robin, Envoy's pool limits, no health checks. */
  Optional<TrafficPolicy> trafficPolicy();

  /** Where endpoints come from, as one typed value. */
  @JsonIgnore
  @Value.Lazy
  default Discovery discoveryKind() {
    return discovery().<Discovery>map(d -> d).orElseGet(() -> new StaticEndpoints(endpoints()));
  }

  static ImmutableServiceSpec.Builder builder() {
    return ImmutableServiceSpec.builder();
  }
}
