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
 * What requests a route matches. Every condition must hold.
 *
 * <p>YAML: {@code match: {path: {prefix: /orders}, methods: [GET, POST], headers: [{name: x-beta, exact: "true"}], queryParams: [{name: debug, present: true}]}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRouteMatch.class)
@JsonDeserialize(as = ImmutableRouteMatch.class)
public interface RouteMatch {

  /** The path condition. Default: {@code {prefix: /}}. */
  @Value.Default
  default PathMatch path() {
    return PathMatch.prefix("/");
  }

  /** HTTP methods (upper case), any of which matches. Default: any method. */
  List<String> methods();

  /** Header conditions, all of which must hold. */
  List<HeaderMatch> headers();

  /** Query parameter conditions, all of which must hold. */
  List<QueryParamMatch> queryParams();

  static ImmutableRouteMatch.Builder builder() {
    return ImmutableRouteMatch.builder();
  }
}
