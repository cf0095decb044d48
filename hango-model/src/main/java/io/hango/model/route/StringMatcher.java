package io.hango.model.route;

import java.util.ArrayList;
import java.util.List;

/** The typed view of a {@link ValueMatch}: one record per kind of value condition. */
public sealed interface StringMatcher {

  /** The value equals {@code value}. */
  record Exact(String value, boolean ignoreCase) implements StringMatcher {}

  /** The value starts with {@code value}. */
  record Prefix(String value, boolean ignoreCase) implements StringMatcher {}

  /** The value ends with {@code value}. */
  record Suffix(String value, boolean ignoreCase) implements StringMatcher {}

  /** The value contains {@code value}. */
  record Contains(String value, boolean ignoreCase) implements StringMatcher {}

  /** The whole value matches the RE2 {@code regex}. */
  record Regex(String regex) implements StringMatcher {}

  /** The header/parameter is {@code present} (true) or absent (false). */
  record Present(boolean present) implements StringMatcher {}

  /** The one kind set in {@code m}; throws {@link IllegalStateException} unless exactly one is set. */
  static StringMatcher of(ValueMatch m) {
    List<StringMatcher> set = new ArrayList<>(1);
    boolean ic = m.ignoreCase();
    m.exact().ifPresent(v -> set.add(new Exact(v, ic)));
    m.prefix().ifPresent(v -> set.add(new Prefix(v, ic)));
    m.suffix().ifPresent(v -> set.add(new Suffix(v, ic)));
    m.contains().ifPresent(v -> set.add(new Contains(v, ic)));
    m.regex().ifPresent(v -> set.add(new Regex(v)));
    m.present().ifPresent(v -> set.add(new Present(v)));
    if (set.size() != 1) {
      throw new IllegalStateException(
          "a value match needs exactly one of exact, prefix, suffix, contains, regex, present; found " + set.size());
    }
    return set.get(0);
  }
}
