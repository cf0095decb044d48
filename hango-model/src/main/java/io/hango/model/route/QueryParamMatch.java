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
 * A query parameter condition.
 *
 * <p>YAML: {@code {name: debug, present: true}} or {@code {name: version, exact: "2"}}
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"name"})
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableQueryParamMatch.class)
@JsonDeserialize(as = ImmutableQueryParamMatch.class)
public interface QueryParamMatch extends ValueMatch {

  /** Parameter name (case-sensitive). Required. */
  String name();

  static ImmutableQueryParamMatch.Builder builder() {
    return ImmutableQueryParamMatch.builder();
  }
}
