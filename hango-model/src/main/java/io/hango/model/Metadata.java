package io.hango.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Identity of a resource: its name (unique per kind) and free-form labels.
 *
 * <p>YAML: {@code metadata: {name: orders, labels: {team: shop}}}.
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableMetadata.class)
@JsonDeserialize(as = ImmutableMetadata.class)
public interface Metadata {

  /** The resource name: lower-case DNS label style ({@code [a-z0-9]([-a-z0-9.]*[a-z0-9])?}), unique per kind. Required. */
  String name();

  /** Free-form labels; not interpreted by the translator. Default: none. */
  Map<String, String> labels();

  static Metadata of(String name) {
    return ImmutableMetadata.builder().name(name).build();
  }

  static ImmutableMetadata.Builder builder() {
    return ImmutableMetadata.builder();
  }
}
