package io.hango.xds;

import static java.util.Objects.requireNonNull;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hango.xds.internal.EngineSettings;
import io.hango.xds.internal.XdsEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddable xDS server: Envoy v3 ADS and per-type discovery services (CDS, EDS, LDS,
 * RDS, SDS), state-of-the-world and incremental, serving the {@link Snapshot}s published to
 * its {@link SnapshotStore}.
 *
 * <p>Two ways to embed it:
 *
 * <pre>{@code
 * // its own gRPC server
 * XdsServer xds = XdsServer.builder().port(18000).build().start();
 * xds.snapshots().publish("default", snapshot);
 *
 * // or mounted on the host's gRPC server
 * XdsServer xds = XdsServer.builder().build();
 * ServerBuilder<?> sb = ...;
 * xds.services().forEach(sb::addService);
 * }</pre>
 *
 * <p>{@link #close()} ends every stream with {@code UNAVAILABLE} (clients reconnect, possibly to
 * another replica, and get nothing re-sent since versions are content hashes), then stops.
 */
public final class XdsServer implements AutoCloseable {

  /** How long {@link #shutdown} lets ended streams' final statuses reach their clients. */
  private static final long TRAILER_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final XdsEngine engine;
  private final List<ExecutorService> owned;
  private final int configuredPort;
  private final String host;
  private final ServerCredentials credentials;
  private final Executor serverExecutor;
  private final Transport transport;
  private final MeterRegistry meterRegistry;
  private Server server;

  private XdsServer(
      Builder b, MeterRegistry meterRegistry, XdsEngine engine, List<ExecutorService> owned) {
    this.configuredPort = b.port;
    this.host = b.host;
    this.credentials = b.credentials;
    this.serverExecutor = b.serverExecutor;
    this.transport =
        new Transport(b.keepAliveTime, b.keepAliveTimeout, b.permitKeepAliveTime, b.maxConnectionIdle);
    this.meterRegistry = meterRegistry;
    this.engine = engine;
    this.owned = owned;
  }

  /**
   * A builder with defaults: port 18000, plaintext, one group, allow all, 100 ms / 1 s
   * debounce, and the limits and timeouts documented on each setter.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds and starts the server's own gRPC endpoint.
   *
   * @return this server, started
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException if already started
   */
  public synchronized XdsServer start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    InetSocketAddress address =
        host == null ? new InetSocketAddress(configuredPort) : new InetSocketAddress(host, configuredPort);
    NettyServerBuilder b =
        NettyServerBuilder.forAddress(address, credentials)
            // Pings find peers that died without closing their connection (gRPC's default
            // waits two hours); a connection left without streams is closed.
            .keepAliveTime(transport.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveTimeout(transport.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
            .maxConnectionIdle(transport.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS)
            // Envoy and gRPC clients may ping idle ADS connections; do not kill them for it.
            .permitKeepAliveTime(transport.permitKeepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
            .permitKeepAliveWithoutCalls(true);
    if (serverExecutor != null) {
      b.executor(serverExecutor);
    }
    services().forEach(b::addService);
    Server s = b.build();
    try {
      s.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start xDS server on " + address, e);
    }
    server = s;
    return this;
  }

  /** The bound port (useful with port 0), or the configured port if not started. */
  public synchronized int port() {
    return server == null ? configuredPort : server.getPort();
  }

  /** Where snapshots are published. */
  public SnapshotStore snapshots() {
    return engine.store();
  }

  /**
   * The xDS services to mount on another gRPC server: ADS, CDS, EDS, LDS, RDS and SDS. They
   * share this server's store, streams and settings.
   */
  public List<BindableService> services() {
    return engine.services();
  }

  /** Per stream and type: versions sent, acknowledged and rejected. */
  public XdsStatus status() {
    return engine.status();
  }

  /** The registry the server's meters are registered on. */
  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /** Shuts down, waiting up to 5 seconds for streams to end. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }

  /**
   * Stops accepting streams, ends open ones with {@code UNAVAILABLE}, waits up to the timeout
   * for them to finish, then closes the transport (idle connections included) and the
   * executors the server owns.
   */
  public synchronized void shutdown(Duration timeout) {
    requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    if (server != null) {
      server.shutdown();
    }
    engine.closeStreams(Status.UNAVAILABLE.withDescription("xDS server shutting down"));
    try {
      engine.awaitNoStreams(Math.max(0, deadline - System.nanoTime()));
      if (server != null) {
        // Streams are done, but their final status may still be on its way out: a forced
        // close now could reset them (clients would see CANCELLED, not UNAVAILABLE). Give the
        // graceful shutdown a moment to flush and close, then close what is left (idle
        // connections need no grace).
        long flush = Math.min(Math.max(0, deadline - System.nanoTime()), TRAILER_FLUSH_NANOS);
        if (!server.awaitTermination(flush, TimeUnit.NANOSECONDS)) {
          server.shutdownNow();
          server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      }
      for (ExecutorService e : owned) {
        e.shutdown();
        if (!e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          e.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (server != null) {
        server.shutdownNow();
      }
      owned.forEach(ExecutorService::shutdownNow);
    }
  }

  /** Connection settings of the server's own endpoint (a host server mounting the services has its own). */
  private record Transport(
      Duration keepAliveTime, Duration keepAliveTimeout, Duration permitKeepAliveTime, Duration maxConnectionIdle) {}

  /** Configures an {@link XdsServer}. Every setter returns this builder. */
  public static final class Builder {
    private int port = 18000;
    private String host;
    private ServerCredentials credentials = InsecureServerCredentials.create();
    private Executor executor;
    private Executor callbackExecutor;
    private Executor serverExecutor;
    private ScheduledExecutorService scheduler;
    private int maxStreams = 10_000;
    private int maxStreamsPerConnection = 100;
    private int maxStreamsPerPeer = 1_000;
    private Duration firstRequestTimeout = Duration.ofSeconds(30);
    private int maxNamesPerType = 20_000;
    private int maxNamesPerStream = 50_000;
    private Duration keepAliveTime = Duration.ofMinutes(1);
    private Duration keepAliveTimeout = Duration.ofSeconds(20);
    private Duration permitKeepAliveTime = Duration.ofSeconds(10);
    private Duration maxConnectionIdle = Duration.ofMinutes(5);
    private Duration quietPeriod = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(1);
    private NodeGroupFunction nodeGroups = NodeGroupFunction.single();
    private XdsAuthorizer authorizer = XdsAuthorizer.allowAll();
    private XdsListener listener;
    private MeterRegistry meterRegistry;

    private Builder() {}

    /** Port to listen on; 0 picks a free one (see {@link XdsServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Address to bind, e.g. {@code 127.0.0.1}; all interfaces by default. */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host");
      return this;
    }

    /** Transport credentials, e.g. a {@link TlsServerCredentials} built by the host. */
    public Builder credentials(ServerCredentials credentials) {
      this.credentials = requireNonNull(credentials, "credentials");
      return this;
    }

    /** Server TLS from PEM files. */
    public Builder tls(Path certChainPem, Path privateKeyPem) {
      requireNonNull(certChainPem, "certChainPem");
      requireNonNull(privateKeyPem, "privateKeyPem");
      try {
        return credentials(TlsServerCredentials.create(certChainPem.toFile(), privateKeyPem.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Mutual TLS from PEM files: clients must present a certificate signed by one of the
     * trusted CAs. The certificate is then available to the {@link XdsAuthorizer}.
     */
    public Builder mutualTls(Path certChainPem, Path privateKeyPem, Path trustedClientCasPem) {
      requireNonNull(certChainPem, "certChainPem");
      requireNonNull(privateKeyPem, "privateKeyPem");
      requireNonNull(trustedClientCasPem, "trustedClientCasPem");
      try {
        return credentials(
            TlsServerCredentials.newBuilder()
                .keyManager(certChainPem.toFile(), privateKeyPem.toFile())
                .trustManager(trustedClientCasPem.toFile())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                .build());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Runs the stream actors; by default a small pool owned (and shut down) by the server. */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Runs user code that may be slow: the {@link NodeGroupFunction}, the {@link XdsAuthorizer}
     * and the {@link XdsListener}; by default a small pool owned by the server. Kept apart from
     * the stream actors so that a slow authorization or listener never delays pushes.
     */
    public Builder callbackExecutor(Executor callbackExecutor) {
      this.callbackExecutor = requireNonNull(callbackExecutor, "callbackExecutor");
      return this;
    }

    /** The gRPC server's call executor (only for {@link #start()}); gRPC's default otherwise. */
    public Builder serverExecutor(Executor serverExecutor) {
      this.serverExecutor = requireNonNull(serverExecutor, "serverExecutor");
      return this;
    }

    /** Runs debounce timers and first-request deadlines; by default one daemon thread owned by the server. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Streams served at once (10,000 by default): a stream counts once it has sent its first
     * request, and a first request beyond the limit ends its stream with RESOURCE_EXHAUSTED.
     * Streams that have not sent a request yet are bounded apart, by the same number: beyond
     * it the oldest of them is closed (RESOURCE_EXHAUSTED) to make room, so silent streams
     * never lock out real clients; they are also closed after {@link #firstRequestTimeout}.
     */
    public Builder maxStreams(int maxStreams) {
      this.maxStreams = positive(maxStreams, "maxStreams");
      return this;
    }

    /**
     * Streams one connection may hold (100 by default; Envoy and gRPC clients use one, or one
     * per type); more are refused with RESOURCE_EXHAUSTED. A connection is a peer address and
     * port.
     */
    public Builder maxStreamsPerConnection(int maxStreamsPerConnection) {
      this.maxStreamsPerConnection = positive(maxStreamsPerConnection, "maxStreamsPerConnection");
      return this;
    }

    /**
     * Streams one peer address may hold over all its connections (1,000 by default; raise it
     * if many clients share an address, e.g. behind NAT); more are refused with
     * RESOURCE_EXHAUSTED.
     */
    public Builder maxStreamsPerPeer(int maxStreamsPerPeer) {
      this.maxStreamsPerPeer = positive(maxStreamsPerPeer, "maxStreamsPerPeer");
      return this;
    }

    /**
     * How long a new stream may stay without a request (30 s by default); then it is closed
     * with DEADLINE_EXCEEDED and frees its place. Real clients send their first request at
     * once.
     */
    public Builder firstRequestTimeout(Duration firstRequestTimeout) {
      this.firstRequestTimeout = positive(firstRequestTimeout, "firstRequestTimeout");
      return this;
    }

    /**
     * Resource names one stream may subscribe to: of one type (20,000 by default), and over all
     * its types (50,000). A request beyond either ends the stream with RESOURCE_EXHAUSTED.
     * Wildcards do not count. Every subscribed name costs memory, and an EDS name without a
     * cluster an empty assignment in every SotW response, so without a limit one request could
     * make the server build and send arbitrary amounts.
     */
    public Builder maxSubscriptions(int perType, int perStream) {
      this.maxNamesPerType = positive(perType, "maxSubscriptions perType");
      this.maxNamesPerStream = positive(perStream, "maxSubscriptions perStream");
      return this;
    }

    /**
     * Server keepalive of the server's own endpoint ({@link #start()}): after {@code time}
     * without reading from a connection the server pings it, and closes it if no answer comes
     * within {@code timeout}, so a peer that vanished (host down, network cut) is found in
     * about a minute rather than the two hours of TCP or gRPC defaults. 1 min / 20 s by
     * default; gRPC's floors are 10 s and 10 ms.
     */
    public Builder keepAlive(Duration time, Duration timeout) {
      Duration t = atLeast(time, Duration.ofSeconds(10), "keepAlive time");
      this.keepAliveTimeout = atLeast(timeout, Duration.ofMillis(10), "keepAlive timeout");
      this.keepAliveTime = t;
      return this;
    }

    /**
     * How often clients may ping the server's own endpoint (10 s by default; zero allows any
     * rate). Clients pinging more often are disconnected by gRPC with {@code too_many_pings}.
     */
    public Builder permitKeepAliveTime(Duration permitKeepAliveTime) {
      requireNonNull(permitKeepAliveTime, "permitKeepAliveTime");
      if (permitKeepAliveTime.isNegative()) {
        throw new IllegalArgumentException("permitKeepAliveTime must not be negative");
      }
      this.permitKeepAliveTime = permitKeepAliveTime;
      return this;
    }

    /**
     * How long a connection of the server's own endpoint may stay without any stream before
     * it is closed (5 min by default, at least 1 s). Clients reconnect when they need to.
     */
    public Builder maxConnectionIdle(Duration maxConnectionIdle) {
      this.maxConnectionIdle = atLeast(maxConnectionIdle, Duration.ofSeconds(1), "maxConnectionIdle");
      return this;
    }

    /**
     * Merges publishes to a group within {@code quietPeriod} of each other into one push, but
     * pushes at the latest {@code maxDelay} after the first of them. A zero quiet period pushes
     * every publish immediately.
     */
    public Builder debounce(Duration quietPeriod, Duration maxDelay) {
      requireNonNull(quietPeriod, "quietPeriod");
      requireNonNull(maxDelay, "maxDelay");
      if (quietPeriod.isNegative() || maxDelay.isNegative()) {
        throw new IllegalArgumentException("debounce durations must not be negative");
      }
      this.quietPeriod = quietPeriod;
      this.maxDelay = maxDelay;
      return this;
    }

    /** How nodes map to snapshot groups; everything in "default" by default. */
    public Builder nodeGroups(NodeGroupFunction nodeGroups) {
      this.nodeGroups = requireNonNull(nodeGroups, "nodeGroups");
      return this;
    }

    /** Who may connect and read which group; allows all by default. */
    public Builder authorizer(XdsAuthorizer authorizer) {
      this.authorizer = requireNonNull(authorizer, "authorizer");
      return this;
    }

    /** Stream event callbacks, delivered on the {@link #callbackExecutor} (none by default). */
    public Builder listener(XdsListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** Where meters go; a private {@link SimpleMeterRegistry} by default. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /** The server, not started: call {@link XdsServer#start()} or mount {@link #services()}. */
    public XdsServer build() {
      List<ExecutorService> owned = new ArrayList<>();
      Executor actors = executor == null ? ownedPool("hango-xds-stream", owned) : executor;
      Executor callbacks = callbackExecutor == null ? ownedPool("hango-xds-callback", owned) : callbackExecutor;
      ScheduledExecutorService timers = scheduler;
      if (timers == null) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, daemon("hango-xds-timer"));
        // First-request deadlines are mostly cancelled: do not keep them queued until due.
        pool.setRemoveOnCancelPolicy(true);
        owned.add(pool);
        timers = pool;
      }
      MeterRegistry meters = meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry;
      EngineSettings settings =
          new EngineSettings(
              nodeGroups, authorizer, listener, meters, actors, callbacks, timers, quietPeriod, maxDelay,
              new EngineSettings.Limits(
                  maxStreams, maxStreamsPerConnection, maxStreamsPerPeer, firstRequestTimeout,
                  maxNamesPerType, maxNamesPerStream));
      return new XdsServer(this, meters, new XdsEngine(settings), owned);
    }

    private static ExecutorService ownedPool(String name, List<ExecutorService> owned) {
      ExecutorService pool =
          Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemon(name));
      owned.add(pool);
      return pool;
    }

    private static int positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return value;
    }

    private static Duration positive(Duration value, String what) {
      requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return value;
    }

    /** gRPC raises smaller values silently; say so instead. */
    private static Duration atLeast(Duration value, Duration floor, String what) {
      requireNonNull(value, what);
      if (value.compareTo(floor) < 0) {
        throw new IllegalArgumentException(what + " must be at least " + floor + " (gRPC's minimum)");
      }
      return value;
    }

    private static ThreadFactory daemon(String prefix) {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }
}
