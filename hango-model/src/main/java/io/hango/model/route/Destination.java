package io.hango.model.route;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One destination of a {@link Forward}: a service, optionally one of its subsets, with a weight.
 *
 * <p>YAML: {@code {service: orders, subset: v1, weight: 90}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableDestination.class)
@JsonDeserialize(as = ImmutableDestination.class)
public interface Destination {

  /** Name of the {@code Service}. Required. */
  String service();

  /** Name of a subset of that service. Default: the whole service. */
  Optional<String> subset();

  /** Relative weight, 0–1000000; the weights of a forward must not all be 0. Default: 1. */
  @Value.Default
  default int weight() {
    return 1;
  }

  static Destination of(String service) {
    return ImmutableDestination.builder().service(service).build();
  }

  static ImmutableDestination.Builder builder() {
    return ImmutableDestination.builder();
  }
}
