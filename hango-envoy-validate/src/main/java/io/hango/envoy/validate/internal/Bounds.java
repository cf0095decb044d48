package io.hango.envoy.validate.internal;

/**
 * The {@code lt}/{@code lte}/{@code gt}/{@code gte} rules of one field, with protoc-gen-validate's semantics: a lower
 * and an upper bound form a range that must contain the value when upper > lower, and an excluded range when
 * upper <= lower ("exclusive range inversion").
 */
final class Bounds<T> {

  /** Comparison of values of one kind; {@code lt}/{@code le} are false for NaN, like the generated C++ validators. */
  interface Order<T> {
    boolean lt(T a, T b);

    boolean le(T a, T b);

    String format(T v);
  }

  private final String type;
  private final Order<T> order;
  private final T lt;
  private final T lte;
  private final T gt;
  private final T gte;

  Bounds(String type, Order<T> order, T lt, T lte, T gt, T gte) {
    this.type = type;
    this.order = order;
    this.lt = lt;
    this.lte = lte;
    this.gt = gt;
    this.gte = gte;
  }

  boolean isEmpty() {
    return lt == null && lte == null && gt == null && gte == null;
  }

  /** Reports to {@code sink} if {@code v} is out of bounds. */
  void check(T v, ViolationSink sink) {
    if (lt != null) {
      if (gt != null) {
        range(v, sink, gt, false, lt, false, "gt_lt");
      } else if (gte != null) {
        range(v, sink, gte, true, lt, false, "gte_lt");
      } else if (order.le(lt, v)) {
        sink.error(type + ".lt", "value must be less than " + order.format(lt));
      }
    } else if (lte != null) {
      if (gt != null) {
        range(v, sink, gt, false, lte, true, "gt_lte");
      } else if (gte != null) {
        range(v, sink, gte, true, lte, true, "gte_lte");
      } else if (order.lt(lte, v)) {
        sink.error(type + ".lte", "value must be less than or equal to " + order.format(lte));
      }
    } else if (gt != null) {
      if (order.le(v, gt)) {
        sink.error(type + ".gt", "value must be greater than " + order.format(gt));
      }
    } else if (gte != null && order.lt(v, gte)) {
      sink.error(type + ".gte", "value must be greater than or equal to " + order.format(gte));
    }
  }

  private void range(T v, ViolationSink sink, T low, boolean lowInclusive, T high, boolean highInclusive, String rule) {
    // Written as the generated C++ validators test it, so that NaN fails no bound.
    boolean belowLow = lowInclusive ? order.lt(v, low) : order.le(v, low);
    boolean aboveHigh = highInclusive ? order.lt(high, v) : order.le(high, v);
    if (order.lt(low, high)) {
      if (belowLow || aboveHigh) {
        sink.error(type + "." + rule, "value must be inside range " + (lowInclusive ? "[" : "(") + order.format(low)
            + ", " + order.format(high) + (highInclusive ? "]" : ")"));
      }
    } else if (belowLow && aboveHigh) {
      // Inverted bounds (upper <= lower): the value must not lie between them.
      sink.error(type + "." + rule, "value must be outside range " + (highInclusive ? "(" : "[") + order.format(high)
          + ", " + order.format(low) + (lowInclusive ? ")" : "]"));
    }
  }
}
