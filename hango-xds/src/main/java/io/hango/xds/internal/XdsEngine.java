package io.hango.xds.internal;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Attributes;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.hango.xds.NodeStatus;
import io.hango.xds.SnapshotStore;
import io.hango.xds.XdsAuthorizer;
import io.hango.xds.XdsListener;
import io.hango.xds.XdsStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The protocol engine behind every xDS service: owns the snapshot store, the debouncer and
 * the registry of live streams, and creates a stream actor per gRPC call.
 *
 * <p>Internal: the public entry point is {@code io.hango.xds.XdsServer}.
 */
public final class XdsEngine {

  private final EngineSettings settings;
  private final XdsMetrics metrics;
  private final DefaultSnapshotStore store;
  private final GroupDebouncer debouncer;
  private final Set<XdsStream<?, ?, ?>> streams = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Set<XdsStream<?, ?, ?>>> byGroup = new ConcurrentHashMap<>();
  private final AtomicLong streamIds = new AtomicLong();
  private final AtomicInteger openStreams = new AtomicInteger();
  /** Set by {@link #closeStreams}: later streams are refused, not left without an executor. */
  private volatile Status closing;

  public XdsEngine(EngineSettings settings) {
    this.settings = settings;
    this.metrics = new XdsMetrics(settings.meterRegistry());
    this.debouncer =
        new GroupDebouncer(
            settings.scheduler(), settings.quietPeriod(), settings.maxDelay(), this::notifyGroup);
    this.store = new DefaultSnapshotStore(debouncer::changed);
  }

  public SnapshotStore store() {
    return store;
  }

  /** The ADS and per-type services, each wrapped to expose the peer to the authorizer. */
  public List<BindableService> services() {
    return DiscoveryServices.create(this);
  }

  public XdsStatus status() {
    List<NodeStatus> nodes = new ArrayList<>();
    for (XdsStream<?, ?, ?> s : streams) {
      NodeStatus n = s.status();
      if (n != null) {
        nodes.add(n);
      }
    }
    nodes.sort(Comparator.comparingLong(NodeStatus::streamId));
    return new XdsStatus(Instant.now(), nodes);
  }

  /** Ends every stream, e.g. {@code UNAVAILABLE} on shutdown so clients fail over. */
  public void closeStreams(Status status) {
    closing = status;
    streams.forEach(s -> s.shutdown(status));
  }

  /**
   * Waits until no stream is open, e.g. after {@link #closeStreams}.
   *
   * @return whether all streams ended within the timeout
   */
  public boolean awaitNoStreams(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (openStreams) {
      while (openStreams.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        openStreams.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  /** Groups with at least one authorized stream (bookkeeping; for tests). */
  int groupsWithStreams() {
    return byGroup.size();
  }

  /** Streams currently open (authorized or not). */
  public int openStreams() {
    return openStreams.get();
  }

  StreamObserver<DiscoveryRequest> openSotw(
      StreamObserver<DiscoveryResponse> responses, String fixedTypeUrl) {
    if (!admit(responses)) {
      return NoopObserver.instance();
    }
    SotwStream s =
        new SotwStream(this, streamIds.incrementAndGet(), fixedTypeUrl, responses, attributes(), method());
    return added(s, responses);
  }

  StreamObserver<DeltaDiscoveryRequest> openDelta(
      StreamObserver<DeltaDiscoveryResponse> responses, String fixedTypeUrl) {
    if (!admit(responses)) {
      return NoopObserver.instance();
    }
    DeltaStream s =
        new DeltaStream(this, streamIds.incrementAndGet(), fixedTypeUrl, responses, attributes(), method());
    return added(s, responses);
  }

  /**
   * Registers a new stream, unless {@link #closeStreams} ran meanwhile: it sets {@code closing}
   * before it iterates, so a stream either is in that iteration or sees the flag here.
   */
  private <Q extends com.google.protobuf.Message> StreamObserver<Q> added(XdsStream<Q, ?, ?> s, StreamObserver<?> responses) {
    streams.add(s);
    Status refused = closing;
    if (refused != null && streams.remove(s)) {
      streamEnded();
      responses.onError(refused.asException());
      return NoopObserver.instance();
    }
    return s;
  }

  private boolean admit(StreamObserver<?> responses) {
    Status refused = closing;
    if (refused != null) {
      responses.onError(refused.asException());
      return false;
    }
    if (openStreams.incrementAndGet() > settings.maxStreams()) {
      openStreams.decrementAndGet();
      responses.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription("xDS server stream limit (" + settings.maxStreams() + ") reached")
              .asException());
      return false;
    }
    return true;
  }

  private static Attributes attributes() {
    Attributes a = PeerCaptureInterceptor.ATTRIBUTES.get(Context.current());
    return a == null ? Attributes.EMPTY : a;
  }

  private static String method() {
    String m = PeerCaptureInterceptor.METHOD.get(Context.current());
    return m == null ? "" : m;
  }

  void register(XdsStream<?, ?, ?> stream, String group) {
    // compute/computeIfPresent are atomic per key, so a set emptied (and dropped) by
    // unregister is never the one a concurrent register adds to.
    byGroup.compute(
        group,
        (g, members) -> {
          Set<XdsStream<?, ?, ?>> m = members == null ? ConcurrentHashMap.newKeySet() : members;
          m.add(stream);
          return m;
        });
    metrics.streamOpened();
  }

  void unregister(XdsStream<?, ?, ?> stream, String group) {
    if (group != null) {
      // Drop the group's entry with its last stream: with per-node groups, entries would
      // otherwise accumulate for every node that ever connected.
      byGroup.computeIfPresent(
          group,
          (g, members) -> {
            members.remove(stream);
            return members.isEmpty() ? null : members;
          });
      metrics.streamClosed();
    }
    // Last: whoever awaits "no streams" must find every other trace of the stream gone.
    if (streams.remove(stream)) {
      streamEnded();
    }
  }

  private void streamEnded() {
    if (openStreams.decrementAndGet() == 0) {
      synchronized (openStreams) {
        openStreams.notifyAll();
      }
    }
  }

  private void notifyGroup(String group) {
    Set<XdsStream<?, ?, ?>> members = byGroup.get(group);
    if (members != null) {
      members.forEach(XdsStream::snapshotChanged);
    }
  }

  GroupSnapshot current(String group) {
    return store.current(group);
  }

  String groupOf(Node node) {
    return settings.nodeGroups().groupOf(node);
  }

  XdsAuthorizer authorizer() {
    return settings.authorizer();
  }

  XdsListener listener() {
    return settings.listener();
  }

  XdsMetrics metrics() {
    return metrics;
  }

  Executor executor() {
    return settings.executor();
  }
}
