package io.hango.xds.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.hango.xds.XdsListener;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one stream's events to the user's {@link XdsListener} on the callback executor, in
 * order, so that a slow listener never holds up the stream actors (and with them every
 * stream's pushes).
 *
 * <p>Bounded: a listener that falls more than {@link #MAX_PENDING} events behind on a stream
 * loses the newer ones (logged once per stream, counted in {@code
 * hango.xds.listener.dropped}) rather than making the server hold every response it sent.
 */
final class StreamCallbacks {

  private static final Logger log = LoggerFactory.getLogger(StreamCallbacks.class);

  /** Events of one stream waiting for the listener. */
  static final int MAX_PENDING = 1_000;

  private final XdsListener listener;
  private final Executor inOrder;
  private final XdsMetrics metrics;
  private final long streamId;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * @param listener the user's listener, or null for none (then nothing is scheduled at all)
   */
  StreamCallbacks(XdsListener listener, Executor callbackExecutor, XdsMetrics metrics, long streamId) {
    this.listener = listener;
    this.inOrder = MoreExecutors.newSequentialExecutor(callbackExecutor);
    this.metrics = metrics;
    this.streamId = streamId;
  }

  /** Schedules an event for the listener; any thread may call this. */
  void deliver(Consumer<XdsListener> event) {
    if (listener == null) {
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      dropped("the listener is " + MAX_PENDING + " events behind");
      return;
    }
    try {
      inOrder.execute(
          () -> {
            try {
              event.accept(listener);
            } catch (RuntimeException e) {
              log.warn("xDS listener failed", e);
            } finally {
              pending.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      dropped("the callback executor rejected it");
    }
  }

  private void dropped(String why) {
    pending.decrementAndGet();
    metrics.listenerEventDropped();
    if (warned.compareAndSet(false, true)) {
      log.warn("xDS stream {}: listener events dropped: {}", streamId, why);
    }
  }
}
