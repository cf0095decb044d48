package io.hango.model.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Access log of a gateway.
 *
 * <p>YAML: {@code accessLog: {path: /dev/stdout, format: json, fields: {status: "%RESPONSE_CODE%"}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableAccessLog.class)
@JsonDeserialize(as = ImmutableAccessLog.class)
public interface AccessLog {

  /** File to write to; {@code /dev/stdout} writes to standard output. Default: {@code /dev/stdout}. */
  @Value.Default
  default String path() {
    return "/dev/stdout";
  }

  /** Line format. Default: {@link Format#TEXT}. */
  @Value.Default
  default Format format() {
    return Format.TEXT;
  }

  /** For {@code text}: an Envoy format string. Default: Envoy's default format. */
  Optional<String> text();

  /** For {@code json}: field name to Envoy command operator. Default: a standard set of request fields. */
  Map<String, String> fields();

  /** Access log formats. */
  enum Format {
    @JsonProperty("text") TEXT,
    @JsonProperty("json") JSON
  }

  static ImmutableAccessLog.Builder builder() {
    return ImmutableAccessLog.builder();
  }
}
