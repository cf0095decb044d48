package io.hango.bench.xds;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hango.bench.Args;
import io.hango.translate.EnvoyResources;
import io.hango.xds.NodeGroupFunction;
import io.hango.xds.Snapshot;
import io.hango.xds.XdsServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server under test of the {@link LoadHarness}, run in its own JVM so that its heap and RSS
 * are measured alone. Translates the generated config (initial and updated) up front, then
 * serves the initial resources on loopback and answers line commands on stdin:
 * {@code UPDATE} (publish the updated resources), {@code STATS} (print peak heap since start of
 * serving), {@code EXIT}. Prints {@code READY <port>} once serving.
 *
 * <p>Usage: {@code ServerProcess --server hango|jcp --routes 1000 --services 1000}
 */
public final class ServerProcess {

  private static final String GROUP = NodeGroupFunction.DEFAULT_GROUP;

  private ServerProcess() {}

  /** One of the servers under test. */
  interface Served extends AutoCloseable {
    int port();

    void publish(EnvoyResources resources);

    @Override
    void close();
  }

  public static void main(String[] args) {
    try {
      serve(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static void serve(String[] args) throws Exception {
    Map<String, String> opts = Args.parse(args);
    BenchResources resources = BenchResources.generate(
        Integer.parseInt(opts.getOrDefault("routes", "1000")),
        Integer.parseInt(opts.getOrDefault("services", "1000")));
    String server = opts.getOrDefault("server", "hango");
    Served served = switch (server) {
      case "hango" -> hango();
      case "jcp" -> javaControlPlane();
      default -> throw new IllegalArgumentException("--server hango|jcp, not " + server);
    };
    served.publish(resources.initial());
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .forEach(MemoryPoolMXBean::resetPeakUsage);
    System.out.println("READY " + served.port());
    System.out.flush();

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "UPDATE" -> {
          served.publish(resources.updated());
          System.out.println("UPDATED");
        }
        case "STATS" -> System.out.println("STATS " + peakHeap() + " " + usedHeap());
        case "EXIT" -> {
          served.close();
          System.out.println("BYE");
          System.out.flush();
          System.exit(0);
        }
        default -> System.out.println("ERROR unknown command " + line);
      }
      System.out.flush();
    }
    served.close();
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * Hango's server, debounce off so that both servers push as soon as a snapshot is set, and the
   * per-connection and per-peer stream caps lifted: the harness multiplexes its clients over a few
   * loopback connections.
   */
  private static Served hango() {
    XdsServer server = XdsServer.builder()
        .host("127.0.0.1")
        .port(0)
        .debounce(Duration.ZERO, Duration.ZERO)
        .maxStreamsPerConnection(100_000)
        .maxStreamsPerPeer(100_000)
        .build()
        .start();
    return new Served() {
      @Override
      public int port() {
        return server.port();
      }

      @Override
      public void publish(EnvoyResources resources) {
        server.snapshots().publish(GROUP, Snapshot.builder().addAll(BenchResources.all(resources)).build());
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /**
   * java-control-plane's {@link SimpleCache} + {@link V3DiscoveryServer} (ADS only), with one
   * version per type (a hash of the type's resources) so that an update re-sends only the types
   * that changed, the way a careful user would set it up.
   */
  private static Served javaControlPlane() throws Exception {
    SimpleCache<String> cache = new SimpleCache<>(node -> GROUP);
    V3DiscoveryServer discovery = new V3DiscoveryServer(cache);
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(discovery.getAggregatedDiscoveryServiceImpl())
        .maxInboundMessageSize(64 << 20)
        .build()
        .start();
    return new Served() {
      @Override
      public int port() {
        return server.getPort();
      }

      @Override
      public void publish(EnvoyResources r) {
        cache.setSnapshot(GROUP, io.envoyproxy.controlplane.cache.v3.Snapshot.create(
            r.clusters(), version(r.clusters()),
            r.endpoints(), version(r.endpoints()),
            r.listeners(), version(r.listeners()),
            r.routes(), version(r.routes()),
            r.secrets(), version(r.secrets())));
      }

      @Override
      public void close() {
        server.shutdownNow();
      }
    };
  }

  private static String version(List<? extends Message> resources) {
    Hasher h = Hashing.sha256().newHasher();
    for (Message m : resources) {
      h.putBytes(m.toByteArray());
    }
    return h.hash().toString().substring(0, 16);
  }
}
