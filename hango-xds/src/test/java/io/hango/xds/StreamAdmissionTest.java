package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.xds.TestResources.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who gets a stream: idle streams do not count against real clients and are closed if they
 * stay silent; one connection or one peer cannot take every stream; dead and idle connections
 * are closed by the transport.
 */
class StreamAdmissionTest {

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T t) {
    toClose.add(t);
    return t;
  }

  @Test
  void idleStreamsDoNotLockOutARealClient() throws Exception {
    XdsFixture fx = closeLater(XdsFixture.start(b -> b.maxStreams(3)));
    fx.store().publish("default", basic());
    for (int i = 0; i < 3; i++) {
      closeLater(fx.client.ads(XdsTestClient.node("idle-" + i)));
    }
    SotwXdsStream real = closeLater(fx.client.ads(XdsTestClient.node("envoy-1")));
    real.request(TypeUrls.CLUSTER);
    assertThat(names(real.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  @Test
  void aStreamThatSendsNothingIsClosedAndFreesItsSlot() throws Exception {
    XdsFixture fx =
        closeLater(XdsFixture.start(b -> b.maxStreams(1).firstRequestTimeout(Duration.ofMillis(300))));
    fx.store().publish("default", basic());
    SotwXdsStream older = closeLater(fx.client.ads(XdsTestClient.node("older")));
    // Idle streams are bounded too (by maxStreams, apart from serving ones): the oldest makes room.
    SotwXdsStream silent = closeLater(fx.client.ads(XdsTestClient.node("silent")));
    Status evicted = older.awaitClosed(Duration.ofSeconds(5));
    assertThat(evicted.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(evicted.getDescription()).contains("without a request");

    Status status = silent.awaitClosed(Duration.ofSeconds(5));
    assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(status.getDescription()).contains("no request");
    StatusListenerMetricsTest.awaitTrue(() -> fx.xds.status().nodes().isEmpty());
    SotwXdsStream real = closeLater(fx.client.ads(XdsTestClient.node("envoy-1")));
    real.request(TypeUrls.CLUSTER);
    assertThat(names(real.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  @Test
  void oneConnectionCannotTakeEveryStream() throws Exception {
    XdsServer xds = started(b -> b.maxStreamsPerConnection(2));
    ManagedChannel first = channel(xds);
    ManagedChannel second = channel(xds);
    for (int i = 0; i < 2; i++) {
      SotwXdsStream s = closeLater(XdsTestClient.of(first).ads(XdsTestClient.node("envoy-" + i)));
      s.request(TypeUrls.CLUSTER);
      s.awaitResponse(TypeUrls.CLUSTER);
    }
    SotwXdsStream third = closeLater(XdsTestClient.of(first).ads(XdsTestClient.node("envoy-2")));
    third.request(TypeUrls.CLUSTER);
    Status refused = third.awaitClosed(Duration.ofSeconds(5));
    assertThat(refused.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getDescription()).contains("per connection");
    SotwXdsStream elsewhere = closeLater(XdsTestClient.of(second).ads(XdsTestClient.node("envoy-3")));
    elsewhere.request(TypeUrls.CLUSTER);
    assertThat(names(elsewhere.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  @Test
  void onePeerCannotTakeEveryStream() throws Exception {
    XdsServer xds = started(b -> b.maxStreamsPerPeer(2));
    for (int i = 0; i < 2; i++) {
      SotwXdsStream s = closeLater(XdsTestClient.of(channel(xds)).ads(XdsTestClient.node("envoy-" + i)));
      s.request(TypeUrls.CLUSTER);
      s.awaitResponse(TypeUrls.CLUSTER);
    }
    SotwXdsStream third = closeLater(XdsTestClient.of(channel(xds)).ads(XdsTestClient.node("envoy-2")));
    third.request(TypeUrls.CLUSTER);
    Status refused = third.awaitClosed(Duration.ofSeconds(5));
    assertThat(refused.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getDescription()).contains("per peer");
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDisconnected() throws Exception {
    // gRPC's floor: a ping after 10 s without reading.
    XdsServer xds = started(b -> b.keepAlive(Duration.ofSeconds(10), Duration.ofMillis(500)));
    try (Socket socket = new Socket("127.0.0.1", xds.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      // An HTTP/2 client preface and empty SETTINGS, then silence: the peer "died".
      out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
      out.flush();
      long start = System.nanoTime();
      List<Integer> frameTypes = readFramesUntilClosed(new DataInputStream(socket.getInputStream()));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(frameTypes).as("HTTP/2 frame types received").contains(6); // PING
    }
  }

  @Test
  void aConnectionWithoutStreamsIsClosedAfterMaxConnectionIdle() throws Exception {
    XdsServer xds = started(b -> b.maxConnectionIdle(Duration.ofSeconds(1)));
    ManagedChannel channel = channel(xds);
    try (SotwXdsStream s = XdsTestClient.of(channel).ads(XdsTestClient.node("envoy-1"))) {
      s.request(TypeUrls.CLUSTER);
      s.awaitResponse(TypeUrls.CLUSTER);
    }
    assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);
    StatusListenerMetricsTest.awaitTrue(() -> channel.getState(false) == ConnectivityState.IDLE);
  }

  @Test
  void limitsMustBePositive() {
    XdsServer.Builder b = XdsServer.builder();
    assertThatThrownBy(() -> b.maxStreamsPerConnection(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxStreamsPerPeer(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.firstRequestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    // Below gRPC's floors (which it would apply silently).
    assertThatThrownBy(() -> b.keepAlive(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.keepAlive(Duration.ofSeconds(10), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxConnectionIdle(Duration.ofMillis(500))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.permitKeepAliveTime(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  private XdsServer started(Consumer<XdsServer.Builder> customize) {
    XdsServer.Builder b = XdsServer.builder().host("127.0.0.1").port(0).debounce(Duration.ZERO, Duration.ZERO);
    customize.accept(b);
    XdsServer xds = closeLater(b.build().start());
    xds.snapshots().publish("default", basic());
    return xds;
  }

  private ManagedChannel channel(XdsServer xds) {
    ManagedChannel c =
        Grpc.newChannelBuilder("127.0.0.1:" + xds.port(), InsecureChannelCredentials.create()).build();
    closeLater(() -> c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return c;
  }

  /** HTTP/2 frames: 3 bytes length, 1 type, 1 flags, 4 stream id, then the payload. */
  private static List<Integer> readFramesUntilClosed(DataInputStream in) throws Exception {
    List<Integer> types = new ArrayList<>();
    try {
      while (true) {
        int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        types.add(in.readUnsignedByte());
        in.readUnsignedByte();
        in.readInt();
        in.readFully(new byte[length]);
      }
    } catch (EOFException | java.net.SocketException e) {
      return types;
    }
  }
}
