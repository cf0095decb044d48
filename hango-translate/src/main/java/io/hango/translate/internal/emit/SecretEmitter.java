package io.hango.translate.internal.emit;

import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.hango.model.secret.PemSource;
import io.hango.translate.internal.ir.SecretUse;
import java.util.Optional;

/** Emits SDS secrets: a model Secret as a certificate with its key, or as a CA bundle. */
final class SecretEmitter {

  private SecretEmitter() {}

  /** The SDS secret serving {@code model} as {@code use}; empty when it cannot (the resolver reported why). */
  static Optional<Secret> secret(String name, SecretUse use, io.hango.model.secret.Secret model) {
    if (model == null) {
      return Optional.empty();
    }
    if (use == SecretUse.CERTIFICATE) {
      if (model.spec().certificate().isEmpty() || model.spec().privateKey().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Secret.newBuilder()
          .setName(use.sdsName(name))
          .setTlsCertificate(TlsCertificate.newBuilder()
              .setCertificateChain(dataSource(model.spec().certificate().get()))
              .setPrivateKey(dataSource(model.spec().privateKey().get())))
          .build());
    }
    return model.spec().ca().map(ca -> Secret.newBuilder()
        .setName(use.sdsName(name))
        .setValidationContext(CertificateValidationContext.newBuilder().setTrustedCa(dataSource(ca)))
        .build());
  }

  private static DataSource dataSource(PemSource p) {
    return p.pem().map(pem -> DataSource.newBuilder().setInlineString(pem).build())
        .orElseGet(() -> DataSource.newBuilder().setFilename(p.file().orElse("")).build());
  }
}
