package io.hango.testkit.arbitraries.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.GatewayConfig;
import io.hango.model.gateway.ImmutableGatewaySpec;
import io.hango.model.gateway.ImmutableListener;
import io.hango.model.gateway.ImmutableListenerTls;
import io.hango.model.route.ImmutableDestination;
import io.hango.model.route.ImmutableForward;
import io.hango.model.route.ImmutableMirror;
import io.hango.model.route.ImmutableRedirect;
import io.hango.model.route.ImmutableRewrite;
import io.hango.model.route.ImmutableRouteMatch;
import io.hango.model.route.ImmutableRouteSpec;
import io.hango.model.service.ImmutableActiveHealthCheck;
import io.hango.model.service.ImmutableEndpoint;
import io.hango.model.service.ImmutableSubset;
import io.hango.model.Metadata;
import io.hango.model.Resource;
import io.hango.model.gateway.AccessLog;
import io.hango.model.gateway.ClientIp;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.HttpSettings;
import io.hango.model.gateway.Listener;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.gateway.ListenerTls;
import io.hango.model.gateway.Tracing;
import io.hango.model.plugin.Plugin;
import io.hango.model.plugin.PluginSpec;
import io.hango.model.plugin.PluginTarget;
import io.hango.model.registry.ImmutableEureka;
import io.hango.model.registry.ImmutableKubernetes;
import io.hango.model.registry.ImmutableNacos;
import io.hango.model.registry.ImmutableStatic;
import io.hango.model.registry.ImmutableZookeeper;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Mirror;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.RouteSpec;
import io.hango.model.secret.PemSource;
import io.hango.model.secret.Secret;
import io.hango.model.secret.SecretSpec;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.ConnectionPool;
import io.hango.model.service.Endpoint;
import io.hango.model.service.HashOn;
import io.hango.model.service.HealthCheck;
import io.hango.model.service.ImmutableConsistentHash;
import io.hango.model.service.ImmutableCookie;
import io.hango.model.service.ImmutableFailurePercentage;
import io.hango.model.service.ImmutableGrpcProbe;
import io.hango.model.service.ImmutableHttp;
import io.hango.model.service.ImmutableHttpProbe;
import io.hango.model.service.ImmutableKeepalive;
import io.hango.model.service.ImmutableLeastRequest;
import io.hango.model.service.ImmutableRandom;
import io.hango.model.service.ImmutableRoundRobin;
import io.hango.model.service.ImmutableSlowStart;
import io.hango.model.service.ImmutableTcp;
import io.hango.model.service.ImmutableTcpProbe;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.PassiveHealthCheck;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceProtocol;
import io.hango.model.service.ServiceSpec;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import io.hango.testkit.arbitraries.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Generators of valid model values, each given the {@link ModelContext} it may refer to and the
 * features switched on. Values are drawn from small pools on purpose: small pools make routes
 * overlap (same hosts, overlapping prefixes, equal priorities), which is where routing bugs hide.
 * Internal: use {@code HangoArbitraries}.
 */
public final class ModelGenerators {

  /** Host patterns: exact, nested wildcards and the catch-all. */
  public static final List<String> HOSTS = List.of(
      "api.example.com", "shop.example.com", "a.shop.example.com", "*.example.com", "*.shop.example.com", "*",
      "legacy.example.org", "xn--bcher-kva.example.com");
  /** Path segments, some with characters that are regex metacharacters. */
  public static final List<String> SEGMENTS = List.of("orders", "users", "v1", "v2", "a", "ab", "a.b", "x+y", "items", "Orders", "$x");
  public static final List<String> HEADER_NAMES = List.of("x-beta", "x-user", "user-agent", "x-env");
  public static final List<String> HEADER_VALUES = List.of("true", "1", "beta", "Mozilla/5.0 bot", "ünïcödé", "日本語", "a b", "x-1", "Beta");
  public static final List<String> HEADER_REGEXES = List.of("[a-z]+", ".*bot.*", "(true|1)", "\\d+", "v[0-9]\\.[0-9]", "日本.*", "(?i)beta", "a b|x-.*");
  public static final List<String> QUERY_NAMES = List.of("q", "debug", "v", "lang");
  public static final List<String> QUERY_VALUES = List.of("1", "2", "true", "en", "abc");
  public static final List<String> QUERY_REGEXES = List.of("[a-z]{2}", "[0-9]+", "(1|2)", "t.*");
  public static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
  static final List<String> CERTIFICATE_SECRETS = List.of("tls-cert", "tls-all");
  static final List<String> CA_SECRETS = List.of("tls-ca", "tls-all");
  private static final List<String> RETRY_ON = List.of("5xx", "gateway-error", "reset", "connect-failure",
      "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers", "envoy-ratelimited",
      "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");
  private static final List<String> NAME_BASES = List.of("orders", "users", "a", "x.y", "catalog-v2");
  private static final List<String> SUBSET_NAMES = List.of("v1", "v2", "canary");

  static final String CERT_PEM =
      "-----BEGIN CERTIFICATE-----\n"
      + "MIIBrjCCAVSgAwIBAgIUZu0S9znz1GL4hd3sMSuTxtl4gCAwCgYIKoZIzj0EAwIw\n"
      + "HTEbMBkGA1UEAwwSc2VjdXJlLmV4YW1wbGUuY29tMB4XDTI2MTEyMjAyMDU1OVoX\n"
      + "DTM2MTExOTAyMDU1OVowHTEbMBkGA1UEAwwSc2VjdXJlLmV4YW1wbGUuY29tMFkw\n"
      + "EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEV/MBweItxJ4WLZlZpH/8Xnd6TElBmfrd\n"
      + "cgBfg0UbyT8cAOnu4rmg9Z9x5WxufLtYIhcRVWwh9RSMVTTVnrTRm6NyMHAwHQYD\n"
      + "VR0OBBYEFCH6JjbDV5XB1mp56m8MYpVQLcLlMB8GA1UdIwQYMBaAFCH6JjbDV5XB\n"
      + "1mp56m8MYpVQLcLlMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0RBBYwFIISc2VjdXJl\n"
      + "LmV4YW1wbGUuY29tMAoGCCqGSM49BAMCA0gAMEUCIQCwEzo+JZmr7NY1YvEWTrrd\n"
      + "MB+D8Rd7071nZHSdnKM4lAIgKPkZAwGYnnCJvlpTlwjk35NlcN4/Z2vYCDfCoGJP\n"
      + "gaA=\n"
      + "-----END CERTIFICATE-----\n";
  static final String KEY_PEM =
      "-----BEGIN PRIVATE KEY-----\n"
      + "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQge9XN3L9KY1EBUszy\n"
      + "o1+XQm9Wa6BkHkvhH1NkYYbtsGehRANCAARX8wHB4i3EnhYtmVmkf/xed3pMSUGZ\n"
      + "+t1yAF+DRRvJPxwA6e7iuaD1n3HlbG58u1giFxFVbCH1FIxVNNWetNGb\n"
      + "-----END PRIVATE KEY-----\n";

  private final Set<Feature> on;
  private final int maxConditions;

  public ModelGenerators(Set<Feature> on) {
    this(on, 2);
  }

  /** With at most {@code maxConditions} header and query conditions each per route (0 also leaves methods out). */
  public ModelGenerators(Set<Feature> on, int maxConditions) {
    this.on = Set.copyOf(on);
    this.maxConditions = maxConditions;
  }

  private boolean has(Feature f) {
    return on.contains(f);
  }

  // ------------------------------------------------------------------ small values

  public static Arbitrary<Duration> durations() {
    return Arbitraries.of(Duration.ofMillis(1), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(90), Duration.ofMinutes(1), Duration.ofHours(1));
  }

  static Arbitrary<Duration> wholeSeconds() {
    return Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(2));
  }

  public static Arbitrary<Metadata> metadata() {
    return Combinators.combine(
            Arbitraries.of(NAME_BASES), Arbitraries.integers().between(0, 99),
            Arbitraries.maps(Arbitraries.of("team", "app.kubernetes.io/name", "tier"), Arbitraries.of("shop", "ünï", "edge"))
                .ofMaxSize(2))
        .as((base, i, labels) -> Metadata.builder().name(base + "-" + i).labels(labels).build());
  }

  private static <T> Arbitrary<List<T>> distinct(List<T> pool, int min, int max) {
    return Arbitraries.of(pool).list().uniqueElements().ofMinSize(min).ofMaxSize(max);
  }

  /** Escapes RE2 metacharacters, so that a literal path segment can be part of a regex. */
  public static String quoteRegex(String literal) {
    StringBuilder b = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
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

  public static Arbitrary<HashOn> hashOns() {
    return Arbitraries.oneOf(
        Arbitraries.of("x-user", "x-session").map(HashOn::header),
        Combinators.combine(Arbitraries.of("session", "sid"), durations().optional(0.5), Arbitraries.of("/", "/shop").optional(0.5))
            .as((n, ttl, p) -> HashOn.builder().cookie(ImmutableCookie.builder().name(n).ttl(ttl).path(p).build()).build()),
        Arbitraries.just(HashOn.builder().sourceIp(true).build()),
        Arbitraries.of("user", "q").map(q -> HashOn.builder().queryParam(q).build()));
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
        .use(hashOns()).withProbability(extras ? 0.15 : 0).in((b, v) -> b.hashOn(v))
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

  // ------------------------------------------------------------------ services

  public static Arbitrary<Endpoint> endpoints(int index) {
    return Builders.withBuilder(() -> Endpoint.builder().address(index % 3 == 2 ? "host-" + index + ".internal" : "10.0." + (index / 250) + "." + (index % 250 + 1)))
        .use(Arbitraries.of(80, 8080, 65535, 1)).in((b, v) -> b.port(v))
        .use(Arbitraries.of(1, 2, 128)).withProbability(0.4).in((b, v) -> b.weight(v))
        .use(Arbitraries.of(SUBSET_NAMES)).withProbability(0.8).in((b, v) -> b.putLabel("version", v))
        .use(Arbitraries.of("zone-a", "zone-b")).withProbability(0.5).in((b, v) -> b.zone(v))
        .build(ImmutableEndpoint.Builder::build);
  }

  public static Arbitrary<Subset> subsets(String name, ModelGenerators gen, ServiceProtocol protocol, ModelContext ctx) {
    return Builders.withBuilder(() -> Subset.builder().name(name).putLabel("version", name))
        .use(gen.trafficPolicies(protocol, ctx)).withProbability(gen.has(Feature.TRAFFIC_POLICIES) ? 0.2 : 0).in((b, v) -> b.trafficPolicy(v))
        .build(ImmutableSubset.Builder::build);
  }

  public static Arbitrary<LoadBalancer> loadBalancers() {
    Arbitrary<Optional<io.hango.model.service.LoadBalancer.SlowStart>> slow = Combinators.combine(durations(), Arbitraries.of(1.0, 0.5, 3.0))
        .as((w, a) -> (io.hango.model.service.LoadBalancer.SlowStart) ImmutableSlowStart.builder().window(w).aggression(a).build()).optional(0.3);
    Arbitrary<Boolean> lw = Arbitraries.of(false, true);
    return Arbitraries.oneOf(
        Combinators.combine(slow, lw).as((s, l) -> ImmutableRoundRobin.builder().slowStart(s).localityWeighted(l).build()),
        lw.map(l -> ImmutableRandom.builder().localityWeighted(l).build()),
        Combinators.combine(slow, lw, Arbitraries.of(2, 5)).as((s, l, c) -> ImmutableLeastRequest.builder().slowStart(s).localityWeighted(l).choiceCount(c).build()),
        Combinators.combine(hashOns(), Arbitraries.of(LoadBalancer.ConsistentHash.Algorithm.values()), Arbitraries.of(1, 1024, 8388608).optional(0.5))
            .as((h, alg, ring) -> ImmutableConsistentHash.builder().hashOn(h).algorithm(alg)
                .minimumRingSize(alg == LoadBalancer.ConsistentHash.Algorithm.RING_HASH ? ring : Optional.empty()).build()));
  }

  public static Arbitrary<ConnectionPool> connectionPools() {
    Arbitrary<Optional<Integer>> limit = Arbitraries.of(1, 100, 1024).optional(0.5);
    Arbitrary<ConnectionPool.Tcp> tcp = Combinators.combine(limit, durations().optional(0.5),
            Combinators.combine(wholeSeconds().optional(0.5), wholeSeconds().optional(0.5), Arbitraries.of(1, 3, 9).optional(0.5))
                .as((t, i, p) -> (ConnectionPool.Keepalive) ImmutableKeepalive.builder().time(t).interval(i).probes(p).build()).optional(0.4))
        .as((m, c, k) -> ImmutableTcp.builder().maxConnections(m).connectTimeout(c).keepalive(k).build());
    Arbitrary<ConnectionPool.Http> http = Combinators.combine(limit, limit, limit, Arbitraries.of(0, 3).optional(0.5), durations().optional(0.5))
        .as((p, r, rpc, retries, idle) -> ImmutableHttp.builder().maxPendingRequests(p).maxRequests(r)
            .maxRequestsPerConnection(rpc).maxRetries(retries).idleTimeout(idle).build());
    return Combinators.combine(tcp.optional(0.7), http.optional(0.7))
        .as((t, h) -> ConnectionPool.builder().tcp(t).http(h).build());
  }

  public static Arbitrary<ActiveHealthCheck> activeHealthChecks(ServiceProtocol protocol) {
    List<Arbitrary<ImmutableActiveHealthCheck.Builder>> probes = new ArrayList<>(List.of(
        Combinators.combine(Arbitraries.of("/", "/healthz").optional(0.7), Arbitraries.of("orders.internal").optional(0.5),
                Arbitraries.of(200, 204, 100, 599).list().uniqueElements().ofMaxSize(2))
            .as((p, h, s) -> {
              ImmutableHttpProbe.Builder b = ImmutableHttpProbe.builder().host(h).expectedStatuses(s);
              p.ifPresent(b::path);
              return ActiveHealthCheck.builder().http(b.build());
            }),
        Arbitraries.just(ActiveHealthCheck.builder().tcp(ImmutableTcpProbe.builder().build()))));
    if (protocol.usesHttp2()) {
      probes.add(Combinators.combine(Arbitraries.of("orders.v1.Orders").optional(0.5), Arbitraries.of("orders.internal").optional(0.5))
          .as((s, a) -> ActiveHealthCheck.builder().grpc(ImmutableGrpcProbe.builder().serviceName(s).authority(a).build())));
    }
    return Arbitraries.oneOf(probes).flatMap(start -> Builders.withBuilder(() -> start)
        .use(durations()).withProbability(0.5).in((b, v) -> b.interval(v))
        .use(durations()).withProbability(0.5).in((b, v) -> b.timeout(v))
        .use(Arbitraries.of(1, 2, 5)).withProbability(0.5).in((b, v) -> b.healthyThreshold(v))
        .use(Arbitraries.of(1, 3, 10)).withProbability(0.5).in((b, v) -> b.unhealthyThreshold(v))
        .build(ImmutableActiveHealthCheck.Builder::build));
  }

  public static Arbitrary<PassiveHealthCheck> passiveHealthChecks() {
    Arbitrary<Optional<PassiveHealthCheck.FailurePercentage>> fp = Combinators.combine(Arbitraries.of(0, 85, 100), Arbitraries.of(1, 5), Arbitraries.of(1, 50))
        .as((t, h, v) -> (PassiveHealthCheck.FailurePercentage) ImmutableFailurePercentage.builder().threshold(t).minimumHosts(h).requestVolume(v).build())
        .optional(0.4);
    return Combinators.combine(Arbitraries.of(1, 5).optional(0.6), Arbitraries.of(1, 3).optional(0.4), fp,
            durations().optional(0.4), durations().optional(0.4), Arbitraries.of(0, 10, 100).optional(0.4), Arbitraries.of(0, 50, 100).optional(0.4))
        .as((c5, gw, f, interval, base, maxEj, minHealth) -> PassiveHealthCheck.builder()
            .consecutive5xx(c5.isEmpty() && gw.isEmpty() && f.isEmpty() ? Optional.of(5) : c5)
            .consecutiveGatewayErrors(gw).failurePercentage(f).interval(interval).baseEjectionTime(base)
            .maxEjectionPercent(maxEj).minHealthPercent(minHealth).build());
  }

  public static Arbitrary<UpstreamTls> upstreamTls(ModelContext ctx) {
    return Combinators.combine(Arbitraries.of(UpstreamTls.Mode.values()), Arbitraries.of(ctx.certificateSecrets()),
            Arbitraries.of(ctx.caSecrets()).optional(0.5), Arbitraries.of("orders.internal").optional(0.5),
            Arbitraries.of("orders.internal", "spiffe.example.com").list().uniqueElements().ofMaxSize(2),
            Arbitraries.of("h2", "http/1.1").list().uniqueElements().ofMaxSize(2))
        .as((mode, cert, ca, sni, sans, alpn) -> UpstreamTls.builder().mode(mode)
            .clientCertificate(mode == UpstreamTls.Mode.MUTUAL ? Optional.of(cert) : Optional.empty())
            .caCertificate(ca).sni(sni).subjectAltNames(ca.isPresent() ? sans : List.of()).alpn(alpn).build());
  }

  public Arbitrary<TrafficPolicy> trafficPolicies(ServiceProtocol protocol, ModelContext ctx) {
    Arbitrary<Optional<HealthCheck>> hc = Combinators.combine(activeHealthChecks(protocol).optional(0.5), passiveHealthChecks().optional(0.5))
        .as((a, p) -> (HealthCheck) HealthCheck.builder().active(a).passive(p).build()).optional(0.5);
    return Combinators.combine(loadBalancers().optional(0.6), connectionPools().optional(0.4), hc, upstreamTls(ctx).optional(0.3))
        .as((lb, cp, h, tls) -> TrafficPolicy.builder().loadBalancer(lb).connectionPool(cp).healthCheck(h).tls(tls).build());
  }

  public Arbitrary<Service> services(String name, ModelContext ctx) {
    double policies = has(Feature.TRAFFIC_POLICIES) ? 0.5 : 0;
    boolean registry = has(Feature.REGISTRIES) && !ctx.registries().isEmpty();
    return Arbitraries.of(ServiceProtocol.HTTP, ServiceProtocol.HTTP, ServiceProtocol.HTTP2, ServiceProtocol.GRPC, ServiceProtocol.DUBBO)
        .flatMap(protocol -> {
          Arbitrary<io.hango.model.service.ImmutableServiceSpec.Builder> discovery = Arbitraries.integers().between(0, 1000).flatMap(base ->
              Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(
                      java.util.stream.IntStream.range(0, n).mapToObj(i -> endpoints(base * 3 + i)).toList())
                  .as(es -> ServiceSpec.builder().endpoints(es))));
          if (registry) {
            Arbitrary<io.hango.model.service.ImmutableServiceSpec.Builder> fromRegistry = Combinators.combine(Arbitraries.of(ctx.registries()),
                    Arbitraries.of("orders-svc", name), Arbitraries.of("DEFAULT_GROUP").optional(0.3), Arbitraries.of("prod").optional(0.3),
                    Arbitraries.of(8080).optional(0.3))
                .as((r, sn, g, ns, port) -> ServiceSpec.builder().discovery(RegistryDiscovery.builder()
                    .registry(r).serviceName(sn).group(g).namespace(ns).port(port).build()));
            discovery = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, discovery), net.jqwik.api.Tuple.of(1, fromRegistry));
          }
          return Combinators.combine(discovery, distinct(SUBSET_NAMES, 0, 2), trafficPolicies(protocol, ctx).optional(policies))
              .flatAs((spec, subsetNames, tp) -> Combinators.combine(
                      subsetNames.stream().map(s -> subsets(s, this, protocol, ctx)).toList())
                  .as(subs -> Service.of(name, spec.protocol(protocol).subsets(subs).trafficPolicy(tp).build())));
        });
  }

  // ------------------------------------------------------------------ gateways

  public Arbitrary<Listener> listeners(String name, int port, ModelContext ctx) {
    List<ListenerProtocol> protocols = has(Feature.HTTPS) ? List.of(ListenerProtocol.values()) : List.of(ListenerProtocol.HTTP, ListenerProtocol.HTTP2);
    return Combinators.combine(Arbitraries.of(protocols), distinct(HOSTS, 0, 3), Arbitraries.of("0.0.0.0", "127.0.0.1").optional(0.3),
            Combinators.combine(Arbitraries.of(ctx.certificateSecrets()), Arbitraries.of(ListenerTls.TlsVersion.values()).optional(0.5),
                    Arbitraries.of(ctx.caSecrets()).optional(0.3), Arbitraries.of("h2", "http/1.1").list().uniqueElements().ofMaxSize(2))
                .as((c, v, ca, alpn) -> {
                  ImmutableListenerTls.Builder b = ListenerTls.builder().certificate(c).clientCa(ca).alpn(alpn);
                  v.ifPresent(b::minVersion);
                  return b.build();
                }))
        .as((protocol, hosts, address, tls) -> {
          ImmutableListener.Builder b = Listener.builder().name(name).port(port).protocol(protocol).hosts(hosts);
          address.ifPresent(b::address);
          if (protocol == ListenerProtocol.HTTPS) {
            b.tls(tls);
          }
          return b.build();
        });
  }

  Arbitrary<GatewaySpec> gatewaySpecs(int listenerCount, ModelContext ctx) {
    List<String> names = List.of("http", "https", "grpc", "l3");
    List<Integer> ports = List.of(8080, 8443, 9090, 65535);
    Arbitrary<List<Listener>> listeners = Combinators.combine(java.util.stream.IntStream.range(0, listenerCount)
        .mapToObj(i -> listeners(names.get(i), ports.get(i), ctx)).toList()).as(List::copyOf);
    double settings = has(Feature.GATEWAY_SETTINGS) ? 0.4 : 0;
    List<String> services = new ArrayList<>(new TreeMap<>(ctx.subsetsByService()).keySet());
    return listeners.flatMap(ls -> Builders.withBuilder(() -> GatewaySpec.builder().listeners(ls))
        .use(Arbitraries.oneOf(Arbitraries.integers().between(0, 10).map(h -> ClientIp.builder().xffTrustedHops(h).build()),
            Arbitraries.just(ClientIp.builder().header("x-real-ip").build()))).withProbability(settings).in((b, v) -> b.clientIp(v))
        .use(Arbitraries.oneOf(
            Arbitraries.of("%REQ(:PATH)% %RESPONSE_CODE%").optional(0.5).map(t -> AccessLog.builder().text(t).build()),
            Arbitraries.maps(Arbitraries.of("status", "path"), Arbitraries.of("%RESPONSE_CODE%", "%REQ(:PATH)%")).ofMaxSize(2)
                .map(f -> AccessLog.builder().path("/var/log/envoy.log").format(AccessLog.Format.JSON).fields(f).build())))
        .withProbability(settings).in((b, v) -> b.accessLog(v))
        .use(Combinators.combine(Arbitraries.of(Tracing.Provider.values()), Arbitraries.of(services),
                Arbitraries.of(0.0, 10.0, 100.0), Arbitraries.of("edge-gw").optional(0.5), Arbitraries.of("/api/v2/spans").optional(0.5))
            .as((p, s, pct, sn, path) -> Tracing.builder().provider(p).service(s).samplePercent(pct).serviceName(sn)
                .path(p == Tracing.Provider.ZIPKIN ? path : Optional.empty()).build()))
        .withProbability(settings).in((b, v) -> b.tracing(v))
        .use(Combinators.combine(durations().optional(0.5), durations().optional(0.5), durations().optional(0.3), durations().optional(0.3),
                Arbitraries.of(1, 96, 8192).optional(0.3), Arbitraries.of(1, 100).optional(0.3), Arbitraries.of(true, false).optional(0.3),
                Arbitraries.of("hango").optional(0.3))
            .as((idle, req, hdr, stream, kb, count, reqId, server) -> HttpSettings.builder().idleTimeout(idle).requestTimeout(req)
                .requestHeadersTimeout(hdr).streamIdleTimeout(stream).maxRequestHeadersKb(kb).maxHeadersCount(count)
                .generateRequestId(reqId).serverName(server).build()))
        .withProbability(settings).in((b, v) -> b.http(v))
        .build(ImmutableGatewaySpec.Builder::build));
  }

  // ------------------------------------------------------------------ plugins, registries, secrets

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A built-in plugin type with a valid config. */
  public static Arbitrary<Map.Entry<String, ObjectNode>> pluginConfigs() {
    return Arbitraries.of(
        Map.entry("local-rate-limit", json("{\"rules\":[{\"limit\":{\"requests\":100,\"per\":\"second\"}}]}")),
        Map.entry("local-rate-limit", json("{\"rules\":[{\"limit\":{\"requests\":5,\"per\":\"minute\"}}],\"statusCode\":429}")),
        Map.entry("cors", json("{\"allowOrigins\":[\"https://shop.example.com\"],\"allowMethods\":[\"GET\",\"POST\"],\"allowHeaders\":[\"content-type\"],\"maxAge\":\"1h\"}")),
        Map.entry("cors", json("{\"allowOrigins\":[\"*\"]}")),
        Map.entry("access-control", json("{\"deny\":[\"192.0.2.0/24\",\"198.51.100.7/32\"]}")),
        Map.entry("access-control", json("{\"allow\":[\"10.0.0.0/8\"]}")),
        Map.entry("fault", json("{\"delay\":{\"fixed\":\"200ms\",\"percent\":10},\"abort\":{\"status\":503,\"percent\":1}}")),
        Map.entry("fault", json("{\"abort\":{\"grpcStatus\":14,\"percent\":0.5}}")));
  }

  public Arbitrary<Plugin> plugins(String name, ModelContext ctx) {
    List<Arbitrary<PluginTarget>> targets = new ArrayList<>();
    targets.add(Arbitraries.of(new ArrayList<>(new TreeMap<>(ctx.listenersByGateway()).keySet())).map(g -> PluginTarget.of(PluginTarget.Kind.GATEWAY, g)));
    targets.add(Arbitraries.of(HOSTS).map(h -> PluginTarget.of(PluginTarget.Kind.HOST, h)));
    if (!ctx.routes().isEmpty()) {
      targets.add(Arbitraries.of(ctx.routes()).map(r -> PluginTarget.of(PluginTarget.Kind.ROUTE, r)));
    }
    return Combinators.combine(pluginConfigs(), Arbitraries.oneOf(targets).list().uniqueElements().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of(true, true, false))
        .as((c, t, enabled) -> Plugin.of(name, PluginSpec.builder().type(c.getKey()).targets(t).enabled(enabled).config(c.getValue()).build()));
  }

  public static Arbitrary<Registry> registries(String name) {
    Arbitrary<Duration> refresh = durations();
    Arbitrary<RegistrySpec.OnEmpty> onEmpty = Arbitraries.of(RegistrySpec.OnEmpty.values());
    List<Arbitrary<RegistrySpec>> kinds = List.of(
        Combinators.combine(refresh, onEmpty, Arbitraries.of("https://10.0.0.1:6443").optional(0.5), Arbitraries.of("shop", "default").list().uniqueElements().ofMaxSize(2))
            .as((r, e, api, ns) -> ImmutableKubernetes.builder().refreshInterval(r).onEmpty(e).apiServer(api).namespaces(ns).build()),
        Combinators.combine(refresh, onEmpty).as((r, e) -> ImmutableEureka.builder().refreshInterval(r).onEmpty(e).addServiceUrl("http://eureka:8761/eureka").build()),
        Combinators.combine(refresh, onEmpty, Arbitraries.of("prod").optional(0.5))
            .as((r, e, ns) -> ImmutableNacos.builder().refreshInterval(r).onEmpty(e).serverAddr("127.0.0.1:8848").namespace(ns).build()),
        Combinators.combine(refresh, onEmpty, Arbitraries.of(RegistrySpec.Zookeeper.Layout.values()), Arbitraries.of("/dubbo", "/services").optional(0.5))
            .as((r, e, l, root) -> ImmutableZookeeper.builder().refreshInterval(r).onEmpty(e).connectString("zk:2181/hango").layout(l).rootPath(root).build()),
        Combinators.combine(refresh, onEmpty, endpoints(0), endpoints(1))
            .as((r, e, a, b) -> ImmutableStatic.builder().refreshInterval(r).onEmpty(e).putService("orders-svc", List.of(a, b)).build()));
    return Arbitraries.oneOf(kinds).map(spec -> Registry.of(name, spec));
  }

  public static Arbitrary<List<Secret>> secrets() {
    Arbitrary<PemSource> cert = Arbitraries.of(PemSource.ofPem(CERT_PEM), PemSource.ofFile("/etc/hango/tls/tls.crt"));
    Arbitrary<PemSource> key = Arbitraries.of(PemSource.ofPem(KEY_PEM), PemSource.ofFile("/etc/hango/tls/tls.key"));
    Arbitrary<PemSource> ca = Arbitraries.of(PemSource.ofPem(CERT_PEM), PemSource.ofFile("/etc/hango/tls/ca.crt"));
    return Combinators.combine(cert, key, ca, cert, key, ca).as((c1, k1, ca1, c2, k2, ca2) -> List.of(
        Secret.of("tls-cert", SecretSpec.builder().certificate(c1).privateKey(k1).build()),
        Secret.of("tls-ca", SecretSpec.builder().ca(ca1).build()),
        Secret.of("tls-all", SecretSpec.builder().certificate(c2).privateKey(k2).ca(ca2).build())));
  }

  // ------------------------------------------------------------------ whole configs

  /** Whole configs: {@code services}, {@code gateways} and {@code routes} counts drawn from the given ranges. */
  public Arbitrary<GatewayConfig> configs(int minServices, int maxServices, int minGateways, int maxGateways, int maxListeners,
      int minRoutes, int maxRoutes) {
    Arbitrary<List<Registry>> registries = has(Feature.REGISTRIES)
        ? Arbitraries.integers().between(0, 2).flatMap(n -> Combinators.combine(
            java.util.stream.IntStream.range(0, n).mapToObj(i -> registries("registry-" + i)).toList()).as(List::copyOf))
        : Arbitraries.just(List.of());
    return Combinators.combine(secrets(), registries, Arbitraries.integers().between(minServices, maxServices))
        .flatAs((secrets, regs, nServices) -> {
          Map<String, List<String>> placeholder = new LinkedHashMap<>();
          List<String> serviceNames = java.util.stream.IntStream.range(0, nServices).mapToObj(i -> NAME_BASES.get(i % NAME_BASES.size()) + "-s" + i).toList();
          serviceNames.forEach(s -> placeholder.put(s, List.of()));
          ModelContext base = new ModelContext(placeholder, CERTIFICATE_SECRETS, CA_SECRETS, regs.stream().map(Registry::name).toList(), Map.of(), List.of());
          return Combinators.combine(serviceNames.stream().map(s -> services(s, base)).toList()).as(List::copyOf)
              .flatMap(services -> {
                Map<String, List<String>> subsets = new LinkedHashMap<>();
                services.forEach(s -> subsets.put(s.name(), s.spec().subsets().stream().map(Subset::name).toList()));
                ModelContext withServices = new ModelContext(subsets, CERTIFICATE_SECRETS, CA_SECRETS, base.registries(), Map.of(), List.of());
                return Arbitraries.integers().between(minGateways, maxGateways).flatMap(nGateways -> Combinators.combine(
                        java.util.stream.IntStream.range(0, nGateways).mapToObj(i -> Arbitraries.integers().between(1, maxListeners)
                            .flatMap(nl -> gatewaySpecs(nl, withServices)).map(spec -> Gateway.of("gw" + i, spec))).toList())
                    .as(List::copyOf))
                    .flatMap(gateways -> {
                      Map<String, List<Listener>> ls = new TreeMap<>();
                      gateways.forEach(g -> ls.put(g.name(), g.spec().listeners()));
                      ModelContext withGateways = withServices.withGateways(ls);
                      return Arbitraries.integers().between(minRoutes, maxRoutes).flatMap(nRoutes -> Combinators.combine(
                              java.util.stream.IntStream.range(0, nRoutes).mapToObj(i -> routes(withGateways,
                                  Arbitraries.of(NAME_BASES).map(b -> b + "-r" + i))).toList()).as(List::copyOf))
                          .flatMap(routes -> {
                            ModelContext all = withGateways.withRoutes(routes.stream().map(Route::name).toList());
                            Arbitrary<List<Plugin>> plugins = has(Feature.PLUGINS)
                                ? Arbitraries.integers().between(0, 3).flatMap(n -> Combinators.combine(
                                    java.util.stream.IntStream.range(0, n).mapToObj(i -> plugins("plugin-" + i, all)).toList()).as(List::copyOf))
                                : Arbitraries.just(List.of());
                            return plugins.map(ps -> {
                              List<Resource> docs = new ArrayList<>();
                              docs.addAll(secrets);
                              docs.addAll(regs);
                              docs.addAll(services);
                              docs.addAll(gateways);
                              docs.addAll(routes);
                              docs.addAll(ps);
                              return GatewayConfig.of(docs);
                            });
                          });
                    });
              });
        });
  }

  static ArrayNode array(String... values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
