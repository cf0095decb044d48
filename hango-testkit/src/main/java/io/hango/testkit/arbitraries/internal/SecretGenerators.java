package io.hango.testkit.arbitraries.internal;

import io.hango.model.secret.PemSource;
import io.hango.model.secret.Secret;
import io.hango.model.secret.SecretSpec;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of the three {@code Secret}s every generated config has: {@code tls-cert} (certificate
 * and key), {@code tls-ca} (CA bundle) and {@code tls-all} (both), inline PEM or files. Internal:
 * use {@code HangoArbitraries}.
 */
public final class SecretGenerators {

  /** Secrets with a certificate and a private key, as {@link #secrets()} names them. */
  static final List<String> CERTIFICATE_SECRETS = List.of("tls-cert", "tls-all");
  /** Secrets with a CA bundle, as {@link #secrets()} names them. */
  static final List<String> CA_SECRETS = List.of("tls-ca", "tls-all");

  static final String CERT_PEM =
      "-----BEGIN CERTIFICATE-----\n"
      + "MIIBrjCCAVSgAwIBAgIUZu0S9znz1GL4hd3sMSuTxtl4gCAwCgYIKoZIzj0EAwIw\n"
      + "HTEbMBkGA1UEAwwSc2VjdXJlLmV4YW1wbGUuY29tMB4XDTI2MTEyMjAyMDU1OVoX\n"
      + "DTM2MTExOTAyMDU1OVowHTEbMBkGA1UEAwwSc2VjdXJlLmV4YW1wbGUuY29tMFkw\n"
      + "EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEV/MBweItxJ4WLZlZpH/8Xnd6TElBmfrd\n"
      + "cgBfg0UbyT8cAOnu4rmg9Z9x5WxufLtYIhcRVWwh9RSMVTTVnrTRm6NyMHAwHQYD\n"
      + "VR0OBBYEFCH6JjbDV5XB1mp56m8MYpVQLcLlMB8GA1UdIwQYMBaAFCH6JjbDV5XB\n"
      + "1mp56m8MYpVQLcLlMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0RBBYwFIISc2VjdXJl\n"
      + "LmV4YW1wbGUuY29tMAoGCCqGSM49BAMCA0gAMEUCIQCwEzo+JZmr7NY1YvEWTrrd\n"
      + "MB+D8Rd7071nZHSdnKM4lAIgKPkZAwGYnnCJvlpTlwjk35NlcN4/Z2vYCDfCoGJP\n"
      + "gaA=\n"
      + "-----END CERTIFICATE-----\n";
  static final String KEY_PEM =
      "-----BEGIN PRIVATE KEY-----\n"
      + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQge9XN3L9KY1EBUszy\n"
      + "o1+XQm9Wa6BkHkvhH1NkYYbtsGehRANCAARX8wHB4i3EnhYtmVmkf/xed3pMSUGZ\n"
      + "+t1yAF+DRRvJPxwA6e7iuaD1n3HlbG58u1giFxFVbCH1FIxVNNWetNGb\n"
      + "-----END PRIVATE KEY-----\n";

  private SecretGenerators() {}

  public static Arbitrary<List<Secret>> secrets() {
    Arbitrary<PemSource> cert = Arbitraries.of(PemSource.ofPem(CERT_PEM), PemSource.ofFile("/etc/hango/tls/tls.crt"));
    Arbitrary<PemSource> key = Arbitraries.of(PemSource.ofPem(KEY_PEM), PemSource.ofFile("/etc/hango/tls/tls.key"));
    Arbitrary<PemSource> ca = Arbitraries.of(PemSource.ofPem(CERT_PEM), PemSource.ofFile("/etc/hango/tls/ca.crt"));
    return Combinators.combine(cert, key, ca, cert, key, ca).as((c1, k1, ca1, c2, k2, ca2) -> List.of(
        Secret.of("tls-cert", SecretSpec.builder().certificate(c1).privateKey(k1).build()),
        Secret.of("tls-ca", SecretSpec.builder().ca(ca1).build()),
        Secret.of("tls-all", SecretSpec.builder().certificate(c2).privateKey(k2).ca(ca2).build())));
  }
}
