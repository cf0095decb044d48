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
 * A header condition.
 *
 * <p>YAML: {@code {name: x-beta, exact: "true"}}, {@code {name: x-debug, present: true}}, {@code {name: user-agent, regex: ".*bot.*", invert: true}}
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"name"})
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableHeaderMatch.class)
@JsonDeserialize(as = ImmutableHeaderMatch.class)
public interface HeaderMatch extends ValueMatch {

  /** Header name (case-insensitive; written lower case). Required. */
  String name();

  /** Negate the condition: the route matches when the condition does not hold. Default: false. */
  @Value.Default
  default boolean invert() {
    return false;
  }

  static ImmutableHeaderMatch.Builder builder() {
    return ImmutableHeaderMatch.builder();
  }

  static HeaderMatch exact(String name, String value) {
    return builder().name(name).exact(value).build();
  }
}
