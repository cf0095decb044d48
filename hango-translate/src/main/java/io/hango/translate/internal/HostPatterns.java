package io.hango.translate.internal;

import java.util.Locale;

/** Host names and leading-wildcard patterns ({@code *.example.com}, {@code *}). */
public final class HostPatterns {

  private HostPatterns() {}

  public static String normalize(String host) {
    return host.toLowerCase(Locale.ROOT);
  }

  public static boolean isWildcard(String host) {
    return host.startsWith("*");
  }

  /** Whether every host matched by {@code narrow} is matched by {@code broad}. */
  public static boolean covers(String broad, String narrow) {
    if (broad.equals("*") || broad.equals(narrow)) {
      return true;
    }
    if (broad.startsWith("*.")) {
      String suffix = broad.substring(1);
      if (narrow.equals("*")) {
        return false;
      }
      String rest = narrow.startsWith("*.") ? narrow.substring(1) : narrow;
      return rest.endsWith(suffix) && rest.length() > suffix.length();
    }
    return false;
  }

  /** 0 for an exact host, 1 for {@code *.suffix}, 2 for {@code *}: smaller is more specific. */
  public static int tier(String host) {
    return host.equals("*") ? 2 : host.startsWith("*") ? 1 : 0;
  }
}
