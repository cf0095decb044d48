package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.Durations;
import io.envoyproxy.pgv.validate.Validate.DurationRules;
import io.envoyproxy.pgv.validate.Validate.TimestampRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code validate.rules.duration} and {@code validate.rules.timestamp}; {@code required} is checked by the field. */
final class TimeChecks {

  private static final Bounds.Order<Duration> DURATION = new Bounds.Order<>() {
    @Override public boolean lt(Duration a, Duration b) { return a.compareTo(b) < 0; }
    @Override public boolean le(Duration a, Duration b) { return a.compareTo(b) <= 0; }
    @Override public String format(Duration v) {
      return Durations.toString(com.google.protobuf.Duration.newBuilder().setSeconds(v.getSeconds()).setNanos(v.getNano()).build());
    }
  };

  private static final Bounds.Order<Instant> TIMESTAMP = new Bounds.Order<>() {
    @Override public boolean lt(Instant a, Instant b) { return a.isBefore(b); }
    @Override public boolean le(Instant a, Instant b) { return !a.isAfter(b); }
    @Override public String format(Instant v) { return v.toString(); }
  };

  private TimeChecks() {}

  static ValueCheck duration(DurationRules r) {
    Duration constant = r.hasConst() ? of(r.getConst()) : null;
    Bounds<Duration> bounds = new Bounds<>("duration", DURATION, r.hasLt() ? of(r.getLt()) : null,
        r.hasLte() ? of(r.getLte()) : null, r.hasGt() ? of(r.getGt()) : null, r.hasGte() ? of(r.getGte()) : null);
    List<Duration> in = r.getInList().stream().map(TimeChecks::of).toList();
    List<Duration> notIn = r.getNotInList().stream().map(TimeChecks::of).toList();
    if (constant == null && bounds.isEmpty() && in.isEmpty() && notIn.isEmpty()) {
      return null;
    }
    return (value, sink) -> {
      Duration d = durationOf((Message) value);
      if (constant != null && !d.equals(constant)) {
        sink.error("duration.const", "value must equal " + DURATION.format(constant));
      }
      bounds.check(d, sink);
      if (!in.isEmpty() && !in.contains(d)) {
        sink.error("duration.in", "value must be in list " + in.stream().map(DURATION::format).toList());
      }
      if (notIn.contains(d)) {
        sink.error("duration.not_in", "value must not be in list " + notIn.stream().map(DURATION::format).toList());
      }
    };
  }

  static ValueCheck timestamp(TimestampRules r) {
    Instant constant = r.hasConst() ? Instant.ofEpochSecond(r.getConst().getSeconds(), r.getConst().getNanos()) : null;
    Bounds<Instant> bounds = new Bounds<>("timestamp", TIMESTAMP, r.hasLt() ? of(r.getLt()) : null,
        r.hasLte() ? of(r.getLte()) : null, r.hasGt() ? of(r.getGt()) : null, r.hasGte() ? of(r.getGte()) : null);
    Duration within = r.hasWithin() ? of(r.getWithin()) : null;
    if (constant == null && bounds.isEmpty() && !r.getLtNow() && !r.getGtNow() && within == null) {
      return null;
    }
    return (value, sink) -> {
      Instant t = instantOf((Message) value);
      if (constant != null && !t.equals(constant)) {
        sink.error("timestamp.const", "value must equal " + constant);
      }
      bounds.check(t, sink);
      Instant now = Instant.now();
      if (r.getLtNow() && !t.isBefore(now)) {
        sink.error("timestamp.lt_now", "value must be in the past");
      }
      if (r.getGtNow() && !t.isAfter(now)) {
        sink.error("timestamp.gt_now", "value must be in the future");
      }
      if (within != null && Duration.between(now, t).abs().compareTo(within) > 0) {
        sink.error("timestamp.within", "value must be within " + DURATION.format(within) + " of now");
      }
    };
  }

  private static Duration of(com.google.protobuf.Duration d) {
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }

  private static Instant of(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** Reads a Duration reflectively, so that dynamic messages work too. */
  static Duration durationOf(Message m) {
    Descriptor d = m.getDescriptorForType();
    return Duration.ofSeconds((Long) m.getField(d.findFieldByNumber(1)), (Integer) m.getField(d.findFieldByNumber(2)));
  }

  static Instant instantOf(Message m) {
    Descriptor d = m.getDescriptorForType();
    return Instant.ofEpochSecond((Long) m.getField(d.findFieldByNumber(1)), (Integer) m.getField(d.findFieldByNumber(2)));
  }
}
