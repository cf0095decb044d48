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
 * A route: which requests (hosts + match) on which gateway go where (forward, redirect or direct
 * response). Routes are ordered by {@link RouteSpec#priority()} first, then by the specificity rule
 * documented in the translator.
 */
@com.fasterxml.jackson.annotation.JsonTypeName("Route")
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRoute.class)
@JsonDeserialize(as = ImmutableRoute.class)
public interface Route extends io.hango.model.Resource {

  /** What the route matches and what it does. */
  RouteSpec spec();

  @Override
  default io.hango.model.ResourceKind kind() {
    return io.hango.model.ResourceKind.ROUTE;
  }

  static ImmutableRoute.Builder builder() {
    return ImmutableRoute.builder();
  }

  static Route of(String name, RouteSpec spec) {
    return builder().metadata(io.hango.model.Metadata.of(name)).spec(spec).build();
  }
}
