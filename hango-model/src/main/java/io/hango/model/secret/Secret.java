package io.hango.model.secret;

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
 * TLS material: a certificate chain with its private key (for HTTPS listeners and upstream client
 * certificates), or a CA bundle alone (for verification).
 */
@com.fasterxml.jackson.annotation.JsonTypeName("Secret")
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableSecret.class)
@JsonDeserialize(as = ImmutableSecret.class)
public interface Secret extends Resource {

  /** The PEM material. */
  SecretSpec spec();

  @Override
  default ResourceKind kind() {
    return ResourceKind.SECRET;
  }

  static ImmutableSecret.Builder builder() {
    return ImmutableSecret.builder();
  }

  static Secret of(String name, SecretSpec spec) {
    return builder().metadata(Metadata.of(name)).spec(spec).build();
  }
}
