package io.hango.xds.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's meters. Names: {@code hango.xds.streams} (gauge), {@code hango.xds.pushes}
 * and {@code hango.xds.nacks} (counters tagged with the short type name), {@code
 * hango.xds.push.latency} (publish to a stream being up to date), {@code hango.xds.bytes.sent}
 * and {@code hango.xds.listener.dropped}.
 */
final class XdsMetrics {

  /** Tag value for type URLs that are neither well known nor served. */
  static final String OTHER_TYPE = "other";

  private final MeterRegistry registry;
  private final AtomicInteger connected = new AtomicInteger();
  private final Timer pushLatency;
  private final Counter bytesSent;
  private final Counter listenerDropped;

  XdsMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("hango.xds.streams", connected, AtomicInteger::get)
        .description("Connected, authorized xDS streams")
        .register(registry);
    pushLatency =
        Timer.builder("hango.xds.push.latency")
            .description("From a snapshot publish to a stream having sent everything it implies")
            .register(registry);
    bytesSent =
        Counter.builder("hango.xds.bytes.sent")
            .baseUnit("bytes")
            .description("Serialized bytes of xDS responses")
            .register(registry);
    listenerDropped =
        Counter.builder("hango.xds.listener.dropped")
            .description("Stream events not delivered to the XdsListener, which was too far behind")
            .register(registry);
  }

  void streamOpened() {
    connected.incrementAndGet();
  }

  void streamClosed() {
    connected.decrementAndGet();
  }

  void pushed(String typeUrl, int bytes) {
    registry.counter("hango.xds.pushes", "type", shortName(typeUrl)).increment();
    bytesSent.increment(bytes);
  }

  void nacked(String typeUrl) {
    registry.counter("hango.xds.nacks", "type", shortName(typeUrl)).increment();
  }

  void listenerEventDropped() {
    listenerDropped.increment();
  }

  void pushLatency(Duration d) {
    pushLatency.record(d);
  }

  static String shortName(String typeUrl) {
    if (OTHER_TYPE.equals(typeUrl)) {
      return OTHER_TYPE;
    }
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
  }
}
