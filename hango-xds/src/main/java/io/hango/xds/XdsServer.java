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

  private final XdsEngine engine;
  private final List<ExecutorService> owned;
  private final int configuredPort;
  private final String host;
  private final ServerCredentials credentials;
  private final Executor serverExecutor;
  private final MeterRegistry meterRegistry;
  private Server server;

  private XdsServer(
      Builder b, MeterRegistry meterRegistry, XdsEngine engine, List<ExecutorService> owned) {
    this.configuredPort = b.port;
    this.host = b.host;
    this.credentials = b.credentials;
    this.serverExecutor = b.serverExecutor;
    this.meterRegistry = meterRegistry;
    this.engine = engine;
    this.owned = owned;
  }

  /** A builder with defaults: port 18000, plaintext, one group, allow all, 100 ms / 1 s debounce. */
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
            // Envoy and gRPC clients may ping idle ADS connections; do not kill them for it.
            .permitKeepAliveTime(10, TimeUnit.SECONDS)
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
        // Streams are done; what is left are idle connections, which need no grace.
        server.shutdownNow();
        server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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

  /** Configures an {@link XdsServer}. Every setter returns this builder. */
  public static final class Builder {
    private int port = 18000;
    private String host;
    private ServerCredentials credentials = InsecureServerCredentials.create();
    private Executor executor;
    private Executor serverExecutor;
    private ScheduledExecutorService scheduler;
    private int maxStreams = 10_000;
    private Duration quietPeriod = Duration.ofMillis(100);
    private Duration maxDelay = Duration.ofSeconds(1);
    private NodeGroupFunction nodeGroups = NodeGroupFunction.single();
    private XdsAuthorizer authorizer = XdsAuthorizer.allowAll();
    private XdsListener listener = new XdsListener() {};
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

    /** The gRPC server's call executor (only for {@link #start()}); gRPC's default otherwise. */
    public Builder serverExecutor(Executor serverExecutor) {
      this.serverExecutor = requireNonNull(serverExecutor, "serverExecutor");
      return this;
    }

    /** Runs debounce timers; by default one daemon thread owned by the server. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Concurrent streams allowed; further streams fail with RESOURCE_EXHAUSTED. */
    public Builder maxStreams(int maxStreams) {
      if (maxStreams < 1) {
        throw new IllegalArgumentException("maxStreams must be positive");
      }
      this.maxStreams = maxStreams;
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

    /** Stream event callbacks. */
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
      Executor actors = executor;
      if (actors == null) {
        ExecutorService pool =
            Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("hango-xds-stream"));
        owned.add(pool);
        actors = pool;
      }
      ScheduledExecutorService timers = scheduler;
      if (timers == null) {
        timers = Executors.newSingleThreadScheduledExecutor(daemon("hango-xds-debounce"));
        owned.add(timers);
      }
      MeterRegistry meters = meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry;
      EngineSettings settings =
          new EngineSettings(
              nodeGroups, authorizer, listener, meters, actors, timers, quietPeriod, maxDelay,
              maxStreams);
      return new XdsServer(this, meters, new XdsEngine(settings), owned);
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
