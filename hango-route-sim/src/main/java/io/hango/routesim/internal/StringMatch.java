package io.hango.routesim.internal;

import com.google.re2j.Pattern;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import java.util.Locale;

/** Envoy's {@code StringMatcherImpl}: exact, prefix, suffix, contains or RE2 full match. */
public final class StringMatch {
  private enum Kind { EXACT, PREFIX, SUFFIX, CONTAINS, REGEX, NEVER }

  private final Kind kind;
  private final String value;
  private final boolean ignoreCase;
  private final Pattern regex;

  private StringMatch(Kind kind, String value, boolean ignoreCase, Pattern regex) {
    this.kind = kind;
    this.value = value;
    this.ignoreCase = ignoreCase;
    this.regex = regex;
  }

  public static StringMatch compile(StringMatcher m, Problems problems, String where) {
    boolean ic = m.getIgnoreCase();
    switch (m.getMatchPatternCase()) {
      case EXACT:
        return new StringMatch(Kind.EXACT, m.getExact(), ic, null);
      case PREFIX:
        return new StringMatch(Kind.PREFIX, m.getPrefix(), ic, null);
      case SUFFIX:
        return new StringMatch(Kind.SUFFIX, m.getSuffix(), ic, null);
      case CONTAINS:
        return new StringMatch(Kind.CONTAINS, ic ? lower(m.getContains()) : m.getContains(), ic, null);
      case SAFE_REGEX:
        if (ic) {
          problems.add(where, "ignore_case has no effect for safe_regex (Envoy rejects it)");
        }
        Pattern p = Regexes.compile(m.getSafeRegex(), problems, where + ".safe_regex");
        return new StringMatch(p == null ? Kind.NEVER : Kind.REGEX, "", false, p);
      default:
        problems.add(where, "unsupported string matcher " + m.getMatchPatternCase());
        return new StringMatch(Kind.NEVER, "", false, null);
    }
  }

  public static StringMatch exact(String value, boolean ignoreCase) {
    return new StringMatch(Kind.EXACT, value, ignoreCase, null);
  }

  public static StringMatch prefix(String value, boolean ignoreCase) {
    return new StringMatch(Kind.PREFIX, value, ignoreCase, null);
  }

  public static StringMatch regex(Pattern pattern) {
    return new StringMatch(Kind.REGEX, "", false, pattern);
  }

  public boolean matches(String input) {
    switch (kind) {
      case EXACT:
        return ignoreCase ? asciiEqualsIgnoreCase(input, value) : input.equals(value);
      case PREFIX:
        return ignoreCase ? input.length() >= value.length()
            && asciiEqualsIgnoreCase(input.substring(0, value.length()), value) : input.startsWith(value);
      case SUFFIX:
        return ignoreCase ? input.length() >= value.length()
            && asciiEqualsIgnoreCase(input.substring(input.length() - value.length()), value)
            : input.endsWith(value);
      case CONTAINS:
        return ignoreCase ? lower(input).contains(value) : input.contains(value);
      case REGEX:
        return Regexes.fullMatch(regex, input);
      default:
        return false;
    }
  }

  /** ASCII-only case folding, as absl's {@code EqualsIgnoreCase}. */
  static boolean asciiEqualsIgnoreCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  static String lower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      b.append(asciiLower(s.charAt(i)));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + (ignoreCase ? "(ignore_case)" : "") + ":" + value;
  }
}
