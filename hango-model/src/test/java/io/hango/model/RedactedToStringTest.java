package io.hango.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.secret.PemSource;
import io.hango.model.secret.Secret;
import io.hango.model.secret.SecretSpec;
import org.junit.jupiter.api.Test;

/** A model logged or printed by a user never shows a password or a private key. */
class RedactedToStringTest {

  @Test
  void theNacosPasswordIsNotInToString() {
    Registry r = Registry.of("nacos", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").username("gw").password("s3cr3t-pw").build());
    assertThat(r.toString()).contains("gw").doesNotContain("s3cr3t-pw");
  }

  @Test
  void aPrivateKeyIsNotInToString() {
    Secret s = Secret.builder().metadata(Metadata.of("tls"))
        .spec(SecretSpec.builder()
            .certificate(PemSource.ofPem("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
            .privateKey(PemSource.ofPem("-----BEGIN PRIVATE KEY-----\nMIIEsecret\n-----END PRIVATE KEY-----\n"))
            .build())
        .build();
    assertThat(s.toString()).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE KEY").doesNotContain("MIIEsecret");
  }
}
