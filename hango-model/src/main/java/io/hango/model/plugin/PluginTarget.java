package io.hango.model.plugin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import io.hango.model.Metadata;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a plugin applies: a gateway, a route, or a host name (on every gateway serving it).
 *
 * <p>YAML: {@code {kind: Route, name: orders-beta}}, {@code {kind: Gateway, name: edge}}, {@code {kind: Host, name: api.example.com}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutablePluginTarget.class)
@JsonDeserialize(as = ImmutablePluginTarget.class)
public interface PluginTarget {

  /** The kind of target. Required. */
  Kind kind();

  /** The gateway or route name, or the host name. Required. */
  String name();

  /** Target kinds, from least to most specific. */
  enum Kind {
    @JsonProperty("Gateway") GATEWAY,
    @JsonProperty("Host") HOST,
    @JsonProperty("Route") ROUTE
  }

  static PluginTarget of(Kind kind, String name) {
    return ImmutablePluginTarget.builder().kind(kind).name(name).build();
  }
}
