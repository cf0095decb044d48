package io.hango.xds;

import io.hango.testkit.grpc.NamedGrpcBackends;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.xds.TestResources.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.hango.testkit.xds.DeltaXdsStream;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The two ways to embed the server, and its lifecycle. */
class EmbeddingTest {

  @Test
  void servicesMountOnTheHostsOwnGrpcServer() throws Exception {
    XdsServer xds = XdsServer.builder().build();
    NettyServerBuilder sb =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                ServerServiceDefinition.builder("test.Who")
                    .addMethod(
                        NamedGrpcBackends.WHO,
                        ServerCalls.asyncUnaryCall(
                            (req, out) -> {
                              out.onNext("host");
                              out.onCompleted();
                            }))
                    .build());
    xds.services().forEach(sb::addService);
    Server host = sb.build().start();
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("127.0.0.1", host.getPort(), InsecureChannelCredentials.create()).build();
    try {
      xds.snapshots().publish("default", basic());
      try (SotwXdsStream ads = XdsTestClient.of(channel).ads(XdsTestClient.node("envoy-1"))) {
        ads.request(TypeUrls.CLUSTER);
        assertThat(names(ads.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
      }
      assertThat(ClientCalls.blockingUnaryCall(channel, NamedGrpcBackends.WHO, CallOptions.DEFAULT, "?"))
          .isEqualTo("host");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      xds.close();
      host.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void startBindsAnEphemeralPortAndShutdownEndsStreamsWithUnavailable() throws Exception {
    XdsServer xds = XdsServer.builder().host("127.0.0.1").port(0).build().start();
    assertThat(xds.port()).isPositive();
    assertThatThrownBy(xds::start).isInstanceOf(IllegalStateException.class);
    xds.snapshots().publish("default", basic());
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("127.0.0.1", xds.port(), InsecureChannelCredentials.create()).build();
    try (SotwXdsStream sotw = XdsTestClient.of(channel).ads(XdsTestClient.node("envoy-1"));
        DeltaXdsStream delta = XdsTestClient.of(channel).deltaAds(XdsTestClient.node("envoy-2"))) {
      sotw.request(TypeUrls.CLUSTER);
      delta.subscribe(TypeUrls.CLUSTER);
      sotw.awaitResponse(TypeUrls.CLUSTER);
      delta.awaitResponse(TypeUrls.CLUSTER);

      long start = System.nanoTime();
      xds.shutdown(Duration.ofSeconds(5));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(sotw.awaitClosed(Duration.ofSeconds(5)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(delta.awaitClosed(Duration.ofSeconds(5)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(xds.status().nodes()).isEmpty();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
