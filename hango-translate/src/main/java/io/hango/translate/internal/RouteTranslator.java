package io.hango.translate.internal;

import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig;
import io.envoyproxy.envoy.extensions.path.rewrite.uri_template.v3.UriTemplateRewriteConfig;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatchAndSubstitute;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Mirror;
import io.hango.model.route.PathMatcher;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.service.HashKey;
import io.hango.model.service.HashOn;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.Service;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Translates one model route into an Envoy route (match, action, headers, stat prefix), without
 * plugins. Routes that cannot be translated faithfully are left out with an error diagnostic.
 */
final class RouteTranslator {

  static final String URI_TEMPLATE_MATCHER = "envoy.path.match.uri_template.uri_template_matcher";
  static final String URI_TEMPLATE_REWRITER = "envoy.path.rewrite.uri_template.uri_template_rewriter";
  static final List<String> DEFAULT_RETRY_ON = List.of("connect-failure", "refused-stream", "reset", "5xx");

  private final Map<String, Service> services;
  private final Diagnostics diags;
  private final Set<ClusterKey> used;
  private final Function<com.google.protobuf.Message, com.google.protobuf.Any> packer;

  RouteTranslator(
      Map<String, Service> services, Diagnostics diags, Set<ClusterKey> used,
      Function<com.google.protobuf.Message, com.google.protobuf.Any> packer) {
    this.services = services;
    this.diags = diags;
    this.used = used;
    this.packer = packer;
  }

  Optional<io.envoyproxy.envoy.config.route.v3.Route> translate(Route route) {
    String ref = route.ref();
    io.envoyproxy.envoy.config.route.v3.Route.Builder out =
        io.envoyproxy.envoy.config.route.v3.Route.newBuilder().setName(route.name());
    Optional<io.envoyproxy.envoy.config.route.v3.RouteMatch> match = match(ref, route.spec().match());
    if (match.isEmpty()) {
      return Optional.empty();
    }
    out.setMatch(match.get());
    out.setStatPrefix(route.spec().statPrefix().orElse(route.name()));
    io.hango.model.route.RouteAction action;
    try {
      action = route.spec().action();
    } catch (IllegalStateException e) {
      diags.error(ref, "spec", e.getMessage() + "; route left out");
      return Optional.empty();
    }
    if (action instanceof Forward f) {
      Optional<RouteAction> a = forward(ref, route, f);
      if (a.isEmpty()) {
        return Optional.empty();
      }
      out.setRoute(a.get());
      f.requestHeaders().ifPresent(h -> {
        out.addAllRequestHeadersToAdd(headerOptions(h));
        out.addAllRequestHeadersToRemove(h.remove());
      });
      f.responseHeaders().ifPresent(h -> {
        out.addAllResponseHeadersToAdd(headerOptions(h));
        out.addAllResponseHeadersToRemove(h.remove());
      });
    } else if (action instanceof Redirect r) {
      out.setRedirect(redirect(ref, route, r));
    } else if (action instanceof DirectResponse d) {
      DirectResponseAction.Builder dr = DirectResponseAction.newBuilder().setStatus(d.status());
      d.body().ifPresent(b -> dr.setBody(DataSource.newBuilder().setInlineString(b)));
      out.setDirectResponse(dr);
    }
    return Optional.of(out.build());
  }

  // ---------------------------------------------------------------- match

  private Optional<io.envoyproxy.envoy.config.route.v3.RouteMatch> match(String ref, RouteMatch m) {
    io.envoyproxy.envoy.config.route.v3.RouteMatch.Builder b = io.envoyproxy.envoy.config.route.v3.RouteMatch.newBuilder();
    PathMatcher path;
    try {
      path = m.path().matcher();
    } catch (IllegalStateException e) {
      diags.error(ref, "spec.match.path", e.getMessage() + "; route left out");
      return Optional.empty();
    }
    if (path instanceof PathMatcher.Exact e) {
      b.setPath(e.path());
    } else if (path instanceof PathMatcher.Prefix p) {
      b.setPrefix(p.prefix());
    } else if (path instanceof PathMatcher.Regex r) {
      // case_sensitive does not apply to safe_regex in Envoy: fold case in the pattern itself
      b.setSafeRegex(RegexMatcher.newBuilder().setRegex(r.ignoreCase() ? "(?i)" + r.regex() : r.regex()));
    } else if (path instanceof PathMatcher.Template t) {
      b.setPathMatchPolicy(
          TypedExtensionConfig.newBuilder()
              .setName(URI_TEMPLATE_MATCHER)
              .setTypedConfig(packer.apply(UriTemplateMatchConfig.newBuilder().setPathTemplate(t.template()).build())));
      if (t.ignoreCase()) {
        diags.warning(ref, "spec.match.path.ignoreCase", "Envoy matches URI templates case-sensitively; ignoreCase is not applied");
      }
    }
    if (path instanceof PathMatcher.Exact || path instanceof PathMatcher.Prefix) {
      // Explicit even when true (Envoy's default): grpc-java reads an unset case_sensitive as false
      // and would match paths case-insensitively on proxyless-gRPC clients.
      b.setCaseSensitive(BoolValue.of(!path.ignoreCase()));
    }
    if (!m.methods().isEmpty()) {
      Set<String> methods = new TreeSet<>();
      m.methods().forEach(x -> methods.add(x.toUpperCase(Locale.ROOT)));
      HeaderMatcher.Builder h = HeaderMatcher.newBuilder().setName(":method");
      if (methods.size() == 1) {
        h.setStringMatch(StringMatcher.newBuilder().setExact(methods.iterator().next()));
      } else {
        h.setStringMatch(
            StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(String.join("|", methods))));
      }
      b.addHeaders(h);
    }
    for (int i = 0; i < m.headers().size(); i++) {
      HeaderMatch hm = m.headers().get(i);
      String at = "spec.match.headers[" + i + "]";
      io.hango.model.route.StringMatcher sm;
      try {
        sm = hm.matcher();
      } catch (IllegalStateException e) {
        diags.error(ref, at, e.getMessage() + "; route left out");
        return Optional.empty();
      }
      if (HeaderMatchers.invertedMatchesEmpty(sm, hm.invert())) {
        diags.warning(ref, at + ".invert",
            "the inverted condition accepts an empty value; Envoy does not match requests without header '" + hm.name() + "' here");
      }
      b.addHeaders(HeaderMatchers.header(hm.name(), sm, hm.invert()));
    }
    for (int i = 0; i < m.queryParams().size(); i++) {
      QueryParamMatch qm = m.queryParams().get(i);
      String at = "spec.match.queryParams[" + i + "]";
      QueryParameterMatcher.Builder q = QueryParameterMatcher.newBuilder().setName(qm.name());
      io.hango.model.route.StringMatcher sm;
      try {
        sm = qm.matcher();
      } catch (IllegalStateException e) {
        diags.error(ref, at, e.getMessage() + "; route left out");
        return Optional.empty();
      }
      if (sm instanceof io.hango.model.route.StringMatcher.Present p) {
        if (!p.present()) {
          diags.error(ref, at + ".present",
              "Envoy cannot match the absence of a query parameter (present: false); route left out");
          return Optional.empty();
        }
        q.setPresentMatch(true);
      } else {
        q.setStringMatch(stringMatcher(sm));
      }
      b.addQueryParameters(q);
    }
    return Optional.of(b.build());
  }

  /** The Envoy string matcher of a model value condition other than {@code present}. */
  static StringMatcher stringMatcher(io.hango.model.route.StringMatcher sm) {
    return HeaderMatchers.string(sm);
  }

  // ---------------------------------------------------------------- forward

  private Optional<RouteAction> forward(String ref, Route route, Forward f) {
    RouteAction.Builder a = RouteAction.newBuilder();
    TreeMap<String, Integer> weights = new TreeMap<>();
    List<ClusterKey> keys = new java.util.ArrayList<>();
    for (int i = 0; i < f.destinations().size(); i++) {
      Destination d = f.destinations().get(i);
      Optional<ClusterKey> key = resolve(ref, "spec.forward.destinations[" + i + "]", d.service(), d.subset());
      if (key.isEmpty()) {
        continue;
      }
      keys.add(key.get());
      weights.merge(key.get().clusterName(), d.weight(), Integer::sum);
    }
    if (weights.isEmpty()) {
      diags.error(ref, "spec.forward.destinations", "no destination could be resolved; route left out");
      return Optional.empty();
    }
    if (weights.values().stream().mapToLong(Integer::longValue).sum() == 0) {
      diags.error(ref, "spec.forward.destinations", "the weights of the destinations are all 0; route left out");
      return Optional.empty();
    }
    used.addAll(keys);
    if (weights.size() == 1) {
      a.setCluster(weights.firstKey());
    } else {
      WeightedCluster.Builder wc = WeightedCluster.newBuilder();
      weights.forEach((name, w) -> wc.addClusters(WeightedCluster.ClusterWeight.newBuilder().setName(name).setWeight(Protos.u32(w))));
      a.setWeightedClusters(wc);
    }
    f.timeout().ifPresent(t -> a.setTimeout(Protos.duration(t)));
    f.idleTimeout().ifPresent(t -> a.setIdleTimeout(Protos.duration(t)));
    f.retry().ifPresent(r -> a.setRetryPolicy(retry(r)));
    f.mirror().ifPresent(m -> mirror(ref, m).ifPresent(a::addRequestMirrorPolicies));
    f.rewrite().ifPresent(rw -> rewrite(ref, route, rw, a));
    if (a.hasAutoHostRewrite() && keys.stream().noneMatch(k -> ClusterTranslator.usesDns(services.get(k.service())))) {
      // Envoy swaps in the endpoint's host name only for DNS clusters (or EDS endpoints with a hostname, which Hango never sends)
      diags.warning(ref, "spec.forward.rewrite.autoHost",
          "no effect: the destinations' endpoints are IP addresses without host names; the Host header is left as is");
    }
    hashOn(f, keys).ifPresent(h -> a.addHashPolicy(hashPolicy(h)));
    return Optional.of(a.build());
  }

  private Optional<ClusterKey> resolve(String ref, String at, String service, Optional<String> subset) {
    Service s = services.get(service);
    if (s == null) {
      diags.error(ref, at + ".service", "no Service named '" + service + "'");
      return Optional.empty();
    }
    if (subset.isPresent()) {
      boolean exists = s.spec().subsets().stream().anyMatch(x -> x.name().equals(subset.get()));
      if (!exists) {
        diags.error(ref, at + ".subset", "Service/" + service + " has no subset '" + subset.get() + "'");
        return Optional.empty();
      }
    }
    return Optional.of(new ClusterKey(service, subset.orElse(null)));
  }

  private static RetryPolicy retry(Retry r) {
    RetryPolicy.Builder b = RetryPolicy.newBuilder()
        .setRetryOn(String.join(",", r.retryOn().isEmpty() ? DEFAULT_RETRY_ON : r.retryOn()))
        .setNumRetries(Protos.u32(r.attempts()));
    r.perTryTimeout().ifPresent(t -> b.setPerTryTimeout(Protos.duration(t)));
    r.retriableStatusCodes().forEach(b::addRetriableStatusCodes);
    r.backoff().ifPresent(bo -> {
      RetryPolicy.RetryBackOff.Builder rb = RetryPolicy.RetryBackOff.newBuilder().setBaseInterval(Protos.duration(bo.base()));
      bo.max().ifPresent(m -> rb.setMaxInterval(Protos.duration(m)));
      b.setRetryBackOff(rb);
    });
    return b.build();
  }

  private Optional<RouteAction.RequestMirrorPolicy> mirror(String ref, Mirror m) {
    Optional<ClusterKey> key = resolve(ref, "spec.forward.mirror", m.service(), m.subset());
    if (key.isEmpty()) {
      return Optional.empty();
    }
    used.add(key.get());
    RouteAction.RequestMirrorPolicy.Builder b = RouteAction.RequestMirrorPolicy.newBuilder().setCluster(key.get().clusterName());
    if (m.percent() < 100) {
      b.setRuntimeFraction(RuntimeFractionalPercent.newBuilder().setDefaultValue(Protos.fraction(m.percent())));
    }
    return Optional.of(b.build());
  }

  private void rewrite(String ref, Route route, Rewrite rw, RouteAction.Builder a) {
    PathMatcher path = route.spec().match().path().matcher();
    if (rw.prefix().isPresent()) {
      if (path instanceof PathMatcher.Prefix || path instanceof PathMatcher.Exact) {
        a.setPrefixRewrite(rw.prefix().get());
      } else {
        diags.error(ref, "spec.forward.rewrite.prefix", "a prefix rewrite needs a prefix or exact path match; rewrite left out");
      }
    }
    rw.regex().ifPresent(r -> a.setRegexRewrite(
        RegexMatchAndSubstitute.newBuilder()
            .setPattern(RegexMatcher.newBuilder().setRegex(r.pattern()))
            .setSubstitution(r.substitution())));
    if (rw.template().isPresent()) {
      if (path instanceof PathMatcher.Template) {
        a.setPathRewritePolicy(
            TypedExtensionConfig.newBuilder()
                .setName(URI_TEMPLATE_REWRITER)
                .setTypedConfig(packer.apply(UriTemplateRewriteConfig.newBuilder().setPathTemplateRewrite(rw.template().get()).build())));
      } else {
        diags.error(ref, "spec.forward.rewrite.template", "a template rewrite needs a template path match; rewrite left out");
      }
    }
    rw.host().ifPresent(a::setHostRewriteLiteral);
    if (rw.autoHost() && rw.host().isEmpty()) {
      a.setAutoHostRewrite(BoolValue.of(true));
    }
  }

  private Optional<HashOn> hashOn(Forward f, List<ClusterKey> keys) {
    if (f.hashOn().isPresent()) {
      return f.hashOn();
    }
    for (ClusterKey k : keys) {
      Optional<LoadBalancer> lb = ClusterTranslator.effectivePolicy(services.get(k.service()), k.subset()).loadBalancer();
      if (lb.isPresent() && lb.get() instanceof LoadBalancer.ConsistentHash ch) {
        return Optional.of(ch.hashOn());
      }
    }
    return Optional.empty();
  }

  private static RouteAction.HashPolicy hashPolicy(HashOn h) {
    RouteAction.HashPolicy.Builder b = RouteAction.HashPolicy.newBuilder();
    HashKey key = h.key();
    if (key instanceof HashKey.Header hd) {
      b.setHeader(RouteAction.HashPolicy.Header.newBuilder().setHeaderName(hd.name()));
    } else if (key instanceof HashKey.Cookie c) {
      RouteAction.HashPolicy.Cookie.Builder cb = RouteAction.HashPolicy.Cookie.newBuilder().setName(c.name());
      c.ttl().ifPresent(t -> cb.setTtl(Protos.duration(t)));
      c.path().ifPresent(cb::setPath);
      b.setCookie(cb);
    } else if (key instanceof HashKey.SourceIp) {
      b.setConnectionProperties(RouteAction.HashPolicy.ConnectionProperties.newBuilder().setSourceIp(true));
    } else if (key instanceof HashKey.QueryParam q) {
      b.setQueryParameter(RouteAction.HashPolicy.QueryParameter.newBuilder().setName(q.name()));
    }
    return b.build();
  }

  static List<HeaderValueOption> headerOptions(HeaderOperations h) {
    List<HeaderValueOption> out = new java.util.ArrayList<>();
    new TreeMap<>(h.set()).forEach((k, v) -> out.add(HeaderValueOption.newBuilder()
        .setHeader(HeaderValue.newBuilder().setKey(k).setValue(v))
        .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
        .build()));
    new TreeMap<>(h.add()).forEach((k, v) -> out.add(HeaderValueOption.newBuilder()
        .setHeader(HeaderValue.newBuilder().setKey(k).setValue(v))
        .setAppendAction(HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD)
        .build()));
    return out;
  }

  // ---------------------------------------------------------------- redirect

  private RedirectAction redirect(String ref, Route route, Redirect r) {
    RedirectAction.Builder b = RedirectAction.newBuilder();
    r.scheme().ifPresent(s -> {
      if (s.equalsIgnoreCase("https")) {
        b.setHttpsRedirect(true);
      } else {
        b.setSchemeRedirect(s.toLowerCase(Locale.ROOT));
      }
    });
    r.host().ifPresent(b::setHostRedirect);
    r.port().ifPresent(b::setPortRedirect);
    r.path().ifPresent(b::setPathRedirect);
    if (r.prefix().isPresent()) {
      PathMatcher path = route.spec().match().path().matcher();
      if (path instanceof PathMatcher.Prefix || path instanceof PathMatcher.Exact) {
        b.setPrefixRewrite(r.prefix().get());
      } else {
        diags.error(ref, "spec.redirect.prefix", "a prefix redirect needs a prefix or exact path match; prefix left out");
      }
    }
    b.setStripQuery(r.stripQuery());
    switch (r.code()) {
      case 302 -> b.setResponseCode(RedirectAction.RedirectResponseCode.FOUND);
      case 303 -> b.setResponseCode(RedirectAction.RedirectResponseCode.SEE_OTHER);
      case 307 -> b.setResponseCode(RedirectAction.RedirectResponseCode.TEMPORARY_REDIRECT);
      case 308 -> b.setResponseCode(RedirectAction.RedirectResponseCode.PERMANENT_REDIRECT);
      case 301 -> b.setResponseCode(RedirectAction.RedirectResponseCode.MOVED_PERMANENTLY);
      default -> diags.warning(ref, "spec.redirect.code", "Envoy cannot redirect with " + r.code() + "; 301 used");
    }
    return b.build();
  }
}
