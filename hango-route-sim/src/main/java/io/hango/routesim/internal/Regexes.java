package io.hango.routesim.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;

/** RE2 regular expressions as Envoy uses them: full matches and {@code \N} substitutions. */
public final class Regexes {
  private Regexes() {}

  /** Compiles {@code matcher}, or records a problem at {@code where} and returns null. */
  public static Pattern compile(RegexMatcher matcher, Problems problems, String where) {
    return compile(matcher.getRegex(), problems, where);
  }

  /** Compiles {@code regex}, or records a problem at {@code where} and returns null. */
  public static Pattern compile(String regex, Problems problems, String where) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(where, "invalid RE2 regex '" + regex + "': " + e.getDescription());
      return null;
    }
  }

  /** True when the whole of {@code value} matches, as Envoy's {@code CompiledMatcher::match}. */
  public static boolean fullMatch(Pattern pattern, String value) {
    return pattern.matches(value);
  }

  /**
   * Replaces every match of {@code pattern} in {@code input} with {@code substitution}, where
   * {@code \0}..{@code \9} name capture groups and {@code \\} is a backslash, as RE2's
   * {@code GlobalReplace} does.
   */
  public static String replaceAll(Pattern pattern, String input, String substitution) {
    Matcher m = pattern.matcher(input);
    StringBuilder out = new StringBuilder();
    int last = 0;
    int searchFrom = 0;
    while (searchFrom <= input.length() && m.find(searchFrom)) {
      out.append(input, last, m.start());
      appendSubstitution(out, m, substitution);
      last = m.end();
      if (m.end() == m.start()) {
        // An empty match: copy one character so the scan advances, as RE2 does.
        if (m.end() < input.length()) {
          out.append(input.charAt(m.end()));
        }
        last = m.end() + 1;
        searchFrom = m.end() + 1;
      } else {
        searchFrom = m.end();
      }
    }
    if (last < input.length()) {
      out.append(input, last, input.length());
    }
    return out.toString();
  }

  private static void appendSubstitution(StringBuilder out, Matcher m, String substitution) {
    for (int i = 0; i < substitution.length(); i++) {
      char c = substitution.charAt(i);
      if (c == '\\' && i + 1 < substitution.length()) {
        char next = substitution.charAt(i + 1);
        if (Character.isDigit(next)) {
          int group = next - '0';
          if (group <= m.groupCount()) {
            String g = m.group(group);
            out.append(g == null ? "" : g);
          }
          i++;
          continue;
        }
        if (next == '\\') {
          out.append('\\');
          i++;
          continue;
        }
      }
      out.append(c);
    }
  }
}
