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
 * The path condition of a route: exactly one of {@code exact}, {@code prefix}, {@code regex}
 * (RE2, whole path without query) and {@code template} ({@code /orders/{id}/items/**}), optionally
 * case-insensitive. {@link #matcher()} gives it as one typed value.
 *
 * <p>YAML: {@code path: {prefix: /orders}} or {@code path: {regex: "^/orders/[0-9]+$", ignoreCase: true}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutablePathMatch.class)
@JsonDeserialize(as = ImmutablePathMatch.class)
public interface PathMatch {

  /** The whole path equals this. */
  Optional<String> exact();

  /** The path starts with this. */
  Optional<String> prefix();

  /** The whole path (without query) matches this RE2 regular expression. */
  Optional<String> regex();

  /** The path matches this URI template: {@code {name}} is one segment, {@code {name=**}} or {@code **} the rest. */
  Optional<String> template();

  /** Compare case-insensitively. Default: false. */
  @Value.Default
  default boolean ignoreCase() {
    return false;
  }

  /** The keys of which a path match takes exactly one, in order. */
  List<String> KINDS = List.of("exact", "prefix", "regex", "template");

  /** The {@link #KINDS} this match sets (exactly one in a valid config). */
  @JsonIgnore
  default List<String> kindsSet() {
    List<String> set = new java.util.ArrayList<>();
    exact().ifPresent(v -> set.add("exact"));
    prefix().ifPresent(v -> set.add("prefix"));
    regex().ifPresent(v -> set.add("regex"));
    template().ifPresent(v -> set.add("template"));
    return set;
  }

  /**
   * The condition as one typed value.
   *
   * @throws IllegalStateException unless exactly one kind is set
   */
  @JsonIgnore
  @Value.Lazy
  default PathMatcher matcher() {
    return PathMatcher.of(this);
  }

  static PathMatch prefix(String prefix) {
    return ImmutablePathMatch.builder().prefix(prefix).build();
  }

  static PathMatch exact(String path) {
    return ImmutablePathMatch.builder().exact(path).build();
  }

  static PathMatch regex(String regex) {
    return ImmutablePathMatch.builder().regex(regex).build();
  }

  static PathMatch template(String template) {
    return ImmutablePathMatch.builder().template(template).build();
  }

  static ImmutablePathMatch.Builder builder() {
    return ImmutablePathMatch.builder();
  }
}
