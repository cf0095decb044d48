package io.hango.bench.xds;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.hango.xds.TypeUrls;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the simulated ADS clients of one run share: the sync latch, the current update
 * {@link Round}, the byte counters and the parse cache. A client is <em>synced</em> when it has
 * received (and ACKed) a CDS, EDS, LDS and RDS response.
 */
final class ClientRun {

  static final String CDS = TypeUrls.CLUSTER;
  static final String EDS = TypeUrls.ENDPOINT;
  static final String LDS = TypeUrls.LISTENER;
  static final String RDS = TypeUrls.ROUTE;
  static final Set<String> ALL = Set.of(CDS, EDS, LDS, RDS);

  final CountDownLatch synced;
  final AtomicLong initialBytes = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicReference<Throwable> firstError = new AtomicReference<>();
  final ResourceNames names = new ResourceNames();
  private final long startNanos = System.nanoTime();
  private final ConcurrentLinkedQueue<Long> syncNanos = new ConcurrentLinkedQueue<>();
  private volatile Round round;

  ClientRun(int clients) {
    this.synced = new CountDownLatch(clients);
  }

  static Node node(int i) {
    return Node.newBuilder().setId("bench-client-" + i).setCluster("bench").build();
  }

  /** The round in progress, or null before the first. */
  Round round() {
    return round;
  }

  /** Starts counting responses into {@code r}; call before publishing its change. */
  void start(Round r) {
    round = r;
  }

  /** Records that a client has synced and counts it down. */
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
    Round r = round;
    if (r == null) {
      initialBytes.addAndGet(bytes);
    } else {
      r.bytes.addAndGet(bytes);
      r.responses.incrementAndGet();
    }
  }

  void failed(Throwable t) {
    errors.incrementAndGet();
    firstError.compareAndSet(null, t);
  }

  /** Stream errors so far, with the first one. */
  String errorSummary() {
    Throwable t = firstError.get();
    return errors.get() + (t == null ? "" : " (first: " + t + ")");
  }
}
