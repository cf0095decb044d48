package io.hango.translate.internal;

import io.hango.model.route.PathMatcher;
import io.hango.model.route.RouteMatch;
import io.hango.translate.internal.ir.IrRoute;
import java.util.Comparator;

/**
 * The order of routes inside a virtual host — part of the translator's contract. Envoy takes the
 * first route that matches, so routes are sorted by:
 *
 * <ol>
 *   <li>{@code priority}, higher first;
 *   <li>path kind: {@code exact}, then {@code template}, then {@code regex}, then {@code prefix};
 *   <li>path length (the exact path, template, regex or prefix as written), longer first;
 *   <li>number of conditions (one for a method list, plus each header and query parameter
 *       condition), more first;
 *   <li>host of the route: a route written for the exact host first, then one inherited from a
 *       {@code *.suffix} pattern (longer suffix first), then one from {@code *};
 *   <li>route name, alphabetically.
 * </ol>
 */
public final class RouteOrder {

  /** A route placed in a virtual host through one of its host patterns. */
  public record Entry(IrRoute route, String hostPattern) {}

  public static final Comparator<Entry> COMPARATOR =
      Comparator.<Entry>comparingInt(e -> -e.route().model().spec().priority())
          .thenComparingInt(e -> pathKind(e.route().path()))
          .thenComparingInt(e -> -pathLength(e.route().path()))
          .thenComparingInt(e -> -conditions(e.route().model().spec().match()))
          .thenComparingInt(e -> HostPatterns.tier(e.hostPattern()))
          .thenComparingInt(e -> -e.hostPattern().length())
          .thenComparing(e -> e.route().name());

  private RouteOrder() {}

  static int pathKind(PathMatcher p) {
    if (p instanceof PathMatcher.Exact) {
      return 0;
    }
    if (p instanceof PathMatcher.Template) {
      return 1;
    }
    if (p instanceof PathMatcher.Regex) {
      return 2;
    }
    return 3;
  }

  static int pathLength(PathMatcher p) {
    if (p instanceof PathMatcher.Exact e) {
      return e.path().length();
    }
    if (p instanceof PathMatcher.Template t) {
      return t.template().length();
    }
    if (p instanceof PathMatcher.Regex r) {
      return r.regex().length();
    }
    if (p instanceof PathMatcher.Prefix pr) {
      return pr.prefix().length();
    }
    return 0;
  }

  static int conditions(RouteMatch m) {
    return (m.methods().isEmpty() ? 0 : 1) + m.headers().size() + m.queryParams().size();
  }
}
