package io.hango.model.registry;

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
 * A service registry that services discover their endpoints from ({@code discovery: {registry: NAME}}).
 */
@com.fasterxml.jackson.annotation.JsonTypeName("Registry")
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableRegistry.class)
@JsonDeserialize(as = ImmutableRegistry.class)
public interface Registry extends Resource {

  /** Type and connection settings. */
  RegistrySpec spec();

  @Override
  default ResourceKind kind() {
    return ResourceKind.REGISTRY;
  }

  static ImmutableRegistry.Builder builder() {
    return ImmutableRegistry.builder();
  }

  static Registry of(String name, RegistrySpec spec) {
    return builder().metadata(Metadata.of(name)).spec(spec).build();
  }
}
