package io.hango.bench.xds;

import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated ADS clients of one run share: the latches they count down, the byte counters,
 * and the phase. A client is <em>synced</em> when it has ACKed a CDS, EDS, LDS and RDS response;
 * it has <em>converged</em> when, after the update was published, it has ACKed an EDS and an RDS
 * response (the update changes one route and one endpoint set, so nothing else may arrive).
 */
final class ClientRun {

  static final String CDS = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
  static final String EDS = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
  static final String LDS = "type.googleapis.com/envoy.config.listener.v3.Listener";
  static final String RDS = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
  static final Set<String> ALL = Set.of(CDS, EDS, LDS, RDS);

  final CountDownLatch synced;
  final CountDownLatch converged;
  final AtomicLong initialBytes = new AtomicLong();
  final AtomicLong updateBytes = new AtomicLong();
  final AtomicLong initialResponses = new AtomicLong();
  final AtomicLong updateResponses = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final ResourceNames names = new ResourceNames();
  volatile boolean updating;
  private final long startNanos = System.nanoTime();
  private final java.util.concurrent.ConcurrentLinkedQueue<Long> syncNanos = new java.util.concurrent.ConcurrentLinkedQueue<>();

  ClientRun(int clients) {
    this.synced = new CountDownLatch(clients);
    this.converged = new CountDownLatch(clients);
  }

  static Node node(int i) {
    return Node.newBuilder().setId("bench-client-" + i).setCluster("bench").build();
  }

  /** Records that a client has synced (ACKed all four types) and counts it down. */
  void synced() {
    syncNanos.add(System.nanoTime() - startNanos);
    synced.countDown();
  }

  /** Median and maximum time to sync of the clients that synced, in ms, for the notes. */
  String syncSpread() {
    long[] t = syncNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return t.length == 0 ? "" : String.format("client sync p50 %d ms, max %d ms", t[t.length / 2] / 1_000_000, t[t.length - 1] / 1_000_000);
  }

  void countResponse(int bytes) {
    if (updating) {
      updateBytes.addAndGet(bytes);
      updateResponses.incrementAndGet();
    } else {
      initialBytes.addAndGet(bytes);
      initialResponses.incrementAndGet();
    }
  }
}
