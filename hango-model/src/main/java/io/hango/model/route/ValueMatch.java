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
 * The value condition shared by header and query parameter matches: exactly one of {@code exact},
 * {@code prefix}, {@code suffix}, {@code contains}, {@code regex} (RE2, whole value) or
 * {@code present}. {@link #matcher()} gives the condition as one
 * typed value.
 */
public interface ValueMatch {

  /** The value equals this. */
  Optional<String> exact();

  /** The value starts with this. */
  Optional<String> prefix();

  /** The value ends with this. */
  Optional<String> suffix();

  /** The value contains this. */
  Optional<String> contains();

  /** The whole value matches this RE2 regular expression. */
  Optional<String> regex();

  /** {@code true}: the header/parameter is present (any value); {@code false}: it is absent. */
  Optional<Boolean> present();

  /** Compare case-insensitively (exact, prefix, suffix, contains). Default: false. */
  @Value.Default
  default boolean ignoreCase() {
    return false;
  }

  /** The keys of which a value match takes exactly one, in order. */
  List<String> KINDS = List.of("exact", "prefix", "suffix", "contains", "regex", "present");

  /** The {@link #KINDS} this match sets (exactly one in a valid config). */
  @JsonIgnore
  default List<String> kindsSet() {
    List<String> set = new java.util.ArrayList<>();
    exact().ifPresent(v -> set.add("exact"));
    prefix().ifPresent(v -> set.add("prefix"));
    suffix().ifPresent(v -> set.add("suffix"));
    contains().ifPresent(v -> set.add("contains"));
    regex().ifPresent(v -> set.add("regex"));
    present().ifPresent(v -> set.add("present"));
    return set;
  }

  /**
   * The condition as one typed value.
   *
   * @throws IllegalStateException unless exactly one kind is set
   */
  @JsonIgnore
  default StringMatcher matcher() {
    return StringMatcher.of(this);
  }
}
