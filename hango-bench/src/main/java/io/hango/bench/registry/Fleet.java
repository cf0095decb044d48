package io.hango.bench.registry;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.hango.bench.xds.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated proxies of a run, each on its own gRPC channel and so its own TCP connection to
 * the control plane, as real proxies are (the channels share an event loop group and an executor),
 * with what they share: the parse caches, the expectations they are checked against, and the
 * current {@link Traffic} window they record into.
 */
final class Fleet implements AutoCloseable {

  /** The ADS protocol variant the proxies speak. */
  enum Mode {
    SOTW, DELTA;

    static Mode parse(String mode) {
      return valueOf(mode.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final int port;
  private final List<SimulatedProxy> proxies = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final EventLoopGroup eventLoops = new NioEventLoopGroup(2);
  private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "proxy");
    t.setDaemon(true);
    return t;
  });
  private final AssignmentCache cache = new AssignmentCache();
  private final ResourceNames names = new ResourceNames();
  private final List<Expectation> expectations = new CopyOnWriteArrayList<>();
  private final CountDownLatch synced;
  private final AtomicLong streamErrors = new AtomicLong();
  private final AtomicReference<Throwable> firstStreamError = new AtomicReference<>();
  private volatile Traffic traffic;

  /** {@code size} proxies of {@code mode} for the xDS server on 127.0.0.1:{@code port}, not started. */
  Fleet(Mode mode, int size, int port) {
    this.port = port;
    this.synced = new CountDownLatch(size);
    this.traffic = new Traffic(Set.of(), size);
    for (int i = 0; i < size; i++) {
      proxies.add(mode == Mode.DELTA ? new DeltaProxy(this, i) : new SotwProxy(this, i));
    }
  }

  /** Connects every proxy on its own channel and sends its first request. */
  void start() {
    for (SimulatedProxy proxy : proxies) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
          .usePlaintext()
          .eventLoopGroup(eventLoops)
          .channelType(NioSocketChannel.class)
          .executor(executor)
          .maxInboundMessageSize(256 << 20)
          .build();
      channels.add(channel);
      proxy.start(channel);
    }
  }

  int size() {
    return proxies.size();
  }

  /** Starts a new traffic window: from now on the proxies record into it. */
  Traffic window(Set<String> changed) {
    Traffic t = new Traffic(changed, proxies.size());
    traffic = t;
    return t;
  }

  /** Checks every proxy against {@code e} now and on every change of its assignments until {@link #forget}. */
  void expect(Expectation e) {
    expectations.add(e);
    for (SimulatedProxy proxy : proxies) {
      proxy.recheck(e);
    }
  }

  void forget(Expectation e) {
    expectations.remove(e);
  }

  /** Waits until every proxy has received all four types; false on timeout. */
  boolean awaitSynced(Duration timeout) throws InterruptedException {
    return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Streams that failed so far (none should), and the first failure. */
  String streamErrors() {
    Throwable first = firstStreamError.get();
    return streamErrors.get() + (first == null ? "" : " (first: " + first + ")");
  }

  AssignmentCache cache() {
    return cache;
  }

  ResourceNames names() {
    return names;
  }

  List<Expectation> expectations() {
    return expectations;
  }

  CountDownLatch synced() {
    return synced;
  }

  Traffic traffic() {
    return traffic;
  }

  void streamFailed(Throwable t) {
    streamErrors.incrementAndGet();
    firstStreamError.compareAndSet(null, t);
  }

  /** Ends the streams, then closes the channels, waiting for them at most 10 s in all. */
  @Override
  public void close() throws InterruptedException {
    proxies.forEach(SimulatedProxy::stop);
    channels.forEach(ManagedChannel::shutdownNow);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ManagedChannel c : channels) {
      c.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    executor.shutdownNow();
    eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
