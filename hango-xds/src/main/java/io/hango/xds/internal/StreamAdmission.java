package io.hango.xds.internal;

import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which streams may open, and how many: per connection (the peer's address and port), per
 * peer (its address), and in total.
 *
 * <p>A stream is idle until its first request and active after it. Only active streams count
 * against the total: streams that never send a request must not lock out clients that do.
 * Idle streams are bounded apart, by the same number: when a new stream would exceed it, the
 * oldest idle stream is evicted (new streams, real clients among them, always get in; a flood
 * of silent streams only churns itself). Idle streams are also closed after a while, see
 * {@code firstRequestTimeout}.
 *
 * <p>Thread-safe.
 */
final class StreamAdmission {

  private final int maxStreams;
  private final int maxPerConnection;
  private final int maxPerPeer;
  private final ConcurrentHashMap<Object, Integer> perConnection = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Object, Integer> perPeer = new ConcurrentHashMap<>();
  /** Idle streams, oldest first. Guarded by this, like the tickets' state and {@link #active}. */
  private final LinkedHashSet<Ticket> idle = new LinkedHashSet<>();
  private int active;

  StreamAdmission(int maxStreams, int maxPerConnection, int maxPerPeer) {
    this.maxStreams = maxStreams;
    this.maxPerConnection = maxPerConnection;
    this.maxPerPeer = maxPerPeer;
  }

  /** One stream's share of the limits, from admission until release. */
  static final class Ticket {
    private final Object connection;
    private final Object peer;
    private final Status refusal;
    private Runnable evict;
    private boolean active;
    private boolean released;

    private Ticket(Object connection, Object peer, Status refusal) {
      this.connection = connection;
      this.peer = peer;
      this.refusal = refusal;
    }

    /** Why the stream was refused, or null if it was admitted. */
    Status refusal() {
      return refusal;
    }
  }

  /**
   * Admits a new stream from a remote address (null if unknown: then only the totals count),
   * or refuses it with {@code RESOURCE_EXHAUSTED} (see {@link Ticket#refusal()}).
   */
  Ticket admit(SocketAddress remote) {
    Object peer = remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress() : remote;
    if (!increment(perConnection, remote, maxPerConnection)) {
      return refused("xDS stream limit per connection (" + maxPerConnection + ") reached");
    }
    if (!increment(perPeer, peer, maxPerPeer)) {
      decrement(perConnection, remote);
      return refused("xDS stream limit per peer address (" + maxPerPeer + ") reached");
    }
    return new Ticket(remote, peer, null);
  }

  /**
   * Counts an admitted stream as idle until {@link #activate}, evicting the oldest idle
   * streams (by running their {@code evict}) if there are too many.
   */
  void idle(Ticket t, Runnable evict) {
    List<Runnable> evicted = new ArrayList<>();
    synchronized (this) {
      if (t.released || t.active) {
        return;
      }
      t.evict = evict;
      idle.add(t);
      Iterator<Ticket> oldest = idle.iterator();
      while (idle.size() > maxStreams) {
        Ticket victim = oldest.next();
        oldest.remove();
        evicted.add(victim.evict);
      }
    }
    evicted.forEach(Runnable::run);
  }

  /**
   * Counts a stream as active, on its first request.
   *
   * @return null, or {@code RESOURCE_EXHAUSTED} if the server serves its maximum already
   */
  synchronized Status activate(Ticket t) {
    if (t.released || t.active) {
      return null;
    }
    if (active >= maxStreams) {
      return Status.RESOURCE_EXHAUSTED.withDescription("xDS server stream limit (" + maxStreams + ") reached");
    }
    idle.remove(t);
    t.active = true;
    active++;
    return null;
  }

  /** Gives a stream's share back; later calls do nothing. */
  void release(Ticket t) {
    synchronized (this) {
      if (t.released || t.refusal != null) {
        return;
      }
      t.released = true;
      if (t.active) {
        active--;
      } else {
        idle.remove(t);
      }
    }
    decrement(perPeer, t.peer);
    decrement(perConnection, t.connection);
  }

  private static Ticket refused(String why) {
    return new Ticket(null, null, Status.RESOURCE_EXHAUSTED.withDescription(why));
  }

  private static boolean increment(ConcurrentHashMap<Object, Integer> counts, Object key, int max) {
    if (key == null) {
      return true;
    }
    if (counts.merge(key, 1, Integer::sum) > max) {
      decrement(counts, key);
      return false;
    }
    return true;
  }

  /** Drops a key with its last stream, so addresses seen once do not accumulate. */
  private static void decrement(ConcurrentHashMap<Object, Integer> counts, Object key) {
    if (key != null) {
      counts.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }
  }
}
