package io.hango.routesim;

import io.envoyproxy.envoy.type.v3.FractionalPercent;

/**
 * The Envoy runtime values the router reads: {@code runtime_fraction} of route matches and
 * weighted-cluster weights under {@code runtime_key_prefix}. The default snapshot has no runtime
 * overrides, so every key takes its configured default, as an Envoy with an empty runtime layer.
 */
public interface RuntimeSnapshot {
  /**
   * Whether a feature guarded by {@code key} is on for {@code randomValue}. Envoy's rule for the
   * default value: {@code randomValue % denominator < numerator}.
   */
  default boolean featureEnabled(String key, FractionalPercent defaultValue, long randomValue) {
    return evaluate(defaultValue, randomValue);
  }

  /** The integer runtime value of {@code key}, or {@code defaultValue} when it is not set. */
  default long getInteger(String key, long defaultValue) {
    return defaultValue;
  }

  /** A snapshot with no overrides. */
  static RuntimeSnapshot defaults() {
    return new RuntimeSnapshot() {};
  }

  /** Envoy's {@code ProtobufPercentHelper::evaluateFractionalPercent}. */
  static boolean evaluate(FractionalPercent percent, long randomValue) {
    long denominator;
    switch (percent.getDenominator()) {
      case TEN_THOUSAND:
        denominator = 10_000;
        break;
      case MILLION:
        denominator = 1_000_000;
        break;
      default:
        denominator = 100;
        break;
    }
    return Long.remainderUnsigned(randomValue, denominator) < Integer.toUnsignedLong(percent.getNumerator());
  }
}
