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
 * Header changes: {@code set} replaces (or adds) a header, {@code add} appends a value,
 * {@code remove} deletes a header.
 *
 * <p>YAML: {@code requestHeaders: {set: {x-gw: hango}, add: {x-trace: "1"}, remove: [x-internal]}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableHeaderOperations.class)
@JsonDeserialize(as = ImmutableHeaderOperations.class)
public interface HeaderOperations {

  /** Headers set, replacing any existing value. */
  Map<String, String> set();

  /** Headers appended to any existing values. */
  Map<String, String> add();

  /** Headers removed. */
  List<String> remove();

  static ImmutableHeaderOperations.Builder builder() {
    return ImmutableHeaderOperations.builder();
  }
}
