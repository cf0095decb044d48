package io.hango.testkit.properties;

import com.google.re2j.Pattern;
import io.hango.model.GatewayConfig;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.PathMatcher;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Route;
import io.hango.model.route.RouteAction;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.StringMatcher;
import io.hango.routesim.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference for the routing property: which route and destination the model says a request
 * gets, computed from the model alone with the rules documented in the model and in the
 * translator README — no Envoy types, no translator code:
 *
 * <ul>
 *   <li>a route is a candidate on listener L of gateway G when it is enabled, belongs to G (and to
 *       L if it names a listener), L serves the request host, and one of the route's hosts (the
 *       listener's hosts when it has none) covers the request host ({@code *} covers all,
 *       {@code *.example.com} covers every longer name ending in {@code .example.com});
 *   <li>candidates are tried in the documented order: priority (higher first), path kind (exact,
 *       template, regex, prefix), path length (longer first), number of conditions (more first),
 *       host the route was written for (exact, then {@code *.suffix} longer first, then {@code *}),
 *       name; the first whose conditions all hold wins;
 *   <li>conditions: path (exact / prefix / whole-path RE2 regex / URI template, on the path without
 *       the query; {@code ignoreCase}), methods, headers ({@code present}, values, {@code invert}:
 *       the route matches when the condition does not hold), query parameters (first value);
 *       case-insensitive comparisons fold ASCII letters only, as Envoy does;
 *   <li>weighted destinations: merged per cluster ({@code service} or {@code service|subset}),
 *       sorted by cluster name, the request's random value modulo the total weight picks one.
 * </ul>
 */
final class ModelRouter {

  /** What the model says happens. */
  record Outcome(String kind, String route, String cluster, Integer status) {
    static final Outcome NO_ROUTE = new Outcome("NO_ROUTE", null, null, null);

    @Override
    public String toString() {
      return kind + (route == null ? "" : " route=" + route) + (cluster == null ? "" : " cluster=" + cluster)
          + (status == null ? "" : " status=" + status);
    }
  }

  private record Candidate(Route route, String host) {}

  private ModelRouter() {}

  static Outcome route(GatewayConfig config, String gatewayName, String listenerName, Request request) {
    Gateway gateway = config.gateway(gatewayName).orElseThrow();
    Listener listener = gateway.spec().listeners().stream().filter(l -> l.name().equals(listenerName)).findFirst().orElseThrow();
    String host = request.authority().toLowerCase(Locale.ROOT);
    List<String> listenerHosts = listener.hosts().isEmpty() ? List.of("*") : listener.hosts();
    if (listenerHosts.stream().noneMatch(p -> covers(p, host))) {
      return Outcome.NO_ROUTE;
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Route r : config.routes()) {
      if (!r.spec().enabled() || !r.spec().gateway().equals(gatewayName)
          || r.spec().listener().filter(l -> !l.equals(listenerName)).isPresent()) {
        continue;
      }
      List<String> patterns = r.spec().hosts().isEmpty() ? listenerHosts : r.spec().hosts();
      patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).filter(p -> covers(p, host))
          .min(Comparator.comparingInt(ModelRouter::hostTier).thenComparingInt(p -> -p.length()))
          .ifPresent(p -> candidates.add(new Candidate(r, p)));
    }
    candidates.sort(Comparator.<Candidate>comparingInt(c -> -c.route().spec().priority())
        .thenComparingInt(c -> pathKind(c.route().spec().match()))
        .thenComparingInt(c -> -pathLength(c.route().spec().match()))
        .thenComparingInt(c -> -conditions(c.route().spec().match()))
        .thenComparingInt(c -> hostTier(c.host()))
        .thenComparingInt(c -> -c.host().length())
        .thenComparing(c -> c.route().name()));
    for (Candidate c : candidates) {
      if (matches(c.route().spec().match(), request)) {
        return outcome(c.route(), request.randomValue());
      }
    }
    return Outcome.NO_ROUTE;
  }

  private static Outcome outcome(Route r, long random) {
    RouteAction action = r.spec().action();
    if (action instanceof Forward f) {
      return new Outcome("FORWARD", r.name(), pick(f.destinations(), random), null);
    }
    if (action instanceof DirectResponse d) {
      return new Outcome("DIRECT_RESPONSE", r.name(), null, d.status());
    }
    return new Outcome("REDIRECT", r.name(), null, null);
  }

  static String cluster(Destination d) {
    return d.service() + d.subset().map(s -> "|" + s).orElse("");
  }

  private static String pick(List<Destination> destinations, long random) {
    if (destinations.size() == 1) {
      return cluster(destinations.get(0));
    }
    TreeMap<String, Long> weights = new TreeMap<>();
    destinations.forEach(d -> weights.merge(cluster(d), (long) d.weight(), Long::sum));
    long total = weights.values().stream().mapToLong(Long::longValue).sum();
    long chosen = Long.remainderUnsigned(random, total);
    long end = 0;
    for (var e : weights.entrySet()) {
      end += e.getValue();
      if (chosen < end) {
        return e.getKey();
      }
    }
    throw new AssertionError("unreachable: weights " + weights);
  }

  // ---------------------------------------------------------------- hosts

  static boolean covers(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT);
    if (p.equals("*") || p.equals(host)) {
      return true;
    }
    return p.startsWith("*.") && host.endsWith(p.substring(1)) && host.length() > p.length() - 1;
  }

  private static int hostTier(String pattern) {
    return pattern.equals("*") ? 2 : pattern.startsWith("*") ? 1 : 0;
  }

  // ---------------------------------------------------------------- order

  private static int pathKind(RouteMatch m) {
    PathMatcher p = m.path().matcher();
    return p instanceof PathMatcher.Exact ? 0 : p instanceof PathMatcher.Template ? 1 : p instanceof PathMatcher.Regex ? 2 : 3;
  }

  private static int pathLength(RouteMatch m) {
    PathMatcher p = m.path().matcher();
    if (p instanceof PathMatcher.Exact e) {
      return e.path().length();
    }
    if (p instanceof PathMatcher.Template t) {
      return t.template().length();
    }
    if (p instanceof PathMatcher.Regex r) {
      return r.regex().length();
    }
    return ((PathMatcher.Prefix) p).prefix().length();
  }

  private static int conditions(RouteMatch m) {
    return (m.methods().isEmpty() ? 0 : 1) + m.headers().size() + m.queryParams().size();
  }

  // ---------------------------------------------------------------- conditions

  static boolean matches(RouteMatch m, Request request) {
    String full = request.path();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? "" : full.substring(q + 1);
    if (!pathMatches(m.path().matcher(), path)) {
      return false;
    }
    if (!m.methods().isEmpty() && !m.methods().contains(request.method())) {
      return false;
    }
    for (HeaderMatch h : m.headers()) {
      boolean holds = holds(h.matcher(), request.headers().get(h.name()));
      if (holds == h.invert()) {
        return false;
      }
    }
    for (QueryParamMatch p : m.queryParams()) {
      if (!holds(p.matcher(), queryParam(query, p.name()))) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> queryParam(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String n = eq < 0 ? pair : pair.substring(0, eq);
      if (!pair.isEmpty() && n.equals(name)) {
        return Optional.of(eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  private static boolean pathMatches(PathMatcher p, String path) {
    if (p instanceof PathMatcher.Exact e) {
      return e.ignoreCase() ? lower(path).equals(lower(e.path())) : path.equals(e.path());
    }
    if (p instanceof PathMatcher.Prefix pr) {
      return e(pr.ignoreCase(), path).startsWith(e(pr.ignoreCase(), pr.prefix()));
    }
    if (p instanceof PathMatcher.Regex r) {
      return Pattern.compile(r.regex(), r.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0).matches(path);
    }
    return Pattern.compile(templateRegex(((PathMatcher.Template) p).template())).matches(path);
  }

  /** A URI template as a regex: {@code {x}} and {@code *} are one segment, {@code {x=**}} and {@code **} the rest. */
  static String templateRegex(String template) {
    String pchar = "[a-zA-Z0-9\\-._~%!$&'()+,;:@]";
    StringBuilder b = new StringBuilder();
    for (String seg : template.substring(1).split("/", -1)) {
      b.append('/');
      if (seg.equals("**") || seg.endsWith("=**}")) {
        b.append("(?:").append(pchar.replace("]", "/]")).append("*)");
      } else if (seg.equals("*") || seg.startsWith("{")) {
        b.append(pchar).append('+');
      } else {
        b.append(Pattern.quote(seg));
      }
    }
    return b.toString();
  }

  private static boolean holds(StringMatcher m, Optional<String> value) {
    if (m instanceof StringMatcher.Present p) {
      return value.isPresent() == p.present();
    }
    if (value.isEmpty()) {
      return false;
    }
    String v = value.get();
    if (m instanceof StringMatcher.Exact x) {
      return e(x.ignoreCase(), v).equals(e(x.ignoreCase(), x.value()));
    }
    if (m instanceof StringMatcher.Prefix x) {
      return e(x.ignoreCase(), v).startsWith(e(x.ignoreCase(), x.value()));
    }
    if (m instanceof StringMatcher.Suffix x) {
      return e(x.ignoreCase(), v).endsWith(e(x.ignoreCase(), x.value()));
    }
    if (m instanceof StringMatcher.Contains x) {
      return e(x.ignoreCase(), v).contains(e(x.ignoreCase(), x.value()));
    }
    return Pattern.compile(((StringMatcher.Regex) m).regex()).matches(v);
  }

  private static String e(boolean ignoreCase, String s) {
    return ignoreCase ? lower(s) : s;
  }

  /** ASCII-only lower case, the case folding of Envoy's {@code ignore_case}. */
  private static String lower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }
}
