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
 * Where PEM text comes from: exactly one of {@code pem} (inline) or {@code file} (a path the Envoy
 * proxy can read).
 *
 * <p>YAML: {@code {pem: "-----BEGIN CERTIFICATE-----\n..."}} or {@code {file: /etc/tls/tls.crt}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutablePemSource.class)
@JsonDeserialize(as = ImmutablePemSource.class)
public interface PemSource {

  /** The PEM text itself. */
  Optional<String> pem();

  /** A file path, read by the proxy. */
  Optional<String> file();

  static PemSource ofPem(String pem) {
    return ImmutablePemSource.builder().pem(pem).build();
  }

  static PemSource ofFile(String path) {
    return ImmutablePemSource.builder().file(path).build();
  }
}
