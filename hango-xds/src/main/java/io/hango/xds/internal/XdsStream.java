package io.hango.xds.internal;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>User code never runs on the actors: the node-group function and the authorizer run on
 * the callback executor (the first request is handled once they answered), listener events
 * are delivered there in order ({@link StreamCallbacks}). If the actors' executor rejects an
 * event, the stream ends at once with {@code UNAVAILABLE}, from the rejected caller's thread
 * (the only state such a thread touches is made safe for it).
 *
 * @param <Q> request type
 * @param <R> response type
 * @param <S> per-type state
 */
abstract class XdsStream<Q extends Message, R extends Message, S extends TypeState>
    implements StreamObserver<Q> {

  private static final Logger log = LoggerFactory.getLogger(XdsStream.class);

  /** What a client learns of a failure inside the server; the detail goes to the log. */
  private static final Status INTERNAL_ERROR =
      Status.INTERNAL.withDescription("internal error in the xDS server");

  /** How a stream ends when the server cannot run its events (executor saturated or closed). */
  private static final Status REJECTED =
      Status.UNAVAILABLE.withDescription("xDS server cannot take more work for this stream");

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

  /** Empty assignments by name; bounded, as the names come from clients. */
  private static final LoadingCache<String, XdsResource> EMPTY_ENDPOINTS =
      CacheBuilder.newBuilder()
          .maximumSize(10_000)
          .build(
              CacheLoader.from(
                  name -> XdsResource.of(name, ClusterLoadAssignment.newBuilder().setClusterName(name).build())));

  final XdsEngine engine;
  final long id;
  /** The type of a per-type service, or null on ADS. */
  final String fixedTypeUrl;
  final boolean ads;
  /** This stream's share of the server's stream limits. */
  final StreamAdmission.Ticket ticket;
  private final boolean delta;
  private final ServerCallStreamObserver<R> out;
  /** Guards the response side, which a rejected task's thread may end next to the actor. */
  private final Object outLock = new Object();
  /** Makes "register unless ended" and "unregister if registered" exclusive (see {@link #end}). */
  private final Object registration = new Object();
  private final Executor actor;
  private final StreamCallbacks callbacks;
  private final Attributes attributes;
  private final String method;
  private final Instant connectedAt = Instant.now();
  /** Set once, by whichever thread ends the stream. */
  private final AtomicBoolean ended = new AtomicBoolean();

  /** Per-type state in push order. */
  final TreeMap<String, S> types = new TreeMap<>(PUSH_ORDER);

  // Written on the actor; volatile where a thread whose task was rejected reads them.
  private volatile Node node = Node.getDefaultInstance();
  private volatile String group;
  private volatile XdsStreamInfo info;
  private volatile boolean authorized;
  private volatile ScheduledFuture<?> firstRequestDeadline;
  private boolean requested;
  private boolean warnedNoTypeUrl;
  private long nonces;
  /** Names subscribed over all types. */
  private int subscribedNames;
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
      String method,
      StreamAdmission.Ticket ticket) {
    this.engine = engine;
    this.ticket = ticket;
    this.id = id;
    this.fixedTypeUrl = fixedTypeUrl;
    this.ads = fixedTypeUrl == null;
    this.delta = delta;
    this.attributes = attributes;
    this.method = method;
    this.actor = MoreExecutors.newSequentialExecutor(engine.executor());
    this.callbacks = new StreamCallbacks(engine.listener(), engine.callbackExecutor(), engine.metrics(), id);
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

  /** How many names a request subscribes (at most; some may be subscribed already). */
  abstract int namesRequested(Q request);

  /** The next add/update response for a type, or null; clears {@code pendingAdd}. */
  abstract R buildAdd(S state, GroupSnapshot current);

  /** The response that carries held-back removals, or null; clears {@code pendingRemove}. */
  abstract R buildRemove(S state, GroupSnapshot current);

  abstract String typeUrlOfResponse(R response);

  abstract String versionOfResponse(R response);

  // ---- events from gRPC and the engine ----

  @Override
  public void onNext(Q request) {
    run(
        () -> {
          if (ended.get()) {
            return;
          }
          if (!requested) {
            requested = true;
            cancelFirstRequestDeadline();
            Status refused = engine.activate(this);
            if (refused != null) {
              terminate(refused.asException(), true);
              return;
            }
          }
          if (authorized) {
            process(request);
          } else {
            authorize(request);
          }
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

  /**
   * The group's snapshot changed: every subscribed type whose resources changed since its last
   * response may be due; the others are left alone (an endpoint update touches only EDS).
   */
  void snapshotChanged() {
    run(
        () -> {
          if (ended.get() || !authorized) {
            return;
          }
          GroupSnapshot current = engine.current(group);
          if (current != null && changeSinceNanos == 0) {
            changeSinceNanos = current.publishedNanos();
          }
          for (S s : types.values()) {
            if (s.seen && (current == null || s.changedIn(current))) {
              s.pendingAdd = true;
            }
          }
          drain();
          publishStatus();
        });
  }

  /**
   * Closes the stream with {@code DEADLINE_EXCEEDED} if no request arrives in time: a stream
   * that never asks for anything would otherwise hold its slot for as long as its connection
   * lives.
   */
  void startFirstRequestDeadline(ScheduledExecutorService scheduler, Duration timeout) {
    Runnable expire =
        () ->
            run(
                () -> {
                  if (!requested) {
                    terminate(
                        Status.DEADLINE_EXCEEDED
                            .withDescription("no request within " + timeout.toMillis() + " ms")
                            .asException(),
                        true);
                  }
                });
    ScheduledFuture<?> f;
    try {
      f = scheduler.schedule(expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.warn("xDS stream {}: timer rejected, no first-request deadline", id);
      return;
    }
    run(
        () -> {
          if (requested || ended.get()) {
            f.cancel(false);
          } else {
            firstRequestDeadline = f;
          }
        });
  }

  /** Closes the stream to make room for a new one, unless it has sent a request meanwhile. */
  void evictIdle() {
    run(
        () -> {
          if (!requested) {
            terminate(
                Status.RESOURCE_EXHAUSTED
                    .withDescription("closed to make room: too many streams without a request")
                    .asException(),
                true);
          }
        });
  }

  /** Ends the stream from the server side (shutdown, or its group was removed). */
  void shutdown(Status status) {
    run(() -> terminate(status.asException(), true));
  }

  NodeStatus status() {
    return status;
  }

  // ---- internals ----

  /**
   * Runs a task on the stream's actor. If the executor rejects it, the stream ends at once,
   * on the caller's thread: a lost cancel would leak its slot, a lost request wedge it (the
   * next one is never asked for), a lost wake-up lose a publish. Clients reconnect.
   */
  private void run(Runnable task) {
    try {
      actor.execute(() -> guarded(task));
    } catch (RejectedExecutionException e) {
      if (!ended.get()) {
        log.warn("xDS stream {} ({}): executor rejected a task, ending the stream", id, nodeForLog());
        end(REJECTED.asException(), true);
      }
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
      log.error("xDS stream {} ({}) failed", id, nodeForLog(), e);
      terminate(INTERNAL_ERROR.asException(), true);
    }
  }

  /** Handles a request of an authorized stream, then asks for the next one. */
  private void process(Q request) {
    try {
      handle(request);
    } catch (RuntimeException e) {
      log.error("xDS stream {} ({}) failed on a request", id, nodeForLog(), e);
      terminate(INTERNAL_ERROR.asException(), true);
    }
    if (!ended.get()) {
      out.request(1);
    }
    publishStatus();
  }

  private void handle(Q request) {
    String typeUrl = typeUrlOf(request);
    if (typeUrl.isEmpty()) {
      if (fixedTypeUrl == null) {
        if (!warnedNoTypeUrl) {
          warnedNoTypeUrl = true;
          log.warn("xDS stream {} ({}): requests without type_url ignored", id, nodeForLog());
        }
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
    EngineSettings.Limits limits = engine.limits();
    if (namesRequested(request) > limits.maxNamesPerType()) {
      // Refused before the names are even stored.
      tooManyNames("more than " + limits.maxNamesPerType() + " names of " + typeUrl);
      return;
    }
    String type = typeUrl;
    notifyListener(l -> l.onRequest(info, type, request));
    S state = types.computeIfAbsent(typeUrl, this::newState);
    int before = state.names.size();
    onRequest(state, request);
    subscribedNames += state.names.size() - before;
    if (state.names.size() > limits.maxNamesPerType()) {
      tooManyNames("more than " + limits.maxNamesPerType() + " names of " + typeUrl);
      return;
    }
    if (subscribedNames > limits.maxNamesPerStream()) {
      tooManyNames("more than " + limits.maxNamesPerStream() + " names on one stream");
      return;
    }
    drain();
  }

  /**
   * Ends a stream that subscribes to more names than allowed: each name costs memory and, for
   * unknown EDS names, a resource in every response, so unbounded subscriptions would let one
   * client make the server do (and send) arbitrary amounts of work.
   */
  private void tooManyNames(String what) {
    log.warn("xDS stream {} ({}) subscribed {}", id, nodeForLog(), LogText.escape(what));
    terminate(
        Status.RESOURCE_EXHAUSTED.withDescription("xDS subscription limit: " + what).asException(), true);
  }

  /**
   * Asks the node-group function and the authorizer about the first request's node, on the
   * callback executor: user code may be slow, and must not hold up the actors that push to
   * every other stream. The stream asks for no further request meanwhile; the answer comes
   * back to the actor, which then handles the first request.
   */
  private void authorize(Q first) {
    node = nodeOf(first);
    Node requestNode = node;
    Optional<SocketAddress> remote = Optional.ofNullable(attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    List<X509Certificate> certificates = peerCertificates();
    Runnable ask =
        () -> {
          String proposed;
          try {
            proposed = engine.groupOf(requestNode);
          } catch (RuntimeException e) {
            log.error("xDS node-group function failed for node '{}'", nodeForLog(), e);
            run(() -> terminate(INTERNAL_ERROR.asException(), true));
            return;
          }
          XdsAuthorization decision;
          try {
            decision =
                engine.authorizer().authorize(
                    new XdsClientIdentity(requestNode, proposed, method, remote, certificates));
          } catch (RuntimeException e) {
            log.error("xDS authorizer failed for node '{}'", nodeForLog(), e);
            decision = XdsAuthorization.deny("authorization failed");
          }
          XdsAuthorization answer = decision;
          run(() -> authorized(answer, proposed, first));
        };
    try {
      engine.callbackExecutor().execute(ask);
    } catch (RejectedExecutionException e) {
      log.warn("xDS stream {} ({}): authorization rejected by the callback executor", id, nodeForLog());
      terminate(REJECTED.asException(), true);
    }
  }

  private void authorized(XdsAuthorization decision, String proposed, Q first) {
    if (ended.get()) {
      return;
    }
    if (!decision.allowed()) {
      log.info(
          "xDS stream {} of node '{}' denied: {}",
          id, nodeForLog(), LogText.escape(decision.reason().orElse("")));
      terminate(
          Status.PERMISSION_DENIED.withDescription(decision.reason().orElse("denied")).asException(),
          true);
      return;
    }
    synchronized (registration) {
      if (ended.get()) {
        return;
      }
      group = decision.group().orElse(proposed);
      info = new XdsStreamInfo(id, ads ? "ADS" : fixedTypeUrl, delta, node, group);
      authorized = true;
      engine.register(this, group);
    }
    notifyListener(l -> l.onStreamOpen(info));
    process(first);
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
    if (ended.get() || !authorized) {
      return;
    }
    GroupSnapshot current = engine.current(group);
    if (current == null) {
      return; // nothing published for this group yet: requests wait for the first publish
    }
    while (!ended.get() && out.isReady()) {
      R response = next(current);
      if (response == null) {
        if (changeSinceNanos != 0 && types.values().stream().noneMatch(TypeState::pending)) {
          engine.metrics().pushLatency(Duration.ofNanos(System.nanoTime() - changeSinceNanos));
          changeSinceNanos = 0;
        }
        return;
      }
      send(response);
      types.get(typeUrlOfResponse(response)).awaitingReply = true;
    }
  }

  /**
   * The next response: additions and updates first, in push order; then, once the client
   * has answered everything sent (it applied the additions and adjusted its subscriptions to
   * what they reference), one removal at a time, referrers first (make-before-break). Only
   * aggregated streams hold removals back; a per-type stream sends them with its additions.
   */
  private R next(GroupSnapshot snapshot) {
    for (S s : types.values()) {
      if (s.pendingAdd) {
        R r = buildAdd(s, snapshot);
        if (r != null) {
          return r;
        }
      }
    }
    for (S s : types.values()) {
      if (s.awaitingReply) {
        return null;
      }
    }
    for (String typeUrl : TypeUrls.REMOVAL_ORDER) {
      S s = types.get(typeUrl);
      R r = s != null && s.pendingRemove ? buildRemove(s, snapshot) : null;
      if (r != null) {
        return r;
      }
    }
    for (S s : types.values()) {
      if (s.pendingRemove && !TypeUrls.REMOVAL_ORDER.contains(s.typeUrl)) {
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
    String typeUrl = typeUrlOfResponse(response);
    synchronized (outLock) {
      if (ended.get()) {
        return;
      }
      // Counted before it leaves, so whoever has received it also sees it counted.
      responsesSent++;
      bytesSent += size;
      engine.metrics().pushed(metricType(typeUrl), size);
      out.onNext(response);
    }
    notifyListener(l -> l.onPush(info, typeUrl, versionOfResponse(response), response));
  }

  /** Ends the stream once, from the actor; {@code tellClient} completes or fails the response side. */
  private void terminate(Throwable error, boolean tellClient) {
    if (ended.get()) {
      return;
    }
    types.values().forEach(this::logRepeatedNacks);
    end(error, tellClient);
  }

  /**
   * What ending a stream takes that any thread may do (the actor, or one whose task the
   * executor rejected): once only, whoever comes first.
   */
  private void end(Throwable error, boolean tellClient) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    cancelFirstRequestDeadline();
    if (tellClient) {
      synchronized (outLock) {
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
    }
    boolean wasAuthorized;
    synchronized (registration) {
      wasAuthorized = authorized;
    }
    engine.unregister(this, wasAuthorized ? group : null);
    if (wasAuthorized) {
      XdsStreamInfo closed = info;
      notifyListener(l -> l.onStreamClose(closed, error));
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
    logRepeatedNacks(s);
    s.versionAcked = version;
    s.lastAckAt = Instant.now();
    notifyListener(l -> l.onAck(info, s.typeUrl, version));
  }

  void recordNack(S s, String version, String message) {
    if (s.nackLogged && version.equals(s.versionNacked) && message.equals(s.lastNackMessage)) {
      // The same complaint again: logged once, counted until something else happens.
      s.unloggedNacks++;
    } else {
      logRepeatedNacks(s);
      log.warn(
          "xDS NACK from node '{}' for {} version {}: {}",
          nodeForLog(), LogText.escape(s.typeUrl), version, LogText.escape(message));
      s.nackLogged = true;
    }
    s.versionNacked = version;
    s.lastNackMessage = message;
    s.lastNackAt = Instant.now();
    engine.metrics().nacked(metricType(s.typeUrl));
    notifyListener(l -> l.onNack(info, s.typeUrl, version, message));
  }

  void recordSent(S s, String version, int resourceCount) {
    s.versionSent = version;
    s.lastSentAt = Instant.now();
    s.resourceCount = resourceCount;
    s.answerRequired = false;
  }

  private void cancelFirstRequestDeadline() {
    ScheduledFuture<?> f = firstRequestDeadline;
    if (f != null) {
      f.cancel(false);
      firstRequestDeadline = null;
    }
  }

  /** Logs how often the last logged NACK of a type was repeated, if at all, and starts over. */
  private void logRepeatedNacks(S s) {
    if (s.unloggedNacks > 0) {
      log.warn(
          "xDS NACK from node '{}' for {} version {} repeated {} more times",
          nodeForLog(), LogText.escape(s.typeUrl), s.versionNacked, s.unloggedNacks);
    }
    s.unloggedNacks = 0;
    s.nackLogged = false;
  }

  /** The node id, escaped for logs. */
  final String nodeForLog() {
    return LogText.escape(node.getId());
  }

  /**
   * The empty assignment of a cluster, built (serialized and hashed) once per name and shared:
   * a request naming thousands of endpoint names must not cost thousands of builds each time.
   */
  static XdsResource emptyEndpoints(String clusterName) {
    return EMPTY_ENDPOINTS.getUnchecked(clusterName);
  }

  private void notifyListener(Consumer<XdsListener> call) {
    callbacks.deliver(call);
  }

  private void publishStatus() {
    if (!authorized || ended.get()) {
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
