package io.hango.testkit.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for tests, made with the JDK's own {@code keytool} (no extra library):
 * an EC P-256 key and a certificate valid for two days, written as PEM files.
 *
 * <pre>{@code
 * TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server", "localhost", "dns:localhost", "ip:127.0.0.1");
 * TestCertificates.Pem client = TestCertificates.selfSigned(dir, "edge-1", "edge-1", "dns:edge");
 * }</pre>
 */
public final class TestCertificates {

  /** The PEM files of a certificate and its key, and the certificate itself. */
  public record Pem(Path certificate, Path privateKey, X509Certificate x509) {}

  private TestCertificates() {}

  /**
   * A self-signed certificate for {@code commonName} with these subject alternative names
   * ({@code dns:NAME}, {@code ip:ADDRESS}, {@code uri:URI}), written to {@code dir/alias.crt} and
   * {@code dir/alias.key}.
   */
  public static Pem selfSigned(Path dir, String alias, String commonName, String... subjectAltNames) {
    requireNonNull(dir, "dir");
    requireNonNull(alias, "alias");
    requireNonNull(commonName, "commonName");
    Path p12 = dir.resolve(alias + ".p12");
    String password = "changeit";
    try {
      java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
          Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=" + commonName, "-validity", "2",
          "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", password, "-keypass", password));
      if (subjectAltNames.length > 0) {
        cmd.add("-ext");
        cmd.add("SAN=" + String.join(",", subjectAltNames));
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        ks.load(in, password.toCharArray());
      }
      PrivateKey key = (PrivateKey) ks.getKey(alias, password.toCharArray());
      X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
      Path certPem = dir.resolve(alias + ".crt");
      Path keyPem = dir.resolve(alias + ".key");
      Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
      return new Pem(certPem, keyPem, cert);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
