package io.hango.bench.xds;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC channels of the simulated clients of one run. By default every client gets its own
 * {@link ManagedChannel}, and so its own TCP connection, as real proxies connect; with
 * {@code connections > 0} the clients are multiplexed over that many channels instead (the old
 * harness's mode, which hides the per-connection cost). Either way all channels share one Netty
 * event loop group and one executor, so that 10,000 channels do not make 10,000 thread pools.
 */
final class ClientChannels implements AutoCloseable {

  private final InetSocketAddress server;
  private final int connections;
  private final EventLoopGroup eventLoops;
  private final ExecutorService executor;
  private final List<ManagedChannel> channels = new ArrayList<>();

  /**
   * @param port the server's port on 127.0.0.1
   * @param connections 0 for one connection per client, else the number of shared connections
   * @param threads the event loop threads (and twice as many executor threads)
   */
  ClientChannels(int port, int connections, int threads) {
    this.server = new InetSocketAddress("127.0.0.1", port);
    this.connections = connections;
    this.eventLoops = new NioEventLoopGroup(threads);
    this.executor = Executors.newFixedThreadPool(2 * threads, r -> {
      Thread t = new Thread(r, "xds-client");
      t.setDaemon(true);
      return t;
    });
  }

  /** The channel of client {@code client}; with one connection per client, a new one on every call. */
  synchronized Channel channel(int client) {
    if (connections <= 0) {
      return open();
    }
    while (channels.size() < connections) {
      open();
    }
    return channels.get(client % connections);
  }

  private ManagedChannel open() {
    ManagedChannel c = NettyChannelBuilder.forAddress(server)
        .usePlaintext()
        .eventLoopGroup(eventLoops)
        .channelType(NioSocketChannel.class)
        .executor(executor)
        .offloadExecutor(executor)
        .maxInboundMessageSize(256 << 20)
        .build();
    channels.add(c);
    return c;
  }

  /** The channels opened so far. */
  synchronized int size() {
    return channels.size();
  }

  /** Closes every channel, waiting for them at most 10 s in all, then the threads. */
  @Override
  public synchronized void close() throws InterruptedException {
    channels.forEach(ManagedChannel::shutdownNow);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ManagedChannel c : channels) {
      c.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    executor.shutdownNow();
    eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
