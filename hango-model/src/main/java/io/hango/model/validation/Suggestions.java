package io.hango.model.validation;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" hints, in the wording of every Hango error: the known name closest to a misspelt
 * one, if it is close enough to be a plausible typo. For plugins and registry providers that check
 * their own settings, so their errors read like the model's.
 */
public final class Suggestions {

  private Suggestions() {}

  /** The candidate closest to {@code given} by edit distance (ignoring case), if it is close enough. */
  public static Optional<String> closest(String given, Collection<String> candidates) {
    String g = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int d = distance(g, lc);
      // A long shared prefix ("prot" for "protocol") is as telling as a small edit distance.
      boolean prefix = g.length() >= 3 && (lc.startsWith(g) || g.startsWith(lc));
      if ((d <= Math.max(2, Math.max(g.length(), lc.length()) / 3) || prefix) && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code "; did you mean 'x'?"} when a close candidate exists, else {@code ""}. */
  public static String hint(String given, Collection<String> candidates) {
    return closest(given, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** Levenshtein distance (insertions, deletions, substitutions; a transposition counts 2). */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
