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
 * Rewrites applied before forwarding: at most one path rewrite ({@code prefix}, {@code regex} or
 * {@code template}) and at most one host rewrite ({@code host} or {@code autoHost}).
 *
 * <p>YAML: {@code rewrite: {prefix: /api/orders, host: orders.internal}} or
 * {@code rewrite: {regex: {pattern: "^/v1/(.*)$", substitution: "/\\1"}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRewrite.class)
@JsonDeserialize(as = ImmutableRewrite.class)
public interface Rewrite {

  /** Replace the matched path prefix (route must match by prefix) with this. */
  Optional<String> prefix();

  /** Replace what an RE2 pattern matches in the path. */
  Optional<RegexRewrite> regex();

  /** Rewrite with a URI template using the variables of a {@code template} path match, e.g. {@code /v2/{id}}. */
  Optional<String> template();

  /** Set the {@code Host}/{@code :authority} header to this. */
  Optional<String> host();

  /** Set the {@code Host} header to the upstream endpoint's host name. Default: false. */
  @Value.Default
  default boolean autoHost() {
    return false;
  }

  /** A regular-expression path rewrite. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableRegexRewrite.class)
  @JsonDeserialize(as = ImmutableRegexRewrite.class)
  interface RegexRewrite {
    /** RE2 pattern matched against the path. Required. */
    String pattern();

    /** Replacement; {@code \1} etc. refer to capture groups. Required. */
    String substitution();

    static RegexRewrite of(String pattern, String substitution) {
      return ImmutableRegexRewrite.builder().pattern(pattern).substitution(substitution).build();
    }
  }

  static ImmutableRewrite.Builder builder() {
    return ImmutableRewrite.builder();
  }
}
