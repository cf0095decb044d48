package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.ResourceKind;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.validation.Suggestions;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Mirror;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteSpec;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.Service;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks a {@link Route}: its gateway and hosts, match, and action. Internal. */
public final class RouteChecks {

  static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "connect-failure", "retriable-4xx",
      "refused-stream", "retriable-status-codes", "retriable-headers", "envoy-ratelimited",
      "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable");
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

  private final References refs;
  private final ProblemSink sink;
  private final MatchChecks matches;
  private final HashOnChecks hashOn;

  public RouteChecks(References refs, ProblemSink sink) {
    this.refs = refs;
    this.sink = sink;
    this.matches = new MatchChecks(sink);
    this.hashOn = new HashOnChecks(sink);
  }

  public void check(Route r) {
    RouteSpec spec = r.spec();
    Optional<Gateway> gateway = refs.find(ResourceKind.GATEWAY, spec.gateway());
    if (gateway.isEmpty() && !refs.unbound(ResourceKind.GATEWAY, spec.gateway())) {
      sink.error(r, "spec.gateway", refs.missing(ResourceKind.GATEWAY, spec.gateway()));
    }
    List<Listener> listeners = gateway.map(g -> g.spec().listeners()).orElse(List.of());
    if (spec.listener().isPresent() && gateway.isPresent()) {
      String name = spec.listener().get();
      listeners = listeners.stream().filter(l -> l.name().equals(name)).collect(Collectors.toList());
      if (listeners.isEmpty()) {
        List<String> names = gateway.get().spec().listeners().stream().map(Listener::name).collect(Collectors.toList());
        sink.error(r, "spec.listener", RuleMessages.noListener(spec.gateway(), name, names));
      }
    }
    for (int i = 0; i < spec.hosts().size(); i++) {
      String host = spec.hosts().get(i);
      String path = "spec.hosts[" + i + "]";
      Optional<String> bad = Formats.hostPattern(host);
      bad.ifPresent(m -> sink.error(r, path, m));
      if (bad.isEmpty() && !listeners.isEmpty() && listeners.stream().noneMatch(l -> Hosts.serves(l.hosts(), host))) {
        sink.warning(r, path, "host '" + host + "' is not served by any listener of Gateway '" + spec.gateway() + "'");
      }
    }
    Set<String> variables = matches.check(r, spec.match(), "spec.match");
    List<String> actions = new ArrayList<>();
    spec.forward().ifPresent(f -> actions.add("forward"));
    spec.redirect().ifPresent(f -> actions.add("redirect"));
    spec.directResponse().ifPresent(f -> actions.add("directResponse"));
    OneOf.exactlyOne(sink, r, "spec", "a route", List.of("forward", "redirect", "directResponse"), actions);
    boolean prefixMatch = spec.match().path().prefix().isPresent();
    boolean templateMatch = spec.match().path().template().isPresent();
    spec.forward().ifPresent(f -> forward(r, f, "spec.forward", prefixMatch, templateMatch, variables));
    spec.redirect().ifPresent(d -> redirect(r, d, "spec.redirect", prefixMatch));
    spec.directResponse().ifPresent(d -> directResponse(r, d, "spec.directResponse"));
    spec.statPrefix().filter(String::isBlank).ifPresent(s -> sink.error(r, "spec.statPrefix", "cannot be empty"));
  }

  private void forward(Route r, Forward f, String path, boolean prefixMatch, boolean templateMatch, Set<String> variables) {
    if (f.destinations().isEmpty()) {
      sink.error(r, path + ".destinations", RuleMessages.FORWARD_NEEDS_DESTINATION);
    }
    for (int i = 0; i < f.destinations().size(); i++) {
      Destination d = f.destinations().get(i);
      String p = path + ".destinations[" + i + "]";
      serviceAndSubset(r, p, d.service(), d.subset());
      if (d.weight() < 0 || d.weight() > 1_000_000) {
        sink.error(r, p + ".weight", "weight must be between 0 and 1000000, not " + d.weight());
      }
    }
    if (!f.destinations().isEmpty() && f.destinations().stream().allMatch(d -> d.weight() == 0)) {
      sink.error(r, path + ".destinations", RuleMessages.ALL_WEIGHTS_ZERO);
    }
    f.timeout().filter(java.time.Duration::isNegative).ifPresent(t -> sink.error(r, path + ".timeout", "cannot be negative"));
    f.idleTimeout().filter(t -> !Formats.positive(t)).ifPresent(t -> sink.error(r, path + ".idleTimeout", "must be longer than 0s"));
    f.retry().ifPresent(rt -> retry(r, rt, path + ".retry"));
    f.mirror().ifPresent(m -> mirror(r, m, path + ".mirror"));
    f.rewrite().ifPresent(rw -> rewrite(r, rw, path + ".rewrite", prefixMatch, templateMatch, variables));
    f.requestHeaders().ifPresent(h -> headers(r, h, path + ".requestHeaders", true));
    f.responseHeaders().ifPresent(h -> headers(r, h, path + ".responseHeaders", false));
    f.hashOn().ifPresent(h -> {
      hashOn.check(r, h, path + ".hashOn");
      boolean anyConsistentHash = f.destinations().stream()
          .map(d -> refs.<Service>find(ResourceKind.SERVICE, d.service()))
          .flatMap(Optional::stream)
          .flatMap(s -> s.spec().trafficPolicy().flatMap(TrafficPolicy::loadBalancer).stream())
          .anyMatch(lb -> lb instanceof LoadBalancer.ConsistentHash);
      if (!anyConsistentHash) {
        sink.warning(r, path + ".hashOn", "has no effect: no destination service uses a consistentHash load balancer");
      }
    });
  }

  private void serviceAndSubset(Route r, String path, String service, Optional<String> subset) {
    Optional<Service> s = refs.find(ResourceKind.SERVICE, service);
    if (s.isEmpty()) {
      if (!refs.unbound(ResourceKind.SERVICE, service)) {
        sink.error(r, path + ".service", refs.missing(ResourceKind.SERVICE, service));
      }
      return;
    }
    subset.ifPresent(name -> {
      List<String> names = s.get().spec().subsets().stream().map(Subset::name).collect(Collectors.toList());
      if (!names.contains(name)) {
        sink.error(r, path + ".subset", RuleMessages.noSubset(service, name, names));
      }
    });
  }

  private void retry(Route r, Retry rt, String path) {
    if (rt.attempts() < 0 || rt.attempts() > 100) {
      sink.error(r, path + ".attempts", "must be between 0 and 100, not " + rt.attempts());
    }
    rt.perTryTimeout().filter(t -> !Formats.positive(t)).ifPresent(t -> sink.error(r, path + ".perTryTimeout", "must be longer than 0s"));
    for (int i = 0; i < rt.retryOn().size(); i++) {
      String c = rt.retryOn().get(i);
      if (!RETRY_ON.contains(c)) {
        sink.error(r, path + ".retryOn[" + i + "]", "'" + c + "' is not a retry condition" + Suggestions.hint(c, RETRY_ON)
            + "; one of " + String.join(", ", new java.util.TreeSet<>(RETRY_ON)));
      }
    }
    for (int i = 0; i < rt.retriableStatusCodes().size(); i++) {
      int code = rt.retriableStatusCodes().get(i);
      if (code < 100 || code > 599) {
        sink.error(r, path + ".retriableStatusCodes[" + i + "]", "a status code is between 100 and 599, not " + code);
      }
    }
    if (!rt.retriableStatusCodes().isEmpty() && !rt.retryOn().contains("retriable-status-codes")) {
      sink.error(r, path + ".retriableStatusCodes", "needs 'retriable-status-codes' in retryOn to have an effect");
    }
    rt.backoff().ifPresent(b -> {
      if (!Formats.positive(b.base())) {
        sink.error(r, path + ".backoff.base", "must be longer than 0s");
      }
      b.max().filter(m -> m.compareTo(b.base()) < 0)
          .ifPresent(m -> sink.error(r, path + ".backoff.max", "cannot be shorter than base"));
    });
  }

  private void mirror(Route r, Mirror m, String path) {
    serviceAndSubset(r, path, m.service(), m.subset());
    if (!(m.percent() >= 0 && m.percent() <= 100)) {
      sink.error(r, path + ".percent", "must be between 0 and 100, not " + m.percent());
    }
  }

  private void rewrite(Route r, Rewrite rw, String path, boolean prefixMatch, boolean templateMatch, Set<String> variables) {
    List<String> paths = new ArrayList<>();
    rw.prefix().ifPresent(v -> paths.add("prefix"));
    rw.regex().ifPresent(v -> paths.add("regex"));
    rw.template().ifPresent(v -> paths.add("template"));
    OneOf.atMostOne(sink, r, path, "a rewrite", List.of("prefix", "regex", "template"), paths);
    if (rw.host().isPresent() && rw.autoHost()) {
      sink.error(r, path, "a rewrite takes at most one of host, autoHost; found host, autoHost");
    }
    rw.prefix().ifPresent(p -> {
      if (!prefixMatch) {
        sink.error(r, path + ".prefix", RuleMessages.PREFIX_REWRITE_NEEDS_PREFIX_MATCH);
      }
      if (!p.startsWith("/")) {
        sink.error(r, path + ".prefix", "a path prefix must start with '/'");
      }
    });
    rw.regex().ifPresent(x -> Formats.regex(x.pattern()).ifPresent(m -> sink.error(r, path + ".regex.pattern", m)));
    rw.template().ifPresent(t -> {
      if (!templateMatch) {
        sink.error(r, path + ".template", RuleMessages.TEMPLATE_REWRITE_NEEDS_TEMPLATE_MATCH);
      } else if (!t.startsWith("/")) {
        sink.error(r, path + ".template", "a path template must start with '/'");
      } else {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]*)}").matcher(t);
        while (m.find()) {
          if (!variables.contains(m.group(1))) {
            sink.error(r, path + ".template", "variable '" + m.group(1) + "' is not defined by the path template"
                + Suggestions.hint(m.group(1), variables));
          }
        }
      }
    });
    rw.host().ifPresent(h -> Formats.hostName(h).ifPresent(m -> sink.error(r, path + ".host", m)));
  }

  private void headers(Route r, HeaderOperations ops, String path, boolean request) {
    ops.set().keySet().forEach(n -> headerName(r, path + ".set", n, request));
    ops.add().keySet().forEach(n -> headerName(r, path + ".add", n, request));
    for (int i = 0; i < ops.remove().size(); i++) {
      String n = ops.remove().get(i);
      headerName(r, path + ".remove[" + i + "]", n, request);
      if (request && n.equals("host")) {
        sink.error(r, path + ".remove[" + i + "]", "the host header cannot be removed");
      }
    }
  }

  private void headerName(Route r, String path, String name, boolean request) {
    Optional<String> bad = Formats.headerName(name);
    bad.ifPresent(m -> sink.error(r, path, m));
    if (bad.isEmpty() && name.startsWith(":")) {
      sink.error(r, path, "pseudo-header '" + name + "' cannot be changed");
    }
  }

  private void redirect(Route r, Redirect d, String path, boolean prefixMatch) {
    d.scheme().filter(s -> !s.equals("http") && !s.equals("https"))
        .ifPresent(s -> sink.error(r, path + ".scheme", "'" + s + "' is not a scheme; http or https"));
    d.host().ifPresent(h -> Formats.hostName(h).ifPresent(m -> sink.error(r, path + ".host", m)));
    d.port().filter(p -> p < 1 || p > 65535)
        .ifPresent(p -> sink.error(r, path + ".port", "port must be between 1 and 65535, not " + p));
    if (d.path().isPresent() && d.prefix().isPresent()) {
      sink.error(r, path, "a redirect takes at most one of path, prefix; found path, prefix");
    }
    d.path().filter(p -> !p.startsWith("/")).ifPresent(p -> sink.error(r, path + ".path", "a path must start with '/'"));
    d.prefix().ifPresent(p -> {
      if (!prefixMatch) {
        sink.error(r, path + ".prefix", RuleMessages.PREFIX_REDIRECT_NEEDS_PREFIX_MATCH);
      }
      if (!p.startsWith("/")) {
        sink.error(r, path + ".prefix", "a path prefix must start with '/'");
      }
    });
    if (!REDIRECT_CODES.contains(d.code())) {
      sink.error(r, path + ".code", RuleMessages.redirectCode(d.code()));
    }
  }

  private void directResponse(Route r, DirectResponse d, String path) {
    if (d.status() < 200 || d.status() > 599) {
      sink.error(r, path + ".status", "status must be between 200 and 599, not " + d.status());
    }
    d.body().filter(b -> b.getBytes(StandardCharsets.UTF_8).length > 4096)
        .ifPresent(b -> sink.error(r, path + ".body", "the body is larger than 4 KiB"));
  }
}
