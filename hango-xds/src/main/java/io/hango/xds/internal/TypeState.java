package io.hango.xds.internal;

import io.hango.xds.TypeStatus;
import io.hango.xds.TypeUrls;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * What a stream knows about one resource type: the subscription, the pending-send flags that
 * stand in for an outbound queue, and the ACK/NACK history. Only touched on the stream's
 * serialized executor.
 */
abstract class TypeState {

  final String typeUrl;
  /** Whether the client has requested this type at all. */
  boolean seen;
  boolean wildcard;
  final TreeSet<String> names = new TreeSet<>();
  /**
   * {@link #names} as the status shows it, rebuilt only after the subscription changed: the
   * status is published after every request, and copying thousands of endpoint names on every
   * ACK cost more than answering it.
   */
  private List<String> namesForStatus = List.of();

  private boolean namesForStatusStale;

  /**
   * A response with additions/updates may be due. A flag rather than a queued message: the
   * response is computed from the latest snapshot when the transport is ready, which
   * coalesces any number of publishes into one send and bounds memory per stream.
   */
  boolean pendingAdd;
  /** Removals held back until every type's additions went out (make-before-break). */
  boolean pendingRemove;
  /** The client asked with no nonce (new subscription): it must get an answer. */
  boolean answerRequired;
  /**
   * The last response of this type has not been answered (ACK or NACK) yet. On an aggregated
   * stream removals wait until no type awaits an answer: the client has then applied what
   * replaces the removed resources, and changed its subscriptions accordingly.
   */
  boolean awaitingReply;
  /**
   * The {@linkplain TypeGeneration generation} of this type, and of the clusters, the last
   * response was built from: a publish that changes neither leaves the type alone.
   */
  long syncedGeneration = -1;

  long syncedClusters = -1;

  String versionSent;
  String versionAcked;
  String versionNacked;
  String lastNackMessage;
  Instant lastSentAt;
  Instant lastAckAt;
  Instant lastNackAt;
  int resourceCount;
  /** Whether the last NACK was logged; the same NACK again is then only counted. */
  boolean nackLogged;
  /** Repeats of the last logged NACK since it was logged. */
  int unloggedNacks;

  TypeState(String typeUrl) {
    this.typeUrl = typeUrl;
  }

  boolean isSubscribed(String name) {
    return wildcard || names.contains(name);
  }

  /**
   * Whether the snapshot may change what this type sends: its resources changed since the last
   * response was built, or, for endpoints, the clusters (which decide the empty assignments).
   */
  boolean changedIn(GroupSnapshot current) {
    return current.generation(typeUrl).number() != syncedGeneration
        || (TypeUrls.ENDPOINT.equals(typeUrl) && current.generation(TypeUrls.CLUSTER).number() != syncedClusters);
  }

  /** Records that a response is being built from this snapshot. */
  void markSynced(GroupSnapshot current) {
    syncedGeneration = current.generation(typeUrl).number();
    syncedClusters = current.generation(TypeUrls.CLUSTER).number();
  }

  boolean pending() {
    return pendingAdd || pendingRemove;
  }

  /** To be called whenever {@link #names} changed. */
  void namesChanged() {
    namesForStatusStale = true;
  }

  TypeStatus toStatus() {
    if (namesForStatusStale) {
      namesForStatus = List.copyOf(names);
      namesForStatusStale = false;
    }
    return new TypeStatus(
        typeUrl,
        versionSent,
        versionAcked,
        versionNacked,
        lastNackMessage,
        lastSentAt,
        lastAckAt,
        lastNackAt,
        wildcard,
        namesForStatus,
        resourceCount);
  }
}
