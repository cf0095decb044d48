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
 * Answer matched requests with an HTTP redirect. Unset parts of the target keep the request's.
 *
 * <p>YAML: {@code redirect: {scheme: https, host: new.example.com, prefix: /v2, code: 301}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRedirect.class)
@JsonDeserialize(as = ImmutableRedirect.class)
public non-sealed interface Redirect extends RouteAction {

  /** Target scheme ({@code http} or {@code https}). */
  Optional<String> scheme();

  /** Target host. */
  Optional<String> host();

  /** Target port, 1–65535. */
  Optional<Integer> port();

  /** Replace the whole path with this. At most one of path and prefix. */
  Optional<String> path();

  /** Replace the matched prefix with this (route must match by prefix). */
  Optional<String> prefix();

  /** Drop the query string. Default: false. */
  @Value.Default
  default boolean stripQuery() {
    return false;
  }

  /** Status code: 301, 302, 303, 307 or 308. Default: 301. */
  @Value.Default
  default int code() {
    return 301;
  }

  static ImmutableRedirect.Builder builder() {
    return ImmutableRedirect.builder();
  }
}
