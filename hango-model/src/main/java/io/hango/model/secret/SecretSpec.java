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
 * The body of a {@link Secret}: either {@code certificate} with {@code privateKey}, or {@code ca}
 * alone, or all three.
 *
 * <p>YAML: {@code spec: {certificate: {file: /etc/tls/tls.crt}, privateKey: {file: /etc/tls/tls.key}}} or
 * {@code spec: {ca: {pem: "-----BEGIN CERTIFICATE-----\n..."}}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableSecretSpec.class)
@JsonDeserialize(as = ImmutableSecretSpec.class)
public interface SecretSpec {

  /** Certificate chain, PEM. */
  Optional<PemSource> certificate();

  /** Private key of the certificate, PEM. Never in {@code toString()}. */
  @Value.Redacted
  Optional<PemSource> privateKey();

  /** CA bundle, PEM. */
  Optional<PemSource> ca();

  static ImmutableSecretSpec.Builder builder() {
    return ImmutableSecretSpec.builder();
  }
}
