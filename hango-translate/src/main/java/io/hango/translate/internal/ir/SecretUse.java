package io.hango.translate.internal.ir;

import io.hango.translate.internal.Names;

/** What a Secret is used as: each use is served as its own SDS secret. */
public enum SecretUse {
  /** A certificate with its private key (listener TLS, upstream client certificate). */
  CERTIFICATE,
  /** A CA bundle (client CA of a listener, upstream CA). */
  CA_BUNDLE;

  /** The name of the SDS secret serving {@code secret} in this use. */
  public String sdsName(String secret) {
    return this == CERTIFICATE ? Names.certificateSecret(secret) : Names.caSecret(secret);
  }
}
