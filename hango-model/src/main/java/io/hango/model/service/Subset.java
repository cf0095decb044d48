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
 * A named subset (typically a version) of a service's endpoints: those whose labels contain all of
 * {@link #labels()}. A subset may override the service's traffic policy.
 *
 * <p>YAML: {@code {name: v2, labels: {version: v2}, trafficPolicy: {loadBalancer: {type: random}}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableSubset.class)
@JsonDeserialize(as = ImmutableSubset.class)
public interface Subset {

  /** Subset name, unique within the service. Required. */
  String name();

  /** Labels an endpoint must all carry to belong to the subset; at least one. */
  Map<String, String> labels();

  /** Overrides of the service's traffic policy, field by field. Default: the service's. */
  Optional<TrafficPolicy> trafficPolicy();

  static ImmutableSubset.Builder builder() {
    return ImmutableSubset.builder();
  }
}
