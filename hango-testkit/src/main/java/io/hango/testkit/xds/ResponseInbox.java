package io.hango.testkit.xds;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Responses received on one stream, in arrival order, with blocking reads that time out into
 * an {@link AssertionError} that lists what did arrive.
 */
final class ResponseInbox<R> {

  private final Function<R, String> typeOf;
  private final List<R> all = new ArrayList<>();
  private final LinkedList<R> unread = new LinkedList<>();
  private Status closedWith;

  ResponseInbox(Function<R, String> typeOf) {
    this.typeOf = typeOf;
  }

  synchronized void add(R response) {
    all.add(response);
    unread.add(response);
    notifyAll();
  }

  synchronized void closed(Status status) {
    if (closedWith == null) {
      closedWith = status;
    }
    notifyAll();
  }

  synchronized List<R> all() {
    return List.copyOf(all);
  }

  synchronized Status closedWith() {
    return closedWith;
  }

  /** The next unread response matching, waiting up to the timeout. */
  synchronized R next(Predicate<R> matching, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Iterator<R> it = unread.iterator(); it.hasNext(); ) {
        R r = it.next();
        if (matching.test(r)) {
          it.remove();
          return r;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || closedWith != null) {
        throw new AssertionError(
            "no " + what + " within " + timeout
                + (closedWith == null ? "" : "; stream closed with " + closedWith)
                + "; unread: " + describe(unread));
      }
      waitNanos(left);
    }
  }

  /** Fails if any unread response matching arrives within the duration. */
  synchronized void expectNone(Predicate<R> matching, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      for (R r : unread) {
        if (matching.test(r)) {
          throw new AssertionError("unexpected response: " + describe(List.of(r)));
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || closedWith != null) {
        return;
      }
      waitNanos(left);
    }
  }

  /** Waits for the stream to end and returns its status. */
  synchronized Status awaitClosed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (closedWith == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("stream still open after " + timeout);
      }
      waitNanos(left);
    }
    return closedWith;
  }

  private void waitNanos(long nanos) {
    try {
      wait(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String describe(List<R> responses) {
    List<String> parts = new ArrayList<>();
    for (R r : responses) {
      parts.add(typeOf.apply(r));
    }
    return parts.toString();
  }
}
