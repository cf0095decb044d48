package io.hango.xds.internal;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Attributes;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Grpc;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol engine behind every xDS service: owns the snapshot store, the debouncer and
 * the registry of live streams, and creates a stream actor per gRPC call.
 *
 * <p>Internal: the public entry point is {@code io.hango.xds.XdsServer}.
 */
public final class XdsEngine {

  private static final Logger log = LoggerFactory.getLogger(XdsEngine.class);

  private final EngineSettings settings;
  private final XdsMetrics metrics;
  private final DefaultSnapshotStore store;
  private final GroupDebouncer debouncer;
  private final StreamAdmission admission;
  private final Set<XdsStream<?, ?, ?>> streams = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Set<XdsStream<?, ?, ?>>> byGroup = new ConcurrentHashMap<>();
  private final AtomicLong streamIds = new AtomicLong();
  private final AtomicInteger openStreams = new AtomicInteger();
  /**
   * Set by {@link #closeStreams}: later streams are refused, not left without an executor.
   * Guarded by {@link #streams} together with adding to it, so a new stream is either closed
   * by {@code closeStreams} or refused, never both (which would end its call twice).
   */
  private Status closing;

  public XdsEngine(EngineSettings settings) {
    this.settings = settings;
    this.metrics = new XdsMetrics(settings.meterRegistry());
    this.debouncer =
        new GroupDebouncer(
            settings.scheduler(), settings.quietPeriod(), settings.maxDelay(), this::notifyGroup);
    this.store = new DefaultSnapshotStore(debouncer::changed, this::groupCleared);
    EngineSettings.Limits limits = settings.limits();
    this.admission =
        new StreamAdmission(limits.maxStreams(), limits.maxStreamsPerConnection(), limits.maxStreamsPerPeer());
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
    List<XdsStream<?, ?, ?>> open;
    synchronized (streams) {
      closing = status;
      open = List.copyOf(streams);
    }
    open.forEach(s -> s.shutdown(status));
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
    Attributes attributes = attributes();
    StreamAdmission.Ticket ticket = admit(responses, attributes);
    if (ticket == null) {
      return NoopObserver.instance();
    }
    SotwStream s =
        new SotwStream(this, streamIds.incrementAndGet(), fixedTypeUrl, responses, attributes, method(), ticket);
    return added(s, responses);
  }

  StreamObserver<DeltaDiscoveryRequest> openDelta(
      StreamObserver<DeltaDiscoveryResponse> responses, String fixedTypeUrl) {
    Attributes attributes = attributes();
    StreamAdmission.Ticket ticket = admit(responses, attributes);
    if (ticket == null) {
      return NoopObserver.instance();
    }
    DeltaStream s =
        new DeltaStream(this, streamIds.incrementAndGet(), fixedTypeUrl, responses, attributes, method(), ticket);
    return added(s, responses);
  }

  /**
   * Registers a new stream and starts its first-request deadline, unless {@link
   * #closeStreams} ran meanwhile.
   */
  private <Q extends com.google.protobuf.Message> StreamObserver<Q> added(XdsStream<Q, ?, ?> s, StreamObserver<?> responses) {
    Status refused;
    synchronized (streams) {
      refused = closing;
      if (refused == null) {
        streams.add(s);
      }
    }
    if (refused == null) {
      s.startFirstRequestDeadline(settings.scheduler(), settings.limits().firstRequestTimeout());
      admission.idle(s.ticket, s::evictIdle);
      return s;
    }
    admission.release(s.ticket);
    streamEnded();
    responses.onError(refused.asException());
    return NoopObserver.instance();
  }

  /** Admits a new stream (see {@link StreamAdmission}), or ends it and returns null. */
  private StreamAdmission.Ticket admit(StreamObserver<?> responses, Attributes attributes) {
    Status refused;
    synchronized (streams) {
      refused = closing;
    }
    if (refused != null) {
      responses.onError(refused.asException());
      return null;
    }
    StreamAdmission.Ticket ticket = admission.admit(attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    if (ticket.refusal() != null) {
      responses.onError(ticket.refusal().asException());
      return null;
    }
    openStreams.incrementAndGet();
    return ticket;
  }

  /**
   * Counts a stream as serving, on its first request.
   *
   * @return null, or why the stream may not be served
   */
  Status activate(XdsStream<?, ?, ?> stream) {
    return admission.activate(stream.ticket);
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
    admission.release(stream.ticket);
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

  /**
   * Ends the streams of a group whose snapshot was removed, so that their clients reconnect
   * and are grouped again (moving them in place would skip the authorizer's say on groups).
   */
  private void groupCleared(String group) {
    Set<XdsStream<?, ?, ?>> members = byGroup.get(group);
    if (members != null && !members.isEmpty()) {
      log.info(
          "xDS snapshot group '{}' removed: resetting its {} streams", LogText.escape(group), members.size());
      Status reset =
          Status.UNAVAILABLE.withDescription(
              "xDS snapshot group '" + group + "' was removed; reconnect to be assigned a group");
      members.forEach(s -> s.shutdown(reset));
    }
  }

  GroupSnapshot current(String group) {
    return store.current(group);
  }

  String groupOf(Node node) {
    return settings.nodeGroups().groupOf(node);
  }

  EngineSettings.Limits limits() {
    return settings.limits();
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

  Executor callbackExecutor() {
    return settings.callbackExecutor();
  }
}
