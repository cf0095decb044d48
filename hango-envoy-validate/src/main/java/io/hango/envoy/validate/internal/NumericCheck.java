package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of all twelve numeric types ({@code float}, {@code double}, {@code int32} ... {@code sfixed64}), which share
 * one shape: const, lt, lte, gt, gte, in, not_in, ignore_empty. Values are normalised to {@code long} (32-bit unsigned
 * values widened without sign) or {@code double}; 64-bit unsigned values compare unsigned.
 */
final class NumericCheck implements ValueCheck {

  private static final Bounds.Order<Long> SIGNED = new Bounds.Order<>() {
    @Override public boolean lt(Long a, Long b) { return a < b; }
    @Override public boolean le(Long a, Long b) { return a <= b; }
    @Override public String format(Long v) { return Long.toString(v); }
  };

  private static final Bounds.Order<Long> UNSIGNED = new Bounds.Order<>() {
    @Override public boolean lt(Long a, Long b) { return Long.compareUnsigned(a, b) < 0; }
    @Override public boolean le(Long a, Long b) { return Long.compareUnsigned(a, b) <= 0; }
    @Override public String format(Long v) { return Long.toUnsignedString(v); }
  };

  private static final Bounds.Order<Double> FLOATING = new Bounds.Order<>() {
    @Override public boolean lt(Double a, Double b) { return a < b; }
    @Override public boolean le(Double a, Double b) { return a <= b; }
    @Override public String format(Double v) { return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString(v.longValue()) : v.toString(); }
  };

  private static final Bounds.Order<Double> FLOATING32 = new Bounds.Order<>() {
    @Override public boolean lt(Double a, Double b) { return a < b; }
    @Override public boolean le(Double a, Double b) { return a <= b; }
    @Override public String format(Double v) { return FLOATING.format(Double.parseDouble(Float.toString(v.floatValue()))); }
  };

  private final String type;
  private final Bounds.Order<Object> order;
  private final boolean floating;
  private final boolean unsigned32;
  private final Object constant;
  private final Bounds<Object> bounds;
  private final List<Object> in;
  private final List<Object> notIn;
  private final boolean ignoreEmpty;

  @SuppressWarnings("unchecked")
  NumericCheck(String type, Message rules) {
    this.type = type;
    this.floating = type.equals("float") || type.equals("double");
    this.unsigned32 = type.equals("uint32") || type.equals("fixed32");
    boolean unsigned64 = type.equals("uint64") || type.equals("fixed64");
    this.order = (Bounds.Order<Object>) (Bounds.Order<?>) (type.equals("float") ? FLOATING32 : floating ? FLOATING : unsigned64 ? UNSIGNED : SIGNED);
    this.constant = optional(rules, "const");
    this.bounds = new Bounds<>(type, order, optional(rules, "lt"), optional(rules, "lte"), optional(rules, "gt"),
        optional(rules, "gte"));
    this.in = list(rules, "in");
    this.notIn = list(rules, "not_in");
    FieldDescriptor ie = rules.getDescriptorForType().findFieldByName("ignore_empty");
    this.ignoreEmpty = ie != null && (Boolean) rules.getField(ie);
  }

  boolean isEmpty() {
    return constant == null && bounds.isEmpty() && in.isEmpty() && notIn.isEmpty();
  }

  @Override
  public void check(Object raw, ViolationSink sink) {
    Object v = normalise(raw);
    if (ignoreEmpty && isZero(v)) {
      return;
    }
    if (constant != null && !equal(v, constant)) {
      sink.error(type + ".const", "value must equal " + order.format(constant));
    }
    bounds.check(v, sink);
    if (!in.isEmpty() && in.stream().noneMatch(x -> equal(v, x))) {
      sink.error(type + ".in", "value must be in list " + format(in));
    }
    if (notIn.stream().anyMatch(x -> equal(v, x))) {
      sink.error(type + ".not_in", "value must not be in list " + format(notIn));
    }
  }

  private boolean isZero(Object v) {
    return floating ? (Double) v == 0.0 : (Long) v == 0L;
  }

  private boolean equal(Object a, Object b) {
    return floating ? ((Double) a).doubleValue() == (Double) b : ((Long) a).longValue() == (Long) b;
  }

  private String format(List<Object> values) {
    List<String> out = new ArrayList<>(values.size());
    values.forEach(x -> out.add(order.format(x)));
    return out.toString();
  }

  private Object normalise(Object raw) {
    if (floating) {
      return ((Number) raw).doubleValue();
    }
    if (raw instanceof Integer i) {
      return unsigned32 ? Integer.toUnsignedLong(i) : (long) i;
    }
    return ((Number) raw).longValue();
  }

  private Object optional(Message rules, String name) {
    FieldDescriptor fd = rules.getDescriptorForType().findFieldByName(name);
    return rules.hasField(fd) ? normalise(rules.getField(fd)) : null;
  }

  private List<Object> list(Message rules, String name) {
    FieldDescriptor fd = rules.getDescriptorForType().findFieldByName(name);
    List<Object> out = new ArrayList<>();
    for (Object o : (List<?>) rules.getField(fd)) {
      out.add(normalise(o));
    }
    return out;
  }
}
