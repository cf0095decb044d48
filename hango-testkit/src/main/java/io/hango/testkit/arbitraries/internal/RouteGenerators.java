package io.hango.testkit.arbitraries.internal;

import static io.hango.testkit.arbitraries.internal.ModelPools.HEADER_NAMES;
import static io.hango.testkit.arbitraries.internal.ModelPools.HEADER_REGEXES;
import static io.hango.testkit.arbitraries.internal.ModelPools.HEADER_VALUES;
import static io.hango.testkit.arbitraries.internal.ModelPools.HOSTS;
import static io.hango.testkit.arbitraries.internal.ModelPools.METHODS;
import static io.hango.testkit.arbitraries.internal.ModelPools.NAME_BASES;
import static io.hango.testkit.arbitraries.internal.ModelPools.QUERY_NAMES;
import static io.hango.testkit.arbitraries.internal.ModelPools.QUERY_REGEXES;
import static io.hango.testkit.arbitraries.internal.ModelPools.QUERY_VALUES;
import static io.hango.testkit.arbitraries.internal.ModelPools.SEGMENTS;
import static io.hango.testkit.arbitraries.internal.ModelPools.distinct;
import static io.hango.testkit.arbitraries.internal.ModelPools.durations;
import static io.hango.testkit.arbitraries.internal.ModelPools.quoteRegex;

import io.hango.model.gateway.Listener;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.ImmutableDestination;
import io.hango.model.route.ImmutableForward;
import io.hango.model.route.ImmutableMirror;
import io.hango.model.route.ImmutableRedirect;
import io.hango.model.route.ImmutableRewrite;
import io.hango.model.route.ImmutableRouteMatch;
import io.hango.model.route.ImmutableRouteSpec;
import io.hango.model.route.Mirror;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.RouteSpec;
import io.hango.testkit.arbitraries.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Generators of {@code Route}s and their parts: matches (path, header, query), actions (forwards
 * with their destinations, retries, mirrors, rewrites, header operations; redirects; direct
 * responses), each given the {@link ModelContext} it may refer to and the {@link Feature}s switched
 * on. Internal: use {@code HangoArbitraries}.
 */
public final class RouteGenerators {

  private static final List<String> RETRY_ON = List.of("5xx", "gateway-error", "reset", "connect-failure",
      "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers", "envoy-ratelimited",
      "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");

  private final Set<Feature> on;
  private final int maxConditions;

  /** With at most {@code maxConditions} header and query conditions each per route (0 also leaves methods out). */
  public RouteGenerators(Set<Feature> on, int maxConditions) {
    this.on = Set.copyOf(on);
    this.maxConditions = maxConditions;
  }

  private boolean has(Feature f) {
    return on.contains(f);
  }

  // ------------------------------------------------------------------ route matches

  public Arbitrary<PathMatch> pathMatches() {
    List<Arbitrary<PathMatch>> kinds = new ArrayList<>();
    Arbitrary<List<String>> segs = Arbitraries.of(SEGMENTS).list().ofMinSize(0).ofMaxSize(3);
    Arbitrary<String> prefix = Combinators.combine(segs, Arbitraries.of("", "/", "cut"))
        .as((s, end) -> {
          String p = "/" + String.join("/", s);
          if (end.equals("cut") && p.length() > 2) {
            return p.substring(0, p.length() - 1);
          }
          return p.equals("/") ? p : p + end;
        });
    Arbitrary<Boolean> ignoreCase = Arbitraries.of(false, false, true);
    kinds.add(Combinators.combine(prefix, ignoreCase).as((p, ic) -> PathMatch.builder().prefix(p).ignoreCase(ic).build()));
    kinds.add(Combinators.combine(segs.map(s -> "/" + String.join("/", s)), ignoreCase)
        .as((p, ic) -> PathMatch.builder().exact(p).ignoreCase(ic).build()));
    if (has(Feature.REGEXES)) {
      Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(SEGMENTS).map(s -> "/" + quoteRegex(s)),
          Arbitraries.of("/[0-9]+", "/[a-z]+", "/[^/]+", "(/.*)?", "/(v1|v2)", "/\\d{1,3}", "/.*"));
      Arbitrary<String> regex = Combinators.combine(token.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of("", "^", "^$"))
          .as((ts, anchors) -> (anchors.startsWith("^") ? "^" : "") + String.join("", ts) + (anchors.endsWith("$") ? "$" : ""));
      kinds.add(Combinators.combine(regex, ignoreCase).as((r, ic) -> PathMatch.builder().regex(r).ignoreCase(ic).build()));
    }
    if (has(Feature.TEMPLATES)) {
      Arbitrary<String> tail = Arbitraries.of("{id}", "*", "{rest=**}", "**", "{id}/items", "{id}/{rest=**}", "{name=*}");
      kinds.add(Combinators.combine(Arbitraries.of("orders", "users", "v1", "a.b", "x+y").list().ofMaxSize(2), tail)
          .as((s, t) -> PathMatch.template("/" + String.join("", s.stream().map(x -> x + "/").toList()) + t)));
    }
    return Arbitraries.oneOf(kinds);
  }

  public Arbitrary<HeaderMatch> headerMatches() {
    Arbitrary<String> value = Arbitraries.of(HEADER_VALUES);
    Arbitrary<Boolean> ic = Arbitraries.of(false, true);
    Arbitrary<Boolean> invert = has(Feature.INVERTED_HEADERS) ? Arbitraries.of(false, false, true) : Arbitraries.just(false);
    List<Arbitrary<HeaderMatch>> kinds = new ArrayList<>(List.of(
        Combinators.combine(Arbitraries.of(HEADER_NAMES), value, ic, invert)
            .as((n, v, i, inv) -> HeaderMatch.builder().name(n).exact(v).ignoreCase(i).invert(inv).build()),
        Combinators.combine(Arbitraries.of(HEADER_NAMES), value.map(v -> v.substring(0, Math.max(1, v.length() / 2))), ic, invert)
            .as((n, v, i, inv) -> HeaderMatch.builder().name(n).prefix(v).ignoreCase(i).invert(inv).build()),
        Combinators.combine(Arbitraries.of(HEADER_NAMES), value.map(v -> v.substring(v.length() / 2)), ic, invert)
            .as((n, v, i, inv) -> HeaderMatch.builder().name(n).suffix(v).ignoreCase(i).invert(inv).build()),
        Combinators.combine(Arbitraries.of(HEADER_NAMES), value.map(v -> v.substring(v.length() / 3, Math.max(v.length() / 3 + 1, 2 * v.length() / 3))), ic, invert)
            .as((n, v, i, inv) -> HeaderMatch.builder().name(n).contains(v).ignoreCase(i).invert(inv).build()),
        Combinators.combine(Arbitraries.of(HEADER_NAMES), Arbitraries.of(true, false), invert)
            .as((n, p, inv) -> HeaderMatch.builder().name(n).present(p).invert(inv).build())));
    if (has(Feature.REGEXES)) {
      kinds.add(Combinators.combine(Arbitraries.of(HEADER_NAMES), Arbitraries.of(HEADER_REGEXES), invert)
          .as((n, r, inv) -> HeaderMatch.builder().name(n).regex(r).invert(inv).build()));
    }
    return Arbitraries.oneOf(kinds);
  }

  public Arbitrary<QueryParamMatch> queryParamMatches() {
    Arbitrary<String> value = Arbitraries.of(QUERY_VALUES);
    Arbitrary<Boolean> ic = Arbitraries.of(false, true);
    List<Arbitrary<QueryParamMatch>> kinds = new ArrayList<>(List.of(
        Combinators.combine(Arbitraries.of(QUERY_NAMES), value, ic)
            .as((n, v, i) -> QueryParamMatch.builder().name(n).exact(v).ignoreCase(i).build()),
        Combinators.combine(Arbitraries.of(QUERY_NAMES), value.map(v -> v.substring(0, 1)), ic)
            .as((n, v, i) -> QueryParamMatch.builder().name(n).prefix(v).ignoreCase(i).build()),
        Combinators.combine(Arbitraries.of(QUERY_NAMES), value.map(v -> v.substring(v.length() - 1)), ic)
            .as((n, v, i) -> QueryParamMatch.builder().name(n).suffix(v).ignoreCase(i).build()),
        Combinators.combine(Arbitraries.of(QUERY_NAMES), value.map(v -> v.substring(v.length() / 2, v.length() / 2 + 1)), ic)
            .as((n, v, i) -> QueryParamMatch.builder().name(n).contains(v).ignoreCase(i).build()),
        Arbitraries.of(QUERY_NAMES).map(n -> QueryParamMatch.builder().name(n).present(true).build())));
    if (has(Feature.REGEXES)) {
      kinds.add(Combinators.combine(Arbitraries.of(QUERY_NAMES), Arbitraries.of(QUERY_REGEXES))
          .as((n, r) -> QueryParamMatch.builder().name(n).regex(r).build()));
    }
    return Arbitraries.oneOf(kinds);
  }

  public Arbitrary<RouteMatch> routeMatches() {
    return Combinators.combine(pathMatches(), distinct(METHODS, 0, Math.min(2, maxConditions)), headerMatches().list().ofMaxSize(maxConditions),
            queryParamMatches().list().ofMaxSize(maxConditions), Arbitraries.of(true, false))
        .as((p, m, h, q, defaultPath) -> {
          ImmutableRouteMatch.Builder b = RouteMatch.builder().methods(m).headers(h).queryParams(q);
          // leave the default path ({prefix: /}) unset now and then, so that the default is covered too
          return (defaultPath && p.prefix().equals(Optional.of("/")) && !p.ignoreCase()) ? b.build() : b.path(p).build();
        });
  }

  // ------------------------------------------------------------------ route actions

  public Arbitrary<Destination> destinations(ModelContext ctx) {
    List<String> names = new ArrayList<>(new TreeMap<>(ctx.subsetsByService()).keySet());
    return Arbitraries.of(names).flatMap(s -> {
      List<String> subsets = ctx.subsetsByService().get(s);
      Arbitrary<Optional<String>> subset = subsets.isEmpty() ? Arbitraries.just(Optional.empty()) : Arbitraries.of(subsets).optional(0.6);
      return Combinators.combine(subset, Arbitraries.oneOf(Arbitraries.integers().between(0, 100), Arbitraries.of(0, 1, 1000000)),
              Arbitraries.of(true, false))
          .as((sub, w, defaultWeight) -> {
            ImmutableDestination.Builder b = Destination.builder().service(s).subset(sub);
            return defaultWeight ? b.build() : b.weight(w).build();
          });
    });
  }

  private Arbitrary<List<Destination>> destinationLists(ModelContext ctx) {
    return destinations(ctx).list().ofMinSize(1).ofMaxSize(3).map(ds -> {
      if (ds.stream().allMatch(d -> d.weight() == 0)) {
        List<Destination> fixed = new ArrayList<>(ds);
        fixed.set(0, Destination.builder().from(ds.get(0)).weight(1).build());
        return fixed;
      }
      return ds;
    });
  }

  public static Arbitrary<Retry> retries() {
    return Arbitraries.of(RETRY_ON).list().uniqueElements().ofMaxSize(3).flatMap(on -> Builders.withBuilder(Retry::builder)
        .use(Arbitraries.integers().between(0, 5)).withProbability(0.7).in((b, v) -> b.attempts(v))
        .use(durations()).withProbability(0.5).in((b, v) -> b.perTryTimeout(v))
        .use(Arbitraries.of(503, 429, 502).list().uniqueElements().ofMinSize(1).ofMaxSize(2))
        .withProbability(on.contains("retriable-status-codes") ? 0.8 : 0).in((b, v) -> b.retriableStatusCodes(v))
        .use(Combinators.combine(durations(), Arbitraries.of(1, 2, 10), Arbitraries.of(true, false))
            .as((base, factor, max) -> max ? Retry.Backoff.builder().base(base).max(base.multipliedBy(factor)).build()
                : Retry.Backoff.builder().base(base).build()))
        .withProbability(0.4).in((b, v) -> b.backoff(v))
        .build(b -> b.retryOn(on).build()));
  }

  public Arbitrary<Mirror> mirrors(ModelContext ctx) {
    return Combinators.combine(destinations(ctx), Arbitraries.of(0.0, 0.5, 5.0, 33.3, 100.0), Arbitraries.of(true, false))
        .as((d, pct, dflt) -> {
          ImmutableMirror.Builder b = Mirror.builder().service(d.service()).subset(d.subset());
          return dflt ? b.build() : b.percent(pct).build();
        });
  }

  /** Rewrites that fit {@code path}: prefix rewrites only for prefix matches, template rewrites only with its variables. */
  public static Arbitrary<Rewrite> rewrites(PathMatch path) {
    List<Arbitrary<Optional<Object>>> paths = new ArrayList<>();
    paths.add(Arbitraries.just(Optional.empty()));
    paths.add(Arbitraries.of("^/(v1|v2)/(.*)$", "/orders", "\\.", "^(.*)$")
        .map(p -> Optional.of(Rewrite.RegexRewrite.of(p, p.contains("(") ? "/x/\\1" : "/"))));
    if (path.prefix().isPresent()) {
      paths.add(Arbitraries.of("/", "/api", "/v2/").map(Optional::of));
    }
    if (path.template().isPresent()) {
      String t = path.template().get();
      List<String> vars = new ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-zA-Z_]+)").matcher(t);
      while (m.find()) {
        vars.add(m.group(1));
      }
      if (!vars.isEmpty()) {
        paths.add(Arbitraries.of(vars).map(v -> Optional.of("/v2/{" + v + "}")));
      }
    }
    return Combinators.combine(Arbitraries.oneOf(paths), Arbitraries.of("none", "host", "auto"))
        .as((p, host) -> {
          ImmutableRewrite.Builder b = Rewrite.builder();
          p.ifPresent(v -> {
            if (v instanceof Rewrite.RegexRewrite r) {
              b.regex(r);
            } else if (path.template().isPresent() && ((String) v).contains("{")) {
              b.template((String) v);
            } else {
              b.prefix((String) v);
            }
          });
          if (host.equals("host")) {
            b.host("orders.internal");
          } else if (host.equals("auto")) {
            b.autoHost(true);
          }
          return b.build();
        });
  }

  public static Arbitrary<HeaderOperations> headerOperations(boolean request) {
    Arbitrary<String> names = Arbitraries.of("x-gw", "x-trace", "x-user", "cache-control");
    Arbitrary<String> values = Arbitraries.of("hango", "1", "ünïcödé 日本", "no-store", "");
    return Combinators.combine(Arbitraries.maps(names, values).ofMaxSize(2), Arbitraries.maps(names, values).ofMaxSize(2),
            Arbitraries.of("x-internal", "x-debug", "server").list().uniqueElements().ofMaxSize(2))
        .as((set, add, remove) -> HeaderOperations.builder().set(set).add(add).remove(remove).build());
  }

  public Arbitrary<Forward> forwards(ModelContext ctx, PathMatch path) {
    boolean extras = has(Feature.FORWARD_EXTRAS);
    double p = extras ? 0.3 : 0;
    return destinationLists(ctx).flatMap(ds -> Builders.withBuilder(() -> Forward.builder().destinations(ds))
        .use(Arbitraries.oneOf(durations(), Arbitraries.just(Duration.ZERO))).withProbability(p).in((b, v) -> b.timeout(v))
        .use(durations()).withProbability(p).in((b, v) -> b.idleTimeout(v))
        .use(retries()).withProbability(p).in((b, v) -> b.retry(v))
        .use(mirrors(ctx)).withProbability(p).in((b, v) -> b.mirror(v))
        .use(rewrites(path)).withProbability(p).in((b, v) -> b.rewrite(v))
        .use(headerOperations(true)).withProbability(p).in((b, v) -> b.requestHeaders(v))
        .use(headerOperations(false)).withProbability(p).in((b, v) -> b.responseHeaders(v))
        .use(ServiceGenerators.hashOns()).withProbability(extras ? 0.15 : 0).in((b, v) -> b.hashOn(v))
        .build(ImmutableForward.Builder::build));
  }

  public static Arbitrary<Redirect> redirects(PathMatch path) {
    Arbitrary<String> pathPart = path.prefix().isPresent() ? Arbitraries.of("none", "path", "prefix") : Arbitraries.of("none", "path");
    return pathPart.flatMap(kind -> Builders.withBuilder(Redirect::builder)
        .use(Arbitraries.of("http", "https")).withProbability(0.5).in((b, v) -> b.scheme(v))
        .use(Arbitraries.of("secure.example.com", "new.example.org")).withProbability(0.5).in((b, v) -> b.host(v))
        .use(Arbitraries.of(1, 443, 8443, 65535)).withProbability(0.3).in((b, v) -> b.port(v))
        .use(Arbitraries.of("/", "/welcome", "/v2/")).in((b, v) -> kind.equals("path") ? b.path(v) : kind.equals("prefix") ? b.prefix(v) : b)
        .use(Arbitraries.of(true, false)).in((b, v) -> b.stripQuery(v))
        .use(Arbitraries.of(301, 302, 303, 307, 308)).withProbability(0.7).in((b, v) -> b.code(v))
        .build(ImmutableRedirect.Builder::build));
  }

  public static Arbitrary<DirectResponse> directResponses() {
    return Combinators.combine(Arbitraries.oneOf(Arbitraries.of(200, 204, 404, 503, 599), Arbitraries.integers().between(200, 599)),
            Arbitraries.oneOf(Arbitraries.of("ok", "", "down for maintenance", "ünïcödé 日本", "{\"error\":\"x\"}"),
                Arbitraries.strings().ofMaxLength(4096).map(s -> s.replace('\0', ' '))).optional(0.7))
        .as((s, body) -> DirectResponse.builder().status(s)
            .body(body.filter(b -> b.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 4096)).build());
  }

  // ------------------------------------------------------------------ routes

  public Arbitrary<Route> routes(ModelContext ctx) {
    return routes(ctx, Arbitraries.of(NAME_BASES).flatMap(b -> Arbitraries.integers().between(0, 99).map(i -> b + "-" + i)));
  }

  Arbitrary<Route> routes(ModelContext ctx, Arbitrary<String> names) {
    List<String> gateways = new ArrayList<>(new TreeMap<>(ctx.listenersByGateway()).keySet());
    return Combinators.combine(names, Arbitraries.of(gateways), routeMatches()).flatAs((name, gw, match) -> {
      List<String> listeners = ctx.listenersByGateway().get(gw).stream().map(Listener::name).toList();
      List<Arbitrary<ImmutableRouteSpec.Builder>> actions = new ArrayList<>();
      actions.add(forwards(ctx, match.path()).map(f -> RouteSpec.builder().forward(f)));
      actions.add(forwards(ctx, match.path()).map(f -> RouteSpec.builder().forward(f)));
      if (has(Feature.REDIRECTS)) {
        actions.add(redirects(match.path()).map(r -> RouteSpec.builder().redirect(r)));
      }
      if (has(Feature.DIRECT_RESPONSES)) {
        actions.add(directResponses().map(d -> RouteSpec.builder().directResponse(d)));
      }
      return Arbitraries.oneOf(actions).flatMap(start -> Builders.withBuilder(() -> start.gateway(gw).match(match))
          .use(Arbitraries.of(listeners)).withProbability(has(Feature.LISTENER_BINDING) ? 0.2 : 0).in((b, v) -> b.listener(v))
          .use(distinct(HOSTS, 0, 2)).in((b, v) -> b.hosts(v))
          .use(Arbitraries.of(0, 0, 0, 1, 10, -1, 100)).withProbability(0.6).in((b, v) -> b.priority(v))
          .use(Arbitraries.of(false)).withProbability(has(Feature.DISABLED_ROUTES) ? 0.1 : 0).in((b, v) -> b.enabled(v))
          .use(Arbitraries.of("stats-" + name, "edge_" + name)).withProbability(0.2).in((b, v) -> b.statPrefix(v))
          .build(b -> Route.of(name, b.build())));
    });
  }
}
