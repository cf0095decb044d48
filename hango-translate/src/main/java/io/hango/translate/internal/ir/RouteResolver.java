package io.hango.translate.internal.ir;

import io.hango.model.ResourceKind;
import io.hango.model.route.Destination;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.PathMatch;
import io.hango.model.route.PathMatcher;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteAction;
import io.hango.model.route.RouteSpec;
import io.hango.model.route.StringMatcher;
import io.hango.model.route.ValueMatch;
import io.hango.model.service.HashOn;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.Service;
import io.hango.model.service.Subset;
import io.hango.model.validation.RuleMessages;
import io.hango.translate.internal.ClusterKey;
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.HeaderMatchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolves one route: its one-of fields to typed values, its destinations and mirror to clusters,
 * and what of its rewrite, redirect and hashing applies. The config is assumed validated; a rule
 * the model validator checks is, when still broken here, reported once in the validator's words
 * ({@link RuleMessages}) with what the translator left out.
 */
final class RouteResolver {

  private static final List<String> ACTIONS = List.of("forward", "redirect", "directResponse");
  private static final List<String> HASH_KEYS = List.of("header", "cookie", "sourceIp", "queryParam");
  private static final String LEFT_OUT = "; route left out";

  private final Map<String, Service> services;
  private final Map<String, IrCluster> clusters;
  private final Diagnostics diags;

  RouteResolver(Map<String, Service> services, Map<ClusterKey, IrCluster> clusters, Diagnostics diags) {
    this.services = services;
    this.clusters = new TreeMap<>();
    clusters.forEach((k, c) -> this.clusters.put(k.clusterName(), c));
    this.diags = diags;
  }

  /** The resolved route, or empty when it is left out (with an error diagnostic). */
  Optional<IrRoute> resolve(Route route, List<PluginAttachment> plugins) {
    String ref = route.ref();
    RouteSpec spec = route.spec();
    Optional<PathMatcher> path = path(ref, spec.match().path());
    if (path.isEmpty()) {
      return Optional.empty();
    }
    if (path.get() instanceof PathMatcher.Template t && t.ignoreCase()) {
      diags.warning(ref, "spec.match.path.ignoreCase", "Envoy matches URI templates case-sensitively; ignoreCase is not applied");
    }
    List<IrCondition> headers = new ArrayList<>();
    for (int i = 0; i < spec.match().headers().size(); i++) {
      HeaderMatch hm = spec.match().headers().get(i);
      String at = "spec.match.headers[" + i + "]";
      Optional<StringMatcher> sm = value(ref, at, hm, "a header match");
      if (sm.isEmpty()) {
        return Optional.empty();
      }
      if (HeaderMatchers.invertedMatchesEmpty(sm.get(), hm.invert())) {
        diags.warning(ref, at + ".invert",
            "the inverted condition accepts an empty value; Envoy does not match requests without header '" + hm.name() + "' here");
      }
      headers.add(new IrCondition(hm.name(), sm.get(), hm.invert()));
    }
    List<IrCondition> queryParams = new ArrayList<>();
    for (int i = 0; i < spec.match().queryParams().size(); i++) {
      QueryParamMatch qm = spec.match().queryParams().get(i);
      String at = "spec.match.queryParams[" + i + "]";
      Optional<StringMatcher> sm = value(ref, at, qm, "a query parameter match");
      if (sm.isEmpty()) {
        return Optional.empty();
      }
      if (sm.get() instanceof StringMatcher.Present p && !p.present()) {
        diags.error(ref, at + ".present", RuleMessages.QUERY_PARAM_ABSENT + LEFT_OUT);
        return Optional.empty();
      }
      queryParams.add(new IrCondition(qm.name(), sm.get(), false));
    }
    List<String> actions = new ArrayList<>();
    spec.forward().ifPresent(f -> actions.add("forward"));
    spec.redirect().ifPresent(f -> actions.add("redirect"));
    spec.directResponse().ifPresent(f -> actions.add("directResponse"));
    if (actions.size() != 1) {
      diags.error(ref, "spec", RuleMessages.exactlyOne("a route", ACTIONS, actions) + LEFT_OUT);
      return Optional.empty();
    }
    RouteAction action = spec.action();
    boolean prefixMatch = path.get() instanceof PathMatcher.Prefix;
    if (action instanceof Redirect r) {
      boolean prefix = r.prefix().isPresent() && prefixMatch;
      if (r.prefix().isPresent() && !prefixMatch) {
        diags.error(ref, "spec.redirect.prefix", RuleMessages.PREFIX_REDIRECT_NEEDS_PREFIX_MATCH + "; prefix left out");
      }
      if (!List.of(301, 302, 303, 307, 308).contains(r.code())) {
        diags.warning(ref, "spec.redirect.code", RuleMessages.redirectCode(r.code()) + "; 301 used");
      }
      return Optional.of(new IrRoute(route, path.get(), headers, queryParams, action, List.of(), List.of(), Optional.empty(),
          false, false, prefix, Optional.empty(), plugins));
    }
    if (!(action instanceof Forward f)) {
      return Optional.of(new IrRoute(route, path.get(), headers, queryParams, action, List.of(), List.of(), Optional.empty(),
          false, false, false, Optional.empty(), plugins));
    }
    return forward(route, path.get(), headers, queryParams, f, plugins);
  }

  private Optional<IrRoute> forward(
      Route route, PathMatcher path, List<IrCondition> headers, List<IrCondition> queryParams, Forward f, List<PluginAttachment> plugins) {
    String ref = route.ref();
    TreeMap<String, Integer> weights = new TreeMap<>();
    TreeMap<String, ClusterKey> byName = new TreeMap<>();
    List<ClusterKey> keys = new ArrayList<>();
    for (int i = 0; i < f.destinations().size(); i++) {
      Destination d = f.destinations().get(i);
      Optional<ClusterKey> key = cluster(ref, "spec.forward.destinations[" + i + "]", d.service(), d.subset(), "; destination left out");
      if (key.isEmpty()) {
        continue;
      }
      keys.add(key.get());
      weights.merge(key.get().clusterName(), d.weight(), Integer::sum);
      byName.put(key.get().clusterName(), key.get());
    }
    if (f.destinations().isEmpty()) {
      diags.error(ref, "spec.forward.destinations", RuleMessages.FORWARD_NEEDS_DESTINATION + LEFT_OUT);
      return Optional.empty();
    }
    if (weights.isEmpty()) {
      diags.error(ref, "spec.forward.destinations", "no destination could be resolved" + LEFT_OUT);
      return Optional.empty();
    }
    if (weights.values().stream().mapToLong(Integer::longValue).sum() == 0) {
      diags.error(ref, "spec.forward.destinations", RuleMessages.ALL_WEIGHTS_ZERO + LEFT_OUT);
      return Optional.empty();
    }
    List<IrDestination> destinations = new ArrayList<>();
    weights.forEach((name, w) -> destinations.add(new IrDestination(byName.get(name), w)));
    Optional<ClusterKey> mirror = f.mirror().flatMap(m -> cluster(ref, "spec.forward.mirror", m.service(), m.subset(), "; mirror left out"));
    List<ClusterKey> used = new ArrayList<>(keys);
    mirror.ifPresent(used::add);
    boolean prefixRewrite = false;
    boolean templateRewrite = false;
    if (f.rewrite().isPresent()) {
      Rewrite rw = f.rewrite().get();
      prefixRewrite = rw.prefix().isPresent() && path instanceof PathMatcher.Prefix;
      if (rw.prefix().isPresent() && !prefixRewrite) {
        diags.error(ref, "spec.forward.rewrite.prefix", RuleMessages.PREFIX_REWRITE_NEEDS_PREFIX_MATCH + "; rewrite left out");
      }
      templateRewrite = rw.template().isPresent() && path instanceof PathMatcher.Template;
      if (rw.template().isPresent() && !templateRewrite) {
        diags.error(ref, "spec.forward.rewrite.template", RuleMessages.TEMPLATE_REWRITE_NEEDS_TEMPLATE_MATCH + "; rewrite left out");
      }
      boolean autoHost = rw.autoHost() && rw.host().isEmpty();
      if (autoHost && keys.stream().noneMatch(k -> clusters.get(k.clusterName()).dns())) {
        // Envoy swaps in the endpoint's host name only for DNS clusters (or EDS endpoints with a hostname, which Hango never sends)
        diags.warning(ref, "spec.forward.rewrite.autoHost",
            "no effect: the destinations' endpoints are IP addresses without host names; the Host header is left as is");
      }
    }
    return Optional.of(new IrRoute(route, path, headers, queryParams, f, destinations, used, mirror,
        prefixRewrite, templateRewrite, false, hashOn(ref, f, keys), plugins));
  }

  private Optional<ClusterKey> cluster(String ref, String at, String service, Optional<String> subset, String consequence) {
    Service s = services.get(service);
    if (s == null) {
      diags.error(ref, at + ".service", RuleMessages.missing(ResourceKind.SERVICE, service, services.keySet()) + consequence);
      return Optional.empty();
    }
    if (subset.isPresent()) {
      List<String> names = s.spec().subsets().stream().map(Subset::name).toList();
      if (!names.contains(subset.get())) {
        diags.error(ref, at + ".subset", RuleMessages.noSubset(service, subset.get(), names) + consequence);
        return Optional.empty();
      }
    }
    return Optional.of(new ClusterKey(service, subset.orElse(null)));
  }

  private Optional<HashOn> hashOn(String ref, Forward f, List<ClusterKey> keys) {
    if (f.hashOn().isPresent()) {
      HashOn h = f.hashOn().get();
      List<String> set = hashKeys(h);
      if (set.size() != 1) {
        diags.error(ref, "spec.forward.hashOn", RuleMessages.exactlyOne("hashOn", HASH_KEYS, set) + "; hashOn left out");
        return Optional.empty();
      }
      return f.hashOn();
    }
    for (ClusterKey k : keys) {
      Optional<LoadBalancer> lb = clusters.get(k.clusterName()).policy().loadBalancer();
      // An invalid hashOn of a service is the service's problem, reported by validation: no hash policy then.
      if (lb.isPresent() && lb.get() instanceof LoadBalancer.ConsistentHash ch) {
        return hashKeys(ch.hashOn()).size() == 1 ? Optional.of(ch.hashOn()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static List<String> hashKeys(HashOn h) {
    List<String> set = new ArrayList<>();
    h.header().ifPresent(v -> set.add("header"));
    h.cookie().ifPresent(v -> set.add("cookie"));
    h.sourceIp().ifPresent(v -> set.add("sourceIp"));
    h.queryParam().ifPresent(v -> set.add("queryParam"));
    return set;
  }

  private Optional<PathMatcher> path(String ref, PathMatch m) {
    List<String> set = m.kindsSet();
    if (set.size() != 1) {
      diags.error(ref, "spec.match.path", RuleMessages.exactlyOne("a path match", PathMatch.KINDS, set) + LEFT_OUT);
      return Optional.empty();
    }
    return Optional.of(m.matcher());
  }

  private Optional<StringMatcher> value(String ref, String at, ValueMatch m, String what) {
    List<String> set = m.kindsSet();
    if (set.size() != 1) {
      diags.error(ref, at, RuleMessages.exactlyOne(what, ValueMatch.KINDS, set) + LEFT_OUT);
      return Optional.empty();
    }
    return Optional.of(m.matcher());
  }
}
