package io.hango.xds.internal;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.hango.xds.NodeStatus;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeStatus;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsAuthorization;
import io.hango.xds.XdsClientIdentity;
import io.hango.xds.XdsListener;
import io.hango.xds.XdsResource;
import io.hango.xds.XdsStreamInfo;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One xDS stream as an actor: every event (request, snapshot change, transport ready, close)
 * runs as a task on a per-stream sequential executor, so the protocol state needs no locks
 * and events of one stream are handled in order.
 *
 * <p>Outbound flow control: nothing is queued. A type with something to send carries a flag
 * ({@link TypeState#pendingAdd}); while the transport {@code isReady()}, the stream computes
 * the next response from the latest snapshot and sends it. A client that does not read
 * therefore costs at most one flag per type, and gets the latest version once it reads again.
 *
 * <p>Inbound flow control: the next request is asked for only after the previous one was
 * handled, so a flooding client cannot grow a queue either.
 *
 * @param <Q> request type
 * @param <R> response type
 * @param <S> per-type state
 */
abstract class XdsStream<Q extends Message, R extends Message, S extends TypeState>
    implements StreamObserver<Q> {

  private static final Logger log = LoggerFactory.getLogger(XdsStream.class);

  static final Comparator<String> PUSH_ORDER =
      Comparator.<String>comparingInt(
              t -> {
                int i = TypeUrls.PUSH_ORDER.indexOf(t);
                return i < 0 ? TypeUrls.PUSH_ORDER.size() : i;
              })
          .thenComparing(Comparator.naturalOrder());

  /**
   * Distinct type URLs one stream may request. Real clients use the five well-known ones and
   * a few more; a client inventing type URLs must not grow the per-stream state without bound.
   */
  static final int MAX_TYPES_PER_STREAM = 64;

  final XdsEngine engine;
  final long id;
  /** The type of a per-type service, or null on ADS. */
  final String fixedTypeUrl;
  final boolean ads;
  private final boolean delta;
  private final ServerCallStreamObserver<R> out;
  private final Executor actor;
  private final Attributes attributes;
  private final String method;
  private final Instant connectedAt = Instant.now();

  /** Per-type state in push order. */
  final TreeMap<String, S> types = new TreeMap<>(PUSH_ORDER);

  private Node node = Node.getDefaultInstance();
  private String group;
  private XdsStreamInfo info;
  private boolean authorized;
  private boolean closed;
  private long nonces;
  private long responsesSent;
  private long bytesSent;
  /** Publish time of the oldest change not yet fully sent; 0 if none. */
  private long changeSinceNanos;
  private volatile NodeStatus status;

  XdsStream(
      XdsEngine engine,
      long id,
      String fixedTypeUrl,
      boolean delta,
      StreamObserver<R> responses,
      Attributes attributes,
      String method) {
    this.engine = engine;
    this.id = id;
    this.fixedTypeUrl = fixedTypeUrl;
    this.ads = fixedTypeUrl == null;
    this.delta = delta;
    this.attributes = attributes;
    this.method = method;
    this.actor = MoreExecutors.newSequentialExecutor(engine.executor());
    this.out = (ServerCallStreamObserver<R>) responses;
    // These must be set before the service method returns.
    out.disableAutoRequest();
    out.setOnReadyHandler(() -> run(this::drainAndPublish));
    out.setOnCancelHandler(() -> run(() -> terminate(Status.CANCELLED.asException(), false)));
    out.request(1);
  }

  // ---- protocol hooks ----

  abstract Node nodeOf(Q request);

  abstract String typeUrlOf(Q request);

  abstract S newState(String typeUrl);

  /** Handles a request for a type: nonce, ACK/NACK, subscription; sets pending flags. */
  abstract void onRequest(S state, Q request);

  /** The next add/update response for a type, or null; clears {@code pendingAdd}. */
  abstract R buildAdd(S state, Snapshot snapshot);

  /** The response that carries held-back removals, or null; clears {@code pendingRemove}. */
  abstract R buildRemove(S state, Snapshot snapshot);

  abstract String typeUrlOfResponse(R response);

  abstract String versionOfResponse(R response);

  // ---- events from gRPC and the engine ----

  @Override
  public void onNext(Q request) {
    run(
        () -> {
          if (closed) {
            return;
          }
          try {
            handle(request);
          } catch (RuntimeException e) {
            log.error("xDS stream {} failed on a request", id, e);
            terminate(Status.INTERNAL.withDescription(e.toString()).asException(), true);
          }
          if (!closed) {
            out.request(1);
          }
          publishStatus();
        });
  }

  @Override
  public void onError(Throwable t) {
    run(() -> terminate(t, false));
  }

  @Override
  public void onCompleted() {
    run(() -> terminate(null, true));
  }

  /** The group's snapshot changed: everything subscribed may be due. */
  void snapshotChanged() {
    run(
        () -> {
          if (closed || !authorized) {
            return;
          }
          GroupSnapshot current = engine.current(group);
          if (current != null && changeSinceNanos == 0) {
            changeSinceNanos = current.publishedNanos();
          }
          for (S s : types.values()) {
            if (s.seen) {
              s.pendingAdd = true;
            }
          }
          drain();
          publishStatus();
        });
  }

  /** Ends the stream from the server side (shutdown). */
  void shutdown(Status status) {
    run(() -> terminate(status.asException(), true));
  }

  NodeStatus status() {
    return status;
  }

  // ---- internals ----

  private void run(Runnable task) {
    try {
      actor.execute(() -> guarded(task));
    } catch (RejectedExecutionException e) {
      // The engine is closing; the stream goes away with the transport.
      log.debug("xDS stream {} dropped a task during shutdown", id);
    }
  }

  /**
   * Runs an actor task; a failure ends the stream with INTERNAL. Without this, an exception
   * while pushing a publish would only be logged by the executor, leaving the stream open
   * with its pending flags cleared: wedged, and never told.
   */
  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("xDS stream {} ({}) failed", id, node.getId(), e);
      terminate(Status.INTERNAL.withDescription(e.toString()).asException(), true);
    }
  }

  private void handle(Q request) {
    if (!authorized && !authorize(nodeOf(request))) {
      return;
    }
    String typeUrl = typeUrlOf(request);
    if (typeUrl.isEmpty()) {
      if (fixedTypeUrl == null) {
        log.warn("xDS stream {} ({}): request without type_url ignored", id, node.getId());
        return;
      }
      typeUrl = fixedTypeUrl;
    } else if (fixedTypeUrl != null && !fixedTypeUrl.equals(typeUrl)) {
      terminate(
          Status.INVALID_ARGUMENT
              .withDescription("this service serves " + fixedTypeUrl + ", not " + typeUrl)
              .asException(),
          true);
      return;
    }
    if (!types.containsKey(typeUrl) && types.size() >= MAX_TYPES_PER_STREAM) {
      terminate(
          Status.RESOURCE_EXHAUSTED
              .withDescription("more than " + MAX_TYPES_PER_STREAM + " resource types on one stream")
              .asException(),
          true);
      return;
    }
    String type = typeUrl;
    notifyListener(l -> l.onRequest(info, type, request));
    S state = types.computeIfAbsent(typeUrl, this::newState);
    onRequest(state, request);
    drain();
  }

  private boolean authorize(Node requestNode) {
    node = requestNode;
    String proposed = engine.groupOf(node);
    XdsClientIdentity identity =
        new XdsClientIdentity(
            node,
            proposed,
            method,
            Optional.ofNullable(attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)),
            peerCertificates());
    XdsAuthorization decision;
    try {
      decision = engine.authorizer().authorize(identity);
    } catch (RuntimeException e) {
      log.error("xDS authorizer failed for node {}", node.getId(), e);
      decision = XdsAuthorization.deny("authorization failed");
    }
    if (!decision.allowed()) {
      log.info("xDS stream {} of node '{}' denied: {}", id, node.getId(), decision.reason().orElse(""));
      terminate(
          Status.PERMISSION_DENIED.withDescription(decision.reason().orElse("denied")).asException(),
          true);
      return false;
    }
    group = decision.group().orElse(proposed);
    info = new XdsStreamInfo(id, ads ? "ADS" : fixedTypeUrl, delta, node, group);
    authorized = true;
    engine.register(this, group);
    notifyListener(l -> l.onStreamOpen(info));
    return true;
  }

  private List<X509Certificate> peerCertificates() {
    SSLSession ssl = attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (ssl == null) {
      return List.of();
    }
    try {
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : ssl.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          certs.add(x);
        }
      }
      return certs;
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  /** Sends while the transport can take more, most urgent type first. */
  final void drain() {
    if (closed || !authorized) {
      return;
    }
    GroupSnapshot current = engine.current(group);
    if (current == null) {
      return; // nothing published for this group yet: requests wait for the first publish
    }
    while (!closed && out.isReady()) {
      R response = next(current.snapshot());
      if (response == null) {
        if (changeSinceNanos != 0) {
          engine.metrics().pushLatency(Duration.ofNanos(System.nanoTime() - changeSinceNanos));
          changeSinceNanos = 0;
        }
        return;
      }
      send(response);
    }
  }

  private R next(Snapshot snapshot) {
    for (S s : types.values()) {
      if (s.pendingAdd) {
        R r = buildAdd(s, snapshot);
        if (r != null) {
          return r;
        }
      }
    }
    // Removals only once no type has additions left, so nothing in use disappears first.
    for (S s : types.values()) {
      if (s.pendingRemove) {
        R r = buildRemove(s, snapshot);
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  private void send(R response) {
    int size = response.getSerializedSize();
    out.onNext(response);
    responsesSent++;
    bytesSent += size;
    String typeUrl = typeUrlOfResponse(response);
    engine.metrics().pushed(metricType(typeUrl), size);
    notifyListener(l -> l.onPush(info, typeUrl, versionOfResponse(response), response));
  }

  /** Ends the stream once; {@code tellClient} completes or fails the response side. */
  private void terminate(Throwable error, boolean tellClient) {
    if (closed) {
      return;
    }
    closed = true;
    if (tellClient) {
      try {
        if (error == null) {
          out.onCompleted();
        } else {
          out.onError(error);
        }
      } catch (RuntimeException e) {
        log.debug("xDS stream {} already gone", id, e);
      }
    }
    engine.unregister(this, authorized ? group : null);
    if (authorized) {
      notifyListener(l -> l.onStreamClose(info, error));
    }
    status = null;
  }

  /**
   * The type to tag a meter with: type URLs come from clients, so only well-known types and
   * types the served snapshot has get their own meter; anything else counts as "other".
   */
  private String metricType(String typeUrl) {
    if (TypeUrls.PUSH_ORDER.contains(typeUrl)) {
      return typeUrl;
    }
    GroupSnapshot current = group == null ? null : engine.current(group);
    return current != null && current.snapshot().typeUrls().contains(typeUrl)
        ? typeUrl
        : XdsMetrics.OTHER_TYPE;
  }

  String nextNonce() {
    return Long.toString(++nonces);
  }

  void recordAck(S s, String version) {
    s.versionAcked = version;
    s.lastAckAt = Instant.now();
    notifyListener(l -> l.onAck(info, s.typeUrl, version));
  }

  void recordNack(S s, String version, String message) {
    s.versionNacked = version;
    s.lastNackMessage = message;
    s.lastNackAt = Instant.now();
    engine.metrics().nacked(metricType(s.typeUrl));
    log.warn("xDS NACK from node '{}' for {} version {}: {}", node.getId(), s.typeUrl, version, message);
    notifyListener(l -> l.onNack(info, s.typeUrl, version, message));
  }

  void recordSent(S s, String version, int resourceCount) {
    s.versionSent = version;
    s.lastSentAt = Instant.now();
    s.resourceCount = resourceCount;
    s.answerRequired = false;
  }

  /** The resources of a snapshot a type's subscription selects, sorted by name. */
  static SortedMap<String, XdsResource> select(TypeState s, Snapshot snapshot) {
    Map<String, XdsResource> all = snapshot.resources(s.typeUrl);
    TreeMap<String, XdsResource> selected = new TreeMap<>();
    if (s.wildcard) {
      selected.putAll(all);
    }
    for (String name : s.names) {
      XdsResource r = all.get(name);
      if (r != null) {
        selected.put(name, r);
      }
    }
    return selected;
  }

  /**
   * Adds an empty assignment for every subscribed EDS name missing from {@code selected}:
   * Envoy keeps a cluster warming until its endpoints arrive, so "no endpoints" must be said
   * explicitly.
   */
  static void addMissingEndpoints(TypeState s, Map<String, XdsResource> selected) {
    if (!TypeUrls.ENDPOINT.equals(s.typeUrl)) {
      return;
    }
    for (String name : s.names) {
      if (!selected.containsKey(name)) {
        selected.put(name, emptyEndpoints(name));
      }
    }
  }

  static XdsResource emptyEndpoints(String clusterName) {
    return XdsResource.of(
        clusterName, ClusterLoadAssignment.newBuilder().setClusterName(clusterName).build());
  }

  private void notifyListener(Consumer<XdsListener> call) {
    try {
      call.accept(engine.listener());
    } catch (RuntimeException e) {
      log.warn("xDS listener failed", e);
    }
  }

  private void publishStatus() {
    if (!authorized || closed) {
      return;
    }
    int pending = 0;
    List<TypeStatus> typeStatuses = new ArrayList<>(types.size());
    for (S s : types.values()) {
      if (s.pending()) {
        pending++;
      }
      typeStatuses.add(s.toStatus());
    }
    SocketAddress remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    status =
        new NodeStatus(
            id,
            node.getId(),
            node.getCluster(),
            group,
            info.service(),
            delta,
            remote == null ? null : remote.toString(),
            connectedAt,
            responsesSent,
            bytesSent,
            pending,
            typeStatuses);
  }

  /** Publishes the status after a drain triggered by the transport. */
  private void drainAndPublish() {
    drain();
    publishStatus();
  }
}
