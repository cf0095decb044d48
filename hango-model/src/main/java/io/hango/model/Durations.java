package io.hango.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration format of the model: a sequence of number + unit, units {@code h}, {@code m},
 * {@code s}, {@code ms}, largest first, e.g. {@code 250ms}, {@code 5s}, {@code 1m30s}, {@code 1h}.
 * Bare numbers are not durations.
 */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:h|ms|m|s))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(h|ms|m|s)");

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message that says what is expected
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s");
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int lastRank = Integer.MAX_VALUE;
    while (m.find()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is too large a duration");
      }
      int rank = rank(m.group(2));
      if (rank >= lastRank) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a duration: write each unit once, largest first, e.g. 1m30s");
      }
      lastRank = rank;
      try {
        total = total.plus(unit(m.group(2)).multipliedBy(n));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("'" + text + "' is too large a duration");
      }
    }
    return total;
  }

  /** Formats {@code d} canonically: the fewest parts, largest unit first ({@code 90s} is {@code 1m30s}); zero is {@code 0s}. */
  public static String format(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative durations cannot be written: " + d);
    }
    if (d.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("durations finer than a millisecond cannot be written: " + d);
    }
    if (d.isZero()) {
      return "0s";
    }
    long ms = d.toMillis();
    StringBuilder sb = new StringBuilder();
    long h = ms / 3_600_000;
    ms %= 3_600_000;
    long min = ms / 60_000;
    ms %= 60_000;
    long s = ms / 1000;
    ms %= 1000;
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (min > 0) {
      sb.append(min).append('m');
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    if (ms > 0) {
      sb.append(ms).append("ms");
    }
    return sb.toString();
  }

  private static int rank(String unit) {
    switch (unit) {
      case "h":
        return 3;
      case "m":
        return 2;
      case "s":
        return 1;
      default:
        return 0;
    }
  }

  private static Duration unit(String unit) {
    switch (unit) {
      case "h":
        return Duration.ofHours(1);
      case "m":
        return Duration.ofMinutes(1);
      case "s":
        return Duration.ofSeconds(1);
      default:
        return Duration.ofMillis(1);
    }
  }
}
