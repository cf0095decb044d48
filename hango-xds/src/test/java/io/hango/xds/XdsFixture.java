package io.hango.xds;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.hango.testkit.xds.XdsTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** An xDS server mounted on an in-process gRPC server, with a test client on a channel to it. */
final class XdsFixture implements AutoCloseable {

  final XdsServer xds;
  final Server server;
  final ManagedChannel channel;
  final XdsTestClient client;

  private XdsFixture(XdsServer xds, Server server, ManagedChannel channel) {
    this.xds = xds;
    this.server = server;
    this.channel = channel;
    this.client = XdsTestClient.of(channel);
  }

  /** No debounce, so pushes follow publishes at once. */
  static XdsFixture start() {
    return start(b -> {});
  }

  static XdsFixture start(Consumer<XdsServer.Builder> customize) {
    XdsServer.Builder b = XdsServer.builder().debounce(Duration.ZERO, Duration.ZERO);
    customize.accept(b);
    XdsServer xds = b.build();
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder sb = InProcessServerBuilder.forName(name).directExecutor();
    xds.services().forEach(sb::addService);
    try {
      Server server = sb.build().start();
      return new XdsFixture(xds, server, InProcessChannelBuilder.forName(name).directExecutor().build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SnapshotStore store() {
    return xds.snapshots();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    xds.shutdown(Duration.ofSeconds(2));
    server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
  }
}
