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
 * Answer matched requests directly, without an upstream.
 *
 * <p>YAML: {@code directResponse: {status: 503, body: "down for maintenance"}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableDirectResponse.class)
@JsonDeserialize(as = ImmutableDirectResponse.class)
public non-sealed interface DirectResponse extends RouteAction {

  /** HTTP status, 200–599. Required. */
  int status();

  /** Response body (at most 4 KiB). Default: empty. */
  Optional<String> body();

  static DirectResponse of(int status, String body) {
    return ImmutableDirectResponse.builder().status(status).body(body).build();
  }

  static ImmutableDirectResponse.Builder builder() {
    return ImmutableDirectResponse.builder();
  }
}
