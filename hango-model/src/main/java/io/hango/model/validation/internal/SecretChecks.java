package io.hango.model.validation.internal;

import io.hango.model.secret.PemSource;
import io.hango.model.secret.Secret;
import io.hango.model.secret.SecretSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a {@link Secret}: what it holds fits together, and each PEM source is well formed. Internal. */
public final class SecretChecks {

  private final ProblemSink sink;

  public SecretChecks(ProblemSink sink) {
    this.sink = sink;
  }

  public void check(Secret s) {
    SecretSpec spec = s.spec();
    if (spec.certificate().isEmpty() && spec.privateKey().isEmpty() && spec.ca().isEmpty()) {
      sink.error(s, "spec", "a secret needs a certificate with its privateKey, or a ca, or all three");
    }
    if (spec.certificate().isPresent() && spec.privateKey().isEmpty()) {
      sink.error(s, "spec.privateKey", "a certificate needs its privateKey");
    }
    if (spec.privateKey().isPresent() && spec.certificate().isEmpty()) {
      sink.error(s, "spec.certificate", "a privateKey needs its certificate");
    }
    pem(s, spec.certificate(), "spec.certificate", "CERTIFICATE");
    pem(s, spec.privateKey(), "spec.privateKey", "PRIVATE KEY");
    pem(s, spec.ca(), "spec.ca", "CERTIFICATE");
  }

  private void pem(Secret s, Optional<PemSource> source, String path, String block) {
    if (source.isEmpty()) {
      return;
    }
    PemSource p = source.get();
    List<String> set = new ArrayList<>();
    p.pem().ifPresent(v -> set.add("pem"));
    p.file().ifPresent(v -> set.add("file"));
    OneOf.exactlyOne(sink, s, path, "a PEM source", List.of("pem", "file"), set);
    p.pem().ifPresent(text -> {
      if (!text.contains("-----BEGIN ") || !text.contains(block + "-----")) {
        sink.error(s, path + ".pem", "not PEM text: expected a -----BEGIN ..." + block + "----- block");
      }
    });
    p.file().filter(String::isBlank).ifPresent(f -> sink.error(s, path + ".file", "cannot be empty"));
  }
}
