package io.hango.routesim.internal;

/** Path helpers matching Envoy's {@code Http::PathUtil}. */
public final class Paths {
  private Paths() {}

  /** The path up to the first {@code ?} or {@code #}. */
  public static String removeQueryAndFragment(String path) {
    int end = path.length();
    int q = path.indexOf('?');
    if (q >= 0) {
      end = q;
    }
    int h = path.indexOf('#');
    if (h >= 0 && h < end) {
      end = h;
    }
    return path.substring(0, end);
  }
}
