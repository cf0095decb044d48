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
 * The body of a {@link Plugin}. The {@code config} is kept as a JSON tree: its schema belongs to
 * the plugin type, which validates it (the translator's plugin SPI).
 *
 * <p>YAML: {@code spec: {type: local-rate-limit, targets: [{kind: Route, name: orders-beta}], config: {rules: [{limit: {requests: 100, per: second}}]}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutablePluginSpec.class)
@JsonDeserialize(as = ImmutablePluginSpec.class)
public interface PluginSpec {

  /** The plugin type, e.g. {@code local-rate-limit}, {@code cors}, {@code access-control}, {@code fault}. Required. */
  String type();

  /** Where the plugin applies; at least one. */
  List<PluginTarget> targets();

  /** A disabled plugin is kept but not applied. Default: true. */
  @Value.Default
  default boolean enabled() {
    return true;
  }

  /**
   * The plugin's configuration, validated by the plugin type. Default: {@code {}}. Treat the tree as
   * read-only.
   */
  @Value.Default
  default com.fasterxml.jackson.databind.node.ObjectNode config() {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  static ImmutablePluginSpec.Builder builder() {
    return ImmutablePluginSpec.builder();
  }
}
