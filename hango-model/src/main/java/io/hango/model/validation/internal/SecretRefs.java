package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import io.hango.model.secret.Secret;
import java.util.Optional;

/**
 * Checks a reference to a {@code Secret} and that the secret holds what the referrer needs (a
 * certificate with its key, or a CA bundle). Internal.
 */
final class SecretRefs {

  private final References refs;
  private final ProblemSink sink;

  SecretRefs(References refs, ProblemSink sink) {
    this.refs = refs;
    this.sink = sink;
  }

  /** {@code name} must be a Secret with a certificate and private key. */
  void certificate(Resource from, String path, String name) {
    lookup(from, path, name).ifPresent(s -> {
      if (s.spec().certificate().isEmpty() || s.spec().privateKey().isEmpty()) {
        sink.error(from, path, RuleMessages.noCertificate(name));
      }
    });
  }

  /** {@code name} must be a Secret with a CA bundle. */
  void ca(Resource from, String path, String name) {
    lookup(from, path, name).ifPresent(s -> {
      if (s.spec().ca().isEmpty()) {
        sink.error(from, path, RuleMessages.noCa(name));
      }
    });
  }

  private Optional<Secret> lookup(Resource from, String path, String name) {
    Optional<Secret> s = refs.find(ResourceKind.SECRET, name);
    if (s.isEmpty() && !refs.unbound(ResourceKind.SECRET, name)) {
      sink.error(from, path, refs.missing(ResourceKind.SECRET, name));
    }
    return s;
  }
}
