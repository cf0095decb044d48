package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.xds.TestResources.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and mutual TLS on the server's own endpoint, with certificates made by the JDK's
 * keytool; the authorizer maps the client certificate's CN to a snapshot group.
 */
class TlsTest {

  @TempDir static Path dir;

  /** [certificate PEM, private key PEM] */
  private static Path[] server;
  private static Path[] client;

  @BeforeAll
  static void certificates() throws Exception {
    server = selfSigned("server", "localhost");
    client = selfSigned("client", "envoy-7");
  }

  @Test
  void serverTls() throws Exception {
    try (XdsServer xds = XdsServer.builder().host("127.0.0.1").port(0).tls(server[0], server[1]).build().start()) {
      xds.snapshots().publish("default", Snapshot.builder().add(cluster("over-tls")).build());
      ManagedChannel tls = channel(xds, TlsChannelCredentials.newBuilder().trustManager(server[0].toFile()).build());
      try (SotwXdsStream ads = XdsTestClient.of(tls).ads(XdsTestClient.node("envoy-1"))) {
        ads.request(TypeUrls.CLUSTER);
        assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("over-tls");
      } finally {
        tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      // A client that does not trust the server's certificate cannot connect.
      ManagedChannel untrusting =
          channel(xds, TlsChannelCredentials.newBuilder().trustManager(client[0].toFile()).build());
      try (SotwXdsStream ads = XdsTestClient.of(untrusting).ads(XdsTestClient.node("envoy-2"))) {
        ads.request(TypeUrls.CLUSTER);
        assertThat(ads.awaitClosed(Duration.ofSeconds(10)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      } finally {
        untrusting.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void mutualTlsWithTheAuthorizerReadingTheClientCertificate() throws Exception {
    List<String> subjects = new CopyOnWriteArrayList<>();
    XdsAuthorizer byCertificate =
        c ->
            c.peerCertificate()
                .map(
                    cert -> {
                      String cn = commonName(cert);
                      subjects.add(cn);
                      return XdsAuthorization.allowGroup(cn);
                    })
                .orElse(XdsAuthorization.deny("client certificate required"));
    try (XdsServer xds =
        XdsServer.builder()
            .host("127.0.0.1")
            .port(0)
            .mutualTls(server[0], server[1], client[0])
            .authorizer(byCertificate)
            .build()
            .start()) {
      xds.snapshots().publish("envoy-7", Snapshot.builder().add(cluster("for-envoy-7")).build());
      xds.snapshots().publish("default", Snapshot.builder().add(cluster("for-anyone")).build());

      ManagedChannel mtls =
          channel(
              xds,
              TlsChannelCredentials.newBuilder()
                  .keyManager(client[0].toFile(), client[1].toFile())
                  .trustManager(server[0].toFile())
                  .build());
      try (SotwXdsStream ads = XdsTestClient.of(mtls).ads(XdsTestClient.node("claims-to-be-anyone"))) {
        ads.request(TypeUrls.CLUSTER);
        assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("for-envoy-7");
        assertThat(subjects).containsExactly("envoy-7");
      } finally {
        mtls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }

      ManagedChannel noCert =
          channel(xds, TlsChannelCredentials.newBuilder().trustManager(server[0].toFile()).build());
      try (SotwXdsStream ads = XdsTestClient.of(noCert).ads(XdsTestClient.node("anonymous"))) {
        ads.request(TypeUrls.CLUSTER);
        assertThat(ads.awaitClosed(Duration.ofSeconds(10)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(ads.received()).isEmpty();
      } finally {
        noCert.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static ManagedChannel channel(XdsServer xds, ChannelCredentials creds) {
    return Grpc.newChannelBuilderForAddress("localhost", xds.port(), creds).build();
  }

  private static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      throw new IllegalArgumentException(e);
    }
    throw new IllegalArgumentException("no CN in " + cert.getSubjectX500Principal());
  }

  /** A self-signed EC certificate for localhost / 127.0.0.1 from keytool, exported as PEM files. */
  private static Path[] selfSigned(String alias, String cn) throws Exception {
    Path p12 = dir.resolve(alias + ".p12");
    char[] password = "changeit".toCharArray();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + cn, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(p12.toFile())) {
      ks.load(in, password);
    }
    PrivateKey key = (PrivateKey) ks.getKey(alias, password);
    X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
    Path certPem = dir.resolve(alias + ".crt");
    Path keyPem = dir.resolve(alias + ".key");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new Path[] {certPem, keyPem};
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
