package io.hango.translate.internal.plugins;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.hango.model.route.StringMatcher;
import io.hango.model.route.ValueMatch;
import io.hango.model.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the semantic problems of a bound plugin config (ranges, formats, fields that go
 * together) with their field paths. Structure (unknown fields, types, durations, enums, required
 * fields) is the model reader's business, before. Never throws.
 */
final class ConfigChecks {

  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  void error(String path, String message) {
    problems.add(Problem.error("", path, message));
  }

  /** Whether a problem was reported at {@code path} or under it. */
  boolean hasProblemsUnder(String path) {
    return problems.stream().anyMatch(p -> p.path().equals(path) || p.path().startsWith(path + ".") || p.path().startsWith(path + "["));
  }

  /** Reports {@code value} at {@code path} unless it is within {@code [min, max]}. */
  boolean range(long value, String path, long min, long max) {
    if (value < min || value > max) {
      error(path, "must be a whole number from " + min + " to " + max);
      return false;
    }
    return true;
  }

  boolean percent(double value, String path) {
    if (!(value >= 0 && value <= 100)) {
      error(path, "must be a percentage from 0 to 100");
      return false;
    }
    return true;
  }

  boolean positive(Duration d, String path) {
    if (d.isZero() || d.isNegative()) {
      error(path, "must be longer than 0s");
      return false;
    }
    return true;
  }

  boolean nonEmpty(String value, String path) {
    if (value.isEmpty()) {
      error(path, "must not be empty");
      return false;
    }
    return true;
  }

  /** Each element of a list of strings must be non-empty. */
  void nonEmptyElements(List<String> values, String path) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).isEmpty()) {
        error(path + "[" + i + "]", "must be a non-empty string");
      }
    }
  }

  boolean regex(String regex, String path) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      error(path, "not an RE2 regular expression: " + e.getMessage());
      return false;
    }
  }

  /**
   * A value condition at {@code path}: exactly one of exact, prefix, suffix, contains, regex (RE2)
   * and, when {@code allowPresent}, present; strings non-empty.
   */
  Optional<StringMatcher> match(ValueMatch m, String path, boolean allowPresent) {
    boolean ic = m.ignoreCase();
    List<StringMatcher> set = new ArrayList<>();
    m.exact().filter(v -> nonEmpty(v, path + ".exact")).ifPresent(v -> set.add(new StringMatcher.Exact(v, ic)));
    m.prefix().filter(v -> nonEmpty(v, path + ".prefix")).ifPresent(v -> set.add(new StringMatcher.Prefix(v, ic)));
    m.suffix().filter(v -> nonEmpty(v, path + ".suffix")).ifPresent(v -> set.add(new StringMatcher.Suffix(v, ic)));
    m.contains().filter(v -> nonEmpty(v, path + ".contains")).ifPresent(v -> set.add(new StringMatcher.Contains(v, ic)));
    m.regex().filter(v -> nonEmpty(v, path + ".regex") && regex(v, path + ".regex")).ifPresent(v -> set.add(new StringMatcher.Regex(v)));
    if (allowPresent) {
      m.present().ifPresent(v -> set.add(new StringMatcher.Present(v)));
    } else if (m.present().isPresent()) {
      error(path + ".present", "not allowed here");
    }
    String kinds = "exact, prefix, suffix, contains, regex" + (allowPresent ? ", present" : "");
    if (set.isEmpty() && !hasProblemsUnder(path)) {
      error(path, "needs exactly one of " + kinds);
    } else if (set.size() > 1) {
      error(path, "needs exactly one of " + kinds + "; found " + set.size());
    }
    return set.size() == 1 ? Optional.of(set.get(0)) : Optional.empty();
  }
}
