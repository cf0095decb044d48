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
 * A plugin binding: an HTTP filter of type {@code type} with its {@code config}, attached to
 * gateways, routes or hosts. The more specific attachment wins (route over host over gateway).
 */
@com.fasterxml.jackson.annotation.JsonTypeName("Plugin")
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutablePlugin.class)
@JsonDeserialize(as = ImmutablePlugin.class)
public interface Plugin extends Resource {

  /** Type, targets and config. */
  PluginSpec spec();

  @Override
  default ResourceKind kind() {
    return ResourceKind.PLUGIN;
  }

  static ImmutablePlugin.Builder builder() {
    return ImmutablePlugin.builder();
  }

  static Plugin of(String name, PluginSpec spec) {
    return builder().metadata(Metadata.of(name)).spec(spec).build();
  }
}
