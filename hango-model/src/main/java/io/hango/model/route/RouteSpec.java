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
 * The body of a {@link Route}. Exactly one of {@link #forward()}, {@link #redirect()} and
 * {@link #directResponse()} is set; {@link #action()} gives it as one typed value.
 *
 * <pre>{@code
 * spec:
 *   gateway: edge
 *   hosts: ["api.example.com"]
 *   priority: 100
 *   match: {path: {prefix: /orders}, methods: [GET]}
 *   forward: {destinations: [{service: orders}]}
 * }</pre>
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRouteSpec.class)
@JsonDeserialize(as = ImmutableRouteSpec.class)
public interface RouteSpec {

  /** Name of the {@code Gateway} this route belongs to. Required. */
  String gateway();

  /** Restricts the route to one listener of the gateway, by listener name. Default: every listener whose hosts match. */
  Optional<String> listener();

  /**
   * Hosts the route serves (exact or {@code *.} wildcard). Default: the hosts of the gateway's
   * listeners.
   */
  List<String> hosts();

  /** Explicit order: higher priority routes are matched first. Default: 0. */
  @Value.Default
  default int priority() {
    return 0;
  }

  /** What requests the route matches. Default: every request ({@code path: {prefix: /}}). */
  @Value.Default
  default RouteMatch match() {
    return RouteMatch.builder().build();
  }

  /** Forward to upstream services. */
  Optional<Forward> forward();

  /** Answer with a redirect. */
  Optional<Redirect> redirect();

  /** Answer directly with a fixed status and body. */
  Optional<DirectResponse> directResponse();

  /** A disabled route is kept in the config but not translated. Default: true. */
  @Value.Default
  default boolean enabled() {
    return true;
  }

  /** Prefix of the route's statistics. Default: derived from the route name. */
  Optional<String> statPrefix();

  /**
   * The action of this route: the one of forward, redirect, direct response that is set.
   *
   * @throws IllegalStateException if none or more than one is set (a config that did not pass validation)
   */
  @JsonIgnore
  @Value.Lazy
  default RouteAction action() {
    int set = (forward().isPresent() ? 1 : 0) + (redirect().isPresent() ? 1 : 0) + (directResponse().isPresent() ? 1 : 0);
    if (set != 1) {
      throw new IllegalStateException("a route needs exactly one of forward, redirect, directResponse; found " + set);
    }
    if (forward().isPresent()) {
      return forward().get();
    }
    if (redirect().isPresent()) {
      return redirect().get();
    }
    return directResponse().get();
  }

  static ImmutableRouteSpec.Builder builder() {
    return ImmutableRouteSpec.builder();
  }
}
