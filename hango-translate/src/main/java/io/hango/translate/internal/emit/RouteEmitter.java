package io.hango.translate.internal.emit;

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
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Mirror;
import io.hango.model.route.PathMatcher;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.service.HashKey;
import io.hango.model.service.HashOn;
import io.hango.translate.internal.HeaderMatchers;
import io.hango.translate.internal.Protos;
import io.hango.translate.internal.ir.IrCondition;
import io.hango.translate.internal.ir.IrRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Emits the Envoy route of a resolved route (match, action, headers, stat prefix), without plugins. */
final class RouteEmitter {

  static final String URI_TEMPLATE_MATCHER = "envoy.path.match.uri_template.uri_template_matcher";
  static final String URI_TEMPLATE_REWRITER = "envoy.path.rewrite.uri_template.uri_template_rewriter";
  static final List<String> DEFAULT_RETRY_ON = List.of("connect-failure", "refused-stream", "reset", "5xx");

  private final TranslationContext ctx;

  RouteEmitter(TranslationContext ctx) {
    this.ctx = ctx;
  }

  io.envoyproxy.envoy.config.route.v3.Route route(IrRoute route) {
    io.envoyproxy.envoy.config.route.v3.Route.Builder out =
        io.envoyproxy.envoy.config.route.v3.Route.newBuilder().setName(route.name());
    out.setMatch(match(route));
    out.setStatPrefix(route.model().spec().statPrefix().orElse(route.name()));
    if (route.action() instanceof Forward f) {
      out.setRoute(forward(route, f));
      f.requestHeaders().ifPresent(h -> {
        out.addAllRequestHeadersToAdd(headerOptions(h));
        out.addAllRequestHeadersToRemove(h.remove());
      });
      f.responseHeaders().ifPresent(h -> {
        out.addAllResponseHeadersToAdd(headerOptions(h));
        out.addAllResponseHeadersToRemove(h.remove());
      });
    } else if (route.action() instanceof Redirect r) {
      out.setRedirect(redirect(route, r));
    } else if (route.action() instanceof DirectResponse d) {
      DirectResponseAction.Builder dr = DirectResponseAction.newBuilder().setStatus(d.status());
      d.body().ifPresent(b -> dr.setBody(DataSource.newBuilder().setInlineString(b)));
      out.setDirectResponse(dr);
    }
    return out.build();
  }

  private io.envoyproxy.envoy.config.route.v3.RouteMatch match(IrRoute route) {
    io.envoyproxy.envoy.config.route.v3.RouteMatch.Builder b = io.envoyproxy.envoy.config.route.v3.RouteMatch.newBuilder();
    PathMatcher path = route.path();
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
              .setTypedConfig(ctx.packAny(UriTemplateMatchConfig.newBuilder().setPathTemplate(t.template()).build())));
    }
    if (path instanceof PathMatcher.Exact || path instanceof PathMatcher.Prefix) {
      // Explicit even when true (Envoy's default): grpc-java reads an unset case_sensitive as false
      // and would match paths case-insensitively on proxyless-gRPC clients.
      b.setCaseSensitive(BoolValue.of(!path.ignoreCase()));
    }
    List<String> methodList = route.model().spec().match().methods();
    if (!methodList.isEmpty()) {
      Set<String> methods = new TreeSet<>();
      methodList.forEach(x -> methods.add(x.toUpperCase(Locale.ROOT)));
      HeaderMatcher.Builder h = HeaderMatcher.newBuilder().setName(":method");
      if (methods.size() == 1) {
        h.setStringMatch(StringMatcher.newBuilder().setExact(methods.iterator().next()));
      } else {
        h.setStringMatch(StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(String.join("|", methods))));
      }
      b.addHeaders(h);
    }
    for (IrCondition c : route.headers()) {
      b.addHeaders(HeaderMatchers.header(c.name(), c.matcher(), c.invert()));
    }
    for (IrCondition c : route.queryParams()) {
      QueryParameterMatcher.Builder q = QueryParameterMatcher.newBuilder().setName(c.name());
      if (c.matcher() instanceof io.hango.model.route.StringMatcher.Present) {
        q.setPresentMatch(true);
      } else {
        q.setStringMatch(HeaderMatchers.string(c.matcher()));
      }
      b.addQueryParameters(q);
    }
    return b.build();
  }

  private RouteAction forward(IrRoute route, Forward f) {
    RouteAction.Builder a = RouteAction.newBuilder();
    if (route.destinations().size() == 1) {
      a.setCluster(route.destinations().get(0).cluster().clusterName());
    } else {
      WeightedCluster.Builder wc = WeightedCluster.newBuilder();
      route.destinations().forEach(d -> wc.addClusters(
          WeightedCluster.ClusterWeight.newBuilder().setName(d.cluster().clusterName()).setWeight(Protos.u32(d.weight()))));
      a.setWeightedClusters(wc);
    }
    f.timeout().ifPresent(t -> a.setTimeout(Protos.duration(t)));
    f.idleTimeout().ifPresent(t -> a.setIdleTimeout(Protos.duration(t)));
    f.retry().ifPresent(r -> a.setRetryPolicy(retry(r)));
    route.mirror().ifPresent(key -> a.addRequestMirrorPolicies(mirror(key.clusterName(), f.mirror().orElseThrow())));
    f.rewrite().ifPresent(rw -> rewrite(route, rw, a));
    route.hashOn().ifPresent(h -> a.addHashPolicy(hashPolicy(h)));
    return a.build();
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

  private static RouteAction.RequestMirrorPolicy mirror(String cluster, Mirror m) {
    RouteAction.RequestMirrorPolicy.Builder b = RouteAction.RequestMirrorPolicy.newBuilder().setCluster(cluster);
    if (m.percent() < 100) {
      b.setRuntimeFraction(RuntimeFractionalPercent.newBuilder().setDefaultValue(Protos.fraction(m.percent())));
    }
    return b.build();
  }

  private void rewrite(IrRoute route, Rewrite rw, RouteAction.Builder a) {
    if (route.prefixRewrite()) {
      a.setPrefixRewrite(rw.prefix().orElseThrow());
    }
    rw.regex().ifPresent(r -> a.setRegexRewrite(
        RegexMatchAndSubstitute.newBuilder()
            .setPattern(RegexMatcher.newBuilder().setRegex(r.pattern()))
            .setSubstitution(r.substitution())));
    if (route.templateRewrite()) {
      a.setPathRewritePolicy(
          TypedExtensionConfig.newBuilder()
              .setName(URI_TEMPLATE_REWRITER)
              .setTypedConfig(ctx.packAny(UriTemplateRewriteConfig.newBuilder().setPathTemplateRewrite(rw.template().orElseThrow()).build())));
    }
    rw.host().ifPresent(a::setHostRewriteLiteral);
    if (rw.autoHost() && rw.host().isEmpty()) {
      a.setAutoHostRewrite(BoolValue.of(true));
    }
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
    List<HeaderValueOption> out = new ArrayList<>();
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

  private static RedirectAction redirect(IrRoute route, Redirect r) {
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
    if (route.redirectPrefix()) {
      b.setPrefixRewrite(r.prefix().orElseThrow());
    }
    b.setStripQuery(r.stripQuery());
    switch (r.code()) {
      case 302 -> b.setResponseCode(RedirectAction.RedirectResponseCode.FOUND);
      case 303 -> b.setResponseCode(RedirectAction.RedirectResponseCode.SEE_OTHER);
      case 307 -> b.setResponseCode(RedirectAction.RedirectResponseCode.TEMPORARY_REDIRECT);
      case 308 -> b.setResponseCode(RedirectAction.RedirectResponseCode.PERMANENT_REDIRECT);
      default -> b.setResponseCode(RedirectAction.RedirectResponseCode.MOVED_PERMANENTLY); // 301, and what the resolver reported
    }
    return b.build();
  }
}
