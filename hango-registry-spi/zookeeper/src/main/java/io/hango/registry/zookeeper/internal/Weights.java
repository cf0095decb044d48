package io.hango.registry.zookeeper.internal;

import io.hango.registry.Instance;

/**
 * Reads a registered weight. Dubbo's default weight is 100, the same as Hango's, so weights are
 * taken unchanged: 100 stays 100, 0 stays 0 (no traffic); a negative weight counts as 0 and one
 * that is not a whole number as the default. Internal.
 */
final class Weights {

  private Weights() {}

  /** The weight {@code text} names; {@link Instance#DEFAULT_WEIGHT} when it is missing or not a number. */
  static int parse(String text) {
    if (text == null) {
      return Instance.DEFAULT_WEIGHT;
    }
    try {
      return Math.max(0, Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Instance.DEFAULT_WEIGHT;
    }
  }
}
