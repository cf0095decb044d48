package io.hango.model.validation.internal;

import java.util.List;

/** Which host patterns a listener's hosts serve, following Envoy's virtual host domain matching. Internal. */
final class Hosts {

  private Hosts() {}

  /** Whether a listener with {@code served} hosts (empty: any) serves all of {@code host}. */
  static boolean serves(List<String> served, String host) {
    if (served.isEmpty()) {
      return true;
    }
    for (String s : served) {
      if (s.equals("*") || s.equalsIgnoreCase(host)) {
        return true;
      }
      // *.example.com serves a.example.com and *.a.example.com, not example.com itself
      if (s.startsWith("*.") && !host.equals("*")) {
        String suffix = s.substring(1).toLowerCase(java.util.Locale.ROOT);
        String h = (host.startsWith("*.") ? host.substring(1) : host).toLowerCase(java.util.Locale.ROOT);
        if (h.endsWith(suffix) && h.length() > suffix.length()) {
          return true;
        }
      }
    }
    return false;
  }
}
