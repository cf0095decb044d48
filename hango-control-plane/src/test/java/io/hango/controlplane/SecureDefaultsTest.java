package io.hango.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.hango.testkit.tls.TestCertificates;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsResponses;
import io.hango.testkit.xds.XdsTestClient;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsAuthorization;
import io.hango.xds.XdsClientIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure by default: the admin port on loopback, private keys redacted from {@code /debug/config},
 * secrets served only to authenticated clients, and a client certificate's SAN deciding the group.
 */
class SecureDefaultsTest {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir Path dir;

  private static ControlPlaneBuilder examples() {
    return ControlPlane.builder().config(EXAMPLES).xdsHost("127.0.0.1").xdsPort(0).adminPort(0)
        .registryDataDirectory(Path.of(System.getProperty("java.io.tmpdir"), "hango-test-registries"))
        .debounce(Duration.ZERO, Duration.ZERO);
  }

  private static List<Secret> secretsOverAds(ManagedChannel channel, String nodeId, String cluster) {
    try (SotwXdsStream ads = XdsTestClient.of(channel).ads(Node.newBuilder().setId(nodeId).setCluster(cluster).build()).autoAck(true)) {
      ads.request(TypeUrls.SECRET, "secure-cert");
      DiscoveryResponse r;
      try {
        r = ads.awaitResponse(TypeUrls.SECRET, Duration.ofSeconds(2));
      } catch (AssertionError noResponse) {
        return List.of();
      }
      return XdsResponses.unpack(r, Secret.class);
    }
  }

  @Test
  void adminListensOnLoopbackAndRedactsPrivateKeys() throws Exception {
    try (ControlPlane cp = examples().build().start()) {
      assertThat(cp.adminAddress().orElseThrow().getAddress().isLoopbackAddress()).isTrue();
      HttpResponse<String> config = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cp.adminPort() + "/debug/config")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(config.statusCode()).isEqualTo(200);
      assertThat(cp.resources().orElseThrow().toJson()).contains("PRIVATE KEY");
      assertThat(config.body()).doesNotContain("PRIVATE KEY").contains("\"private_key\" : \"[redacted]\"").contains("BEGIN CERTIFICATE");
    }
  }

  @Test
  void secretsAreNotServedToUnauthenticatedClients() throws Exception {
    try (ControlPlane cp = examples().disableAdmin().build().start()) {
      ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", cp.xdsPort(), InsecureChannelCredentials.create()).build();
      try {
        assertThat(cp.resources().orElseThrow().secrets()).isNotEmpty();
        assertThat(secretsOverAds(channel, "anonymous", "")).isEmpty();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theDemoFlagServesThemOverPlaintext() throws Exception {
    try (ControlPlane cp = examples().disableAdmin().allowSecretsToUnauthenticatedClients(true).build().start()) {
      ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", cp.xdsPort(), InsecureChannelCredentials.create()).build();
      try {
        assertThat(secretsOverAds(channel, "demo", "")).extracting(Secret::getName).containsExactly("secure-cert");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void withMutualTlsTheCertificateDecidesTheGroup() throws Exception {
    TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server", "localhost", "dns:localhost", "ip:127.0.0.1");
    TestCertificates.Pem edge = TestCertificates.selfSigned(dir, "edge-proxy", "edge-proxy-1", "dns:edge");
    TestCertificates.Pem stranger = TestCertificates.selfSigned(dir, "stranger", "stranger", "uri:spiffe://example.org/gateway/elsewhere");
    Path clientCas = dir.resolve("client-cas.pem");
    Files.writeString(clientCas, Files.readString(edge.certificate()) + Files.readString(stranger.certificate()));
    try (ControlPlane cp = examples().disableAdmin().xdsMutualTls(server.certificate(), server.privateKey(), clientCas)
        .authorizeBySubjectAltName().build().start()) {
      ManagedChannel edgeChannel = tlsChannel(cp.xdsPort(), server, edge);
      ManagedChannel strangerChannel = tlsChannel(cp.xdsPort(), server, stranger);
      try {
        // The node claims another group; the certificate says 'edge', and 'edge' it gets, secrets included.
        assertThat(secretsOverAds(edgeChannel, "edge-1", "internal")).extracting(Secret::getName).containsExactly("secure-cert");
        assertThat(cp.xdsServer().status().node("edge-1")).extracting(n -> n.group()).containsOnly("edge");
        try (SotwXdsStream ads = XdsTestClient.of(strangerChannel).ads(XdsTestClient.node("stranger-1")).autoAck(true)) {
          ads.request(TypeUrls.CLUSTER);
          assertThat(ads.awaitClosed(Duration.ofSeconds(10)).getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
        }
      } finally {
        edgeChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        strangerChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theSubjectAltNameAuthorizerDeniesClientsWithoutACertificate() {
    SubjectAltNameAuthorizer a = SubjectAltNameAuthorizer.of(() -> Set.of("edge"));
    XdsAuthorization d = a.authorize(new XdsClientIdentity(Node.getDefaultInstance(), "edge", "ads", Optional.empty(), List.of()));
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).contains("a client certificate is required");
  }

  private static ManagedChannel tlsChannel(int port, TestCertificates.Pem server, TestCertificates.Pem client) throws Exception {
    ChannelCredentials creds = TlsChannelCredentials.newBuilder()
        .keyManager(client.certificate().toFile(), client.privateKey().toFile())
        .trustManager(server.certificate().toFile())
        .build();
    return Grpc.newChannelBuilderForAddress("localhost", port, creds).build();
  }
}
