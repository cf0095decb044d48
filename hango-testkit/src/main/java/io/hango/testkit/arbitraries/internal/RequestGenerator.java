package io.hango.testkit.arbitraries.internal;

import io.hango.model.GatewayConfig;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.PathMatcher;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Route;
import io.hango.model.route.StringMatcher;
import io.hango.routesim.Request;
import io.hango.testkit.arbitraries.TargetedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import java.util.Optional;

/**
 * Requests aimed at a config: authorities from its listener and route hosts (wildcards filled in),
 * paths derived from its path matches (prefixes extended, templates filled in, nearby misses),
 * headers and query parameters present or absent with values that satisfy or just miss its
 * conditions, any method, any random value. Internal: use {@code HangoArbitraries.requestsFor}.
 */
public final class RequestGenerator {
  private static final List<String> LABELS = List.of("a", "zz", "a.b", "api", "shop");

  private RequestGenerator() {}

  public static Arbitrary<TargetedRequest> requestsFor(GatewayConfig config) {
    List<String[]> targets = new ArrayList<>();
    for (Gateway g : config.gateways()) {
      for (Listener l : g.spec().listeners()) {
        targets.add(new String[] {g.name(), l.name()});
      }
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("the config has no gateway listener to send requests to");
    }
    TreeSet<String> hostPatterns = new TreeSet<>(List.of("unknown.test"));
    config.gateways().forEach(g -> g.spec().listeners().forEach(l -> hostPatterns.addAll(l.hosts().isEmpty() ? List.of("*") : l.hosts())));
    config.routes().forEach(r -> hostPatterns.addAll(r.spec().hosts()));
    Arbitrary<String> hosts = Arbitraries.of(new ArrayList<>(hostPatterns)).flatMap(RequestGenerator::instantiateHost);

    List<Arbitrary<String>> paths = new ArrayList<>();
    paths.add(randomPaths());
    for (Route r : config.routes()) {
      paths.add(pathsFor(r.spec().match().path().matcher()));
    }
    Arbitrary<String> path = Combinators.combine(Arbitraries.oneOf(paths), Arbitraries.of(0, 0, 0, 0, 1, 2))
        .as((p, c) -> c == 1 ? p.toUpperCase(Locale.ROOT) : c == 2 ? p.toLowerCase(Locale.ROOT) : p);

    Map<String, TreeSet<String>> headerValues = new TreeMap<>();
    ModelPools.HEADER_NAMES.forEach(n -> headerValues.computeIfAbsent(n, k -> new TreeSet<>()).addAll(ModelPools.HEADER_VALUES));
    Map<String, TreeSet<String>> queryValues = new TreeMap<>();
    ModelPools.QUERY_NAMES.forEach(n -> queryValues.computeIfAbsent(n, k -> new TreeSet<>()).addAll(ModelPools.QUERY_VALUES));
    for (Route r : config.routes()) {
      for (HeaderMatch h : r.spec().match().headers()) {
        headerValues.computeIfAbsent(h.name(), k -> new TreeSet<>()).addAll(valuesFor(h.matcher()));
      }
      for (QueryParamMatch q : r.spec().match().queryParams()) {
        queryValues.computeIfAbsent(q.name(), k -> new TreeSet<>()).addAll(valuesFor(q.matcher()));
      }
    }
    Arbitrary<List<String[]>> headers = Combinators.combine(headerValues.entrySet().stream()
            .map(e -> Arbitraries.of(new ArrayList<>(e.getValue())).map(v -> new String[] {e.getKey(), v}).optional(0.5)).toList())
        .as(list -> list.stream().flatMap(java.util.Optional::stream).toList());
    Arbitrary<String> query = Combinators.combine(queryValues.entrySet().stream()
            .map(e -> Arbitraries.of(new ArrayList<>(e.getValue()).stream().filter(RequestGenerator::queryValueSafe).toList())
                .map(v -> e.getKey() + "=" + v).optional(0.4)).toList())
        .as(list -> String.join("&", list.stream().flatMap(java.util.Optional::stream).toList()));
    Arbitrary<Long> random = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000_000), Arbitraries.longs().between(0, Long.MAX_VALUE));
    Arbitrary<String> methods = Arbitraries.of(ModelPools.METHODS);

    Arbitrary<TargetedRequest> anywhere = Arbitraries.of(targets).flatMap(t -> Combinators.combine(hosts, path, query, methods, headers, random)
        .as((host, p, q, method, hs, rnd) -> request(t[0], t[1], method, host, p, q, hs, rnd)));
    List<Route> routes = config.routes().stream()
        .filter(r -> config.gateway(r.spec().gateway()).isPresent()).toList();
    if (routes.isEmpty()) {
      return anywhere;
    }
    Arbitrary<TargetedRequest> aimed = Arbitraries.of(routes).flatMap(r -> aimedAt(config, r, random));
    return Arbitraries.frequencyOf(Tuple.of(1, anywhere), Tuple.of(3, aimed));
  }

  private static TargetedRequest request(String gateway, String listener, String method, String host, String path, String query,
      List<String[]> headers, long random) {
    Request.Builder b = Request.builder().method(method).authority(host).path(query.isEmpty() ? path : path + "?" + query)
        .randomValue(random).routeConfigurationName(gateway + "/" + listener);
    // one value per header name: conditions on the same header get the first one
    java.util.Set<String> seen = new java.util.HashSet<>();
    headers.stream().filter(h -> seen.add(h[0])).forEach(h -> b.header(h[0], h[1]));
    return new TargetedRequest(gateway, listener, b.build());
  }

  /** Requests that satisfy each condition of {@code r} most of the time, and miss one now and then. */
  private static Arbitrary<TargetedRequest> aimedAt(GatewayConfig config, Route r, Arbitrary<Long> random) {
    Gateway g = config.gateway(r.spec().gateway()).get();
    List<Listener> listeners = g.spec().listeners().stream()
        .filter(l -> r.spec().listener().map(n -> n.equals(l.name())).orElse(true)).toList();
    if (listeners.isEmpty()) {
      listeners = g.spec().listeners();
    }
    return Arbitraries.of(listeners).flatMap(l -> {
      List<String> patterns = r.spec().hosts().isEmpty() ? (l.hosts().isEmpty() ? List.of("*") : l.hosts()) : r.spec().hosts();
      Arbitrary<String> host = Arbitraries.of(patterns).flatMap(RequestGenerator::instantiateHost);
      Arbitrary<String> path = satisfying(r.spec().match().path().matcher());
      Arbitrary<String> method = r.spec().match().methods().isEmpty() ? Arbitraries.of(ModelPools.METHODS)
          : Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(r.spec().match().methods())), Tuple.of(1, Arbitraries.of(ModelPools.METHODS)));
      List<Arbitrary<Optional<String[]>>> hs = new ArrayList<>();
      for (HeaderMatch h : r.spec().match().headers()) {
        hs.add(Arbitraries.frequencyOf(Tuple.of(6, satisfying(h.matcher(), h.invert(), ModelPools.HEADER_VALUES)), Tuple.of(1, Arbitraries.of(Optional.<String>empty(), Optional.of("zz"))))
            .map(v -> v.map(x -> new String[] {h.name(), x})));
      }
      List<Arbitrary<Optional<String>>> qs = new ArrayList<>();
      for (QueryParamMatch q : r.spec().match().queryParams()) {
        qs.add(Arbitraries.frequencyOf(Tuple.of(6, satisfying(q.matcher(), false, ModelPools.QUERY_VALUES)), Tuple.of(1, Arbitraries.just(Optional.<String>empty())))
            .map(v -> v.filter(RequestGenerator::queryValueSafe).map(x -> q.name() + "=" + x)));
      }
      Arbitrary<List<String[]>> headers = hs.isEmpty() ? Arbitraries.just(List.of())
          : Combinators.combine(hs).as(list -> list.stream().flatMap(Optional::stream).toList());
      Arbitrary<String> query = qs.isEmpty() ? Arbitraries.just("")
          : Combinators.combine(qs).as(list -> String.join("&", list.stream().flatMap(Optional::stream).toList()));
      return Combinators.combine(host, path, query, method, headers, random)
          .as((h, p, q, m, hdrs, rnd) -> request(g.name(), l.name(), m, h, p, q, hdrs, rnd));
    });
  }

  /** A value that makes the condition hold (or, inverted, fail); empty means "leave it out". */
  private static Arbitrary<Optional<String>> satisfying(StringMatcher m, boolean invert, List<String> pool) {
    if (m instanceof StringMatcher.Present p) {
      return p.present() != invert ? Arbitraries.of(pool).map(Optional::of) : Arbitraries.just(Optional.empty());
    }
    if (invert) {
      return Arbitraries.of(Optional.of("zz-none"), Optional.<String>empty());
    }
    List<String> values;
    if (m instanceof StringMatcher.Regex x) {
      com.google.re2j.Pattern re = com.google.re2j.Pattern.compile(x.regex());
      List<String> candidates = new ArrayList<>(pool);
      candidates.addAll(List.of("bot", "7", "12", "v1.2", "BETA", "beta", "a b", "x-yz", "日本語", "t", "en", "1", "2"));
      values = candidates.stream().filter(re::matches).toList();
    } else {
      values = valuesFor(m);
    }
    return values.isEmpty() ? Arbitraries.of(pool).map(Optional::of) : Arbitraries.of(values).map(Optional::of);
  }

  private static Arbitrary<String> satisfying(PathMatcher m) {
    if (m instanceof PathMatcher.Regex r) {
      com.google.re2j.Pattern re = com.google.re2j.Pattern.compile(r.regex(), r.ignoreCase() ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0);
      List<String> parts = new ArrayList<>(ModelPools.SEGMENTS);
      parts.addAll(List.of("7", "123", "abc"));
      List<String> candidates = new ArrayList<>(List.of("/"));
      for (String a : parts) {
        candidates.add("/" + a);
        for (String b : parts) {
          candidates.add("/" + a + "/" + b);
          candidates.add("/" + a + "/" + b + "/7");
        }
      }
      List<String> hits = candidates.stream().filter(re::matches).toList();
      return hits.isEmpty() ? pathsFor(m) : Arbitraries.of(hits);
    }
    return pathsFor(m);
  }

  private static boolean queryValueSafe(String v) {
    return !v.isEmpty() && v.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0));
  }

  private static Arbitrary<String> instantiateHost(String pattern) {
    if (pattern.equals("*")) {
      return Arbitraries.of("other.test", "api.example.com", "b.shop.example.com", "API.EXAMPLE.COM");
    }
    if (pattern.startsWith("*.")) {
      return Combinators.combine(Arbitraries.of(LABELS), Arbitraries.of(false, false, true))
          .as((l, upper) -> {
            String h = l + pattern.substring(1);
            return upper ? h.toUpperCase(Locale.ROOT) : h;
          });
    }
    return Arbitraries.of(pattern, pattern.toUpperCase(Locale.ROOT), "x" + pattern);
  }

  private static Arbitrary<String> randomPaths() {
    return Arbitraries.oneOf(Arbitraries.of(ModelPools.SEGMENTS), Arbitraries.of("123", "7", "V1", "xyz", ""))
        .list().ofMaxSize(4).map(s -> "/" + String.join("/", s));
  }

  private static Arbitrary<String> pathsFor(PathMatcher m) {
    Arbitrary<String> tail = Arbitraries.of("", "", "/", "/7", "x", "/orders", "/a/b");
    if (m instanceof PathMatcher.Exact e) {
      return Combinators.combine(Arbitraries.of(e.path(), e.path() + "/", e.path().isEmpty() ? "/" : e.path().substring(0, e.path().length() - 1)), Arbitraries.just(""))
          .as((p, x) -> p.isEmpty() ? "/" : p);
    }
    if (m instanceof PathMatcher.Prefix p) {
      String prefix = p.prefix();
      return Combinators.combine(Arbitraries.of(prefix, prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix), tail)
          .as((x, t) -> (x + t).isEmpty() ? "/" : x + t);
    }
    if (m instanceof PathMatcher.Template t) {
      return Arbitraries.of(List.of(t.template().split("/", -1))).list().ofSize(1).flatMap(ignore -> {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (String seg : t.template().substring(1).split("/", -1)) {
          if (seg.equals("**") || seg.endsWith("=**}")) {
            parts.add(Arbitraries.of("", "a", "a/b", "7/items/x"));
          } else if (seg.equals("*") || seg.startsWith("{")) {
            parts.add(Arbitraries.of("7", "abc", "a.b", ""));
          } else {
            parts.add(Arbitraries.of(seg, seg, "other"));
          }
        }
        return Combinators.combine(parts).as(ps -> "/" + String.join("/", ps));
      });
    }
    // regex: paths built from the same segments and character classes the regexes use
    return Combinators.combine(Arbitraries.of(ModelPools.SEGMENTS), Arbitraries.of("", "/7", "/123", "/v1", "/abc", "/a/b", "/"))
        .as((s, t) -> "/" + s + t);
  }

  private static List<String> valuesFor(StringMatcher m) {
    if (m instanceof StringMatcher.Present) {
      return List.of("1");
    }
    if (m instanceof StringMatcher.Exact e) {
      return List.of(e.value(), e.value().toUpperCase(Locale.ROOT), e.value() + "z");
    }
    if (m instanceof StringMatcher.Prefix p) {
      return List.of(p.value() + "zz", p.value().toUpperCase(Locale.ROOT), "z" + p.value());
    }
    if (m instanceof StringMatcher.Suffix s) {
      return List.of("zz" + s.value(), s.value().toUpperCase(Locale.ROOT), s.value() + "z");
    }
    if (m instanceof StringMatcher.Contains c) {
      return List.of("a" + c.value() + "b", c.value().toUpperCase(Locale.ROOT));
    }
    return List.of("", "bot", "7", "v1.2", "BETA");
  }
}
