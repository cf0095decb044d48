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
 * Traffic mirroring: a copy of a share of the requests goes to another service; its responses are
 * discarded.
 *
 * <p>YAML: {@code mirror: {service: orders-shadow, percent: 5}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableMirror.class)
@JsonDeserialize(as = ImmutableMirror.class)
public interface Mirror {

  /** Name of the {@code Service} receiving the copies. Required. */
  String service();

  /** A subset of that service. Default: the whole service. */
  Optional<String> subset();

  /** Share of requests mirrored, 0–100 (fractions allowed). Default: 100. */
  @Value.Default
  default double percent() {
    return 100.0;
  }

  static ImmutableMirror.Builder builder() {
    return ImmutableMirror.builder();
  }
}
