package io.hango.bench.xds;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hango.translate.EnvoyResources;
import io.hango.xds.NodeGroupFunction;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the xDS servers under test in a {@link ServerProcess}, on 127.0.0.1 and an ephemeral
 * port, serving one node group, each driven through its own natural API.
 */
interface Served extends AutoCloseable {

  String GROUP = NodeGroupFunction.DEFAULT_GROUP;

  int port();

  /** Serves {@code resources} as the whole configuration. */
  void publish(EnvoyResources resources);

  /** Replaces one assignment, keeping everything else (an endpoint-only update). */
  void updateEndpoints(ClusterLoadAssignment assignment);

  @Override
  void close();

  /** The server called {@code name}: {@code hango} or {@code jcp}. */
  static Served start(String name) throws IOException {
    return switch (name) {
      case "hango" -> hango();
      case "jcp" -> javaControlPlane();
      default -> throw new IllegalArgumentException("--server hango|jcp, not " + name);
    };
  }

  /**
   * Hango's {@link XdsServer}, debounce off so that both servers push as soon as a snapshot is
   * set, and its stream caps (in all, per connection, per peer) lifted: every client of the
   * harness comes from 127.0.0.1, and the multiplexed mode puts many streams on a connection.
   * An endpoint update goes through {@code SnapshotStore.update} (EDS only), as an endpoint
   * watcher would.
   */
  private static Served hango() {
    XdsServer server = XdsServer.builder()
        .host("127.0.0.1")
        .port(0)
        .debounce(Duration.ZERO, Duration.ZERO)
        .maxStreams(1_000_000)
        .maxStreamsPerConnection(1_000_000)
        .maxStreamsPerPeer(1_000_000)
        .build()
        .start();
    return new Served() {
      @Override
      public int port() {
        return server.port();
      }

      @Override
      public void publish(EnvoyResources resources) {
        server.snapshots().publish(GROUP, Snapshot.builder().addAll(Workload.all(resources)).build());
      }

      @Override
      public void updateEndpoints(ClusterLoadAssignment assignment) {
        server.snapshots().update(GROUP, TypeUrls.ENDPOINT, Map.of(assignment.getClusterName(), assignment), List.of());
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /**
   * java-control-plane's {@link SimpleCache} + {@link V3DiscoveryServer} (ADS only), with one
   * version per type (a hash of the type's resources, computed only for the lists that changed)
   * so that an update re-sends only the types that changed, the way a careful user would set it
   * up. An endpoint update sets a new snapshot with the other types' lists (and versions) kept.
   */
  private static Served javaControlPlane() throws IOException {
    SimpleCache<String> cache = new SimpleCache<>(node -> GROUP);
    V3DiscoveryServer discovery = new V3DiscoveryServer(cache);
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(discovery.getAggregatedDiscoveryServiceImpl())
        .maxInboundMessageSize(64 << 20)
        .build()
        .start();
    return new Served() {
      private Map<List<? extends Message>, String> versions = new IdentityHashMap<>();
      private EnvoyResources current;

      @Override
      public int port() {
        return server.getPort();
      }

      @Override
      public synchronized void publish(EnvoyResources r) {
        current = r;
        Map<List<? extends Message>, String> previous = versions;
        versions = new IdentityHashMap<>();
        cache.setSnapshot(GROUP, io.envoyproxy.controlplane.cache.v3.Snapshot.create(
            r.clusters(), version(previous, r.clusters()),
            r.endpoints(), version(previous, r.endpoints()),
            r.listeners(), version(previous, r.listeners()),
            r.routes(), version(previous, r.routes()),
            r.secrets(), version(previous, r.secrets())));
      }

      @Override
      public synchronized void updateEndpoints(ClusterLoadAssignment assignment) {
        publish(current.withEndpoints(List.of(assignment)));
      }

      /** The version of a type's list: kept from the previous snapshot if it is the same list. */
      private String version(Map<List<? extends Message>, String> previous, List<? extends Message> resources) {
        String v = previous.get(resources);
        versions.put(resources, v != null ? v : hash(resources));
        return versions.get(resources);
      }

      @Override
      public void close() {
        server.shutdownNow();
      }
    };
  }

  /** A SHA-256 of the resources' bytes, 16 hex digits. */
  private static String hash(List<? extends Message> resources) {
    Hasher h = Hashing.sha256().newHasher();
    for (Message m : resources) {
      h.putBytes(m.toByteArray());
    }
    return h.hash().toString().substring(0, 16);
  }
}
