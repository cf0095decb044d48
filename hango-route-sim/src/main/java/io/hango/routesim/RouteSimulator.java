package io.hango.routesim;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.RedirectAction;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.hango.routesim.internal.CompiledConfig;
import io.hango.routesim.internal.CompiledRoute;
import io.hango.routesim.internal.CompiledVirtualHost;
import io.hango.routesim.internal.HeaderFormatter;
import io.hango.routesim.internal.HeaderList;
import io.hango.routesim.internal.HeaderMutation;
import io.hango.routesim.internal.Paths;
import io.hango.routesim.internal.Problems;
import io.hango.routesim.internal.Regexes;
import io.hango.routesim.internal.RouteInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Answers "what would Envoy do with this request?" for one or more {@link RouteConfiguration}s,
 * without running Envoy.
 *
 * <pre>{@code
 * RouteSimulator sim = RouteSimulator.of(routeConfiguration);
 * Decision d = sim.route(Request.get("api.example.com", "/orders/7").header("x-beta", "true"));
 * if (d instanceof Decision.Forward f) {
 *   f.cluster();    // Optional[orders-beta]
 *   f.path();       // "/v2/orders/7" after a prefix_rewrite
 * }
 * }</pre>
 *
 * <p>It follows Envoy's router ({@code source/common/router/config_impl.cc}): virtual host
 * selection (exact domain, longest {@code *suffix}, longest {@code prefix*}, then {@code *};
 * case-insensitive; the port is part of the authority unless {@code ignore_port_in_host_matching});
 * {@code require_tls}; first matching route wins; path, header, query, gRPC, runtime-fraction,
 * TLS-context and dynamic-metadata matching; cluster choice; header mutations; host and path
 * rewrites; redirects and direct responses. Regexes use RE2 semantics (RE2/J).
 *
 * <p>Not simulated (reported as configuration problems when used): the matcher-tree API,
 * cluster specifier plugins, filter-state matchers, VHDS. Instances are immutable and thread-safe.
 */
public final class RouteSimulator {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private final List<CompiledConfig> configs;
  private final RuntimeSnapshot runtime;

  private RouteSimulator(List<CompiledConfig> configs, RuntimeSnapshot runtime) {
    this.configs = configs;
    this.runtime = runtime;
  }

  /**
   * A simulator for one route configuration.
   *
   * @throws InvalidRouteConfigurationException listing every problem Envoy would reject
   */
  public static RouteSimulator of(RouteConfiguration config) {
    return builder().routeConfiguration(config).build();
  }

  /**
   * A simulator for several route configurations (for example one per listener). A request names
   * the one to use with {@link Request#routeConfigurationName()}; otherwise the first
   * configuration with a virtual host for the request's authority is used.
   */
  public static RouteSimulator of(Collection<RouteConfiguration> configs) {
    return builder().routeConfigurations(configs).build();
  }

  /** A builder, to set the runtime snapshot. */
  public static Builder builder() {
    return new Builder();
  }

  /** The route configurations, in order. */
  public List<RouteConfiguration> routeConfigurations() {
    return configs.stream().map(CompiledConfig::proto).toList();
  }

  /** Routes {@code request}. */
  public Decision route(Request request) {
    requireNonNull(request, "request");
    CompiledConfig config = select(request);
    return new Evaluation(config, request).run();
  }

  private CompiledConfig select(Request request) {
    if (request.routeConfigurationName().isPresent()) {
      String name = request.routeConfigurationName().get();
      return configs.stream().filter(c -> c.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no route configuration named '" + name + "'"));
    }
    if (configs.size() == 1) {
      return configs.get(0);
    }
    return configs.stream().filter(c -> c.findVirtualHost(request.authority()) != null).findFirst()
        .orElse(configs.get(0));
  }

  /** One routing of one request. */
  private final class Evaluation implements HeaderFormatter.Context {
    private final CompiledConfig config;
    private final Request request;
    private final HeaderList headers;
    private final List<String> notes = new ArrayList<>();
    private String routeName = "";

    Evaluation(CompiledConfig config, Request request) {
      this.config = config;
      this.request = request;
      this.headers = request.allHeaders().toList();
    }

    Decision run() {
      CompiledVirtualHost vhost = config.findVirtualHost(headers.value(":authority"));
      if (vhost == null) {
        return noRoute(null);
      }
      String forwardedProto = headers.value("x-forwarded-proto");
      if (forwardedProto.isEmpty()) {
        notes.add("no x-forwarded-proto: Envoy finds no route");
        return noRoute(vhost.name());
      }
      boolean internal = "true".equals(headers.value("x-envoy-internal"));
      switch (vhost.proto().getRequireTls()) {
        case ALL:
          if (!forwardedProto.equals("https")) {
            return tlsRedirect(vhost);
          }
          break;
        case EXTERNAL_ONLY:
          if (!forwardedProto.equals("https") && !internal) {
            return tlsRedirect(vhost);
          }
          break;
        default:
          break;
      }
      RouteInput input = new RouteInput(headers, request.randomValue(), request.tls(),
          request.peerCertificatePresented(), request.peerCertificateValidated(),
          request.dynamicMetadata());
      boolean hasPath = headers.contains(":path") && !headers.value(":path").isEmpty();
      for (CompiledRoute route : vhost.routes()) {
        if (!hasPath && !route.supportsPathless()) {
          continue;
        }
        if (matches(route, input)) {
          return decide(vhost, route);
        }
      }
      return noRoute(vhost.name());
    }

    private boolean matches(CompiledRoute route, RouteInput input) {
      Route r = route.route();
      if (r.getMatch().hasRuntimeFraction()) {
        var rf = r.getMatch().getRuntimeFraction();
        if (!runtime.featureEnabled(rf.getRuntimeKey(), rf.getDefaultValue(), request.randomValue())) {
          return false;
        }
      }
      return route.matchConditions(input) && route.matchPath(headers);
    }

    private Decision decide(CompiledVirtualHost vhost, CompiledRoute route) {
      Route r = route.route();
      routeName = r.getName();
      if (r.hasRedirect()) {
        return redirect(vhost, route);
      }
      if (r.hasDirectResponse()) {
        return directResponse(vhost, route);
      }
      return forward(vhost, route);
    }

    private Decision noRoute(String vhostName) {
      return new Decision.NoRoute(config.name(), Optional.ofNullable(vhostName), Headers.copyOf(headers), notes);
    }

    private Decision tlsRedirect(CompiledVirtualHost vhost) {
      String uri = "https://" + headers.value(":authority") + headers.value(":path");
      HeaderList response = new HeaderList();
      response.add(":status", Integer.toString(Decision.TlsRedirect.STATUS));
      response.add("location", uri);
      return new Decision.TlsRedirect(config.name(), vhost.name(), uri, Headers.copyOf(headers),
          Headers.copyOf(response), notes);
    }

    private Decision redirect(CompiledVirtualHost vhost, CompiledRoute route) {
      RedirectAction redirect = route.route().getRedirect();
      String newPath = rewrittenPath(route, redirect.getPrefixRewrite(), route.redirectRegexRewrite(),
          redirect.hasRegexRewrite() ? redirect.getRegexRewrite().getSubstitution() : "", null);
      setPath(newPath);
      String uri = newUri(redirect);
      int code = redirectCode(redirect.getResponseCode());
      HeaderList response = new HeaderList();
      response.add(":status", Integer.toString(code));
      response.add("location", uri);
      applyResponseMutations(vhost, route, response);
      return new Decision.Redirect(config.name(), vhost.name(), matched(route), uri, code,
          Headers.copyOf(headers), Headers.copyOf(response), notes);
    }

    private Decision directResponse(CompiledVirtualHost vhost, CompiledRoute route) {
      DirectResponseAction action = route.route().getDirectResponse();
      int status = action.getStatus();
      String body = body(action);
      String uri = newUri(null);
      HeaderList response = new HeaderList();
      response.add(":status", Integer.toString(status));
      if (!body.isEmpty()) {
        response.add("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        response.add("content-type", "text/plain");
      }
      if (status == 201 || (status >= 300 && status < 400)) {
        response.add("location", uri);
      }
      applyResponseMutations(vhost, route, response);
      return new Decision.DirectResponse(config.name(), vhost.name(), matched(route), status, body, uri,
          Headers.copyOf(headers), Headers.copyOf(response), notes);
    }

    private static Decision.MatchedRoute matched(CompiledRoute route) {
      return new Decision.MatchedRoute(route.index(), route.route());
    }

    private String body(DirectResponseAction action) {
      if (!action.hasBody()) {
        return "";
      }
      var body = action.getBody();
      switch (body.getSpecifierCase()) {
        case INLINE_STRING:
          return body.getInlineString();
        case INLINE_BYTES:
          return body.getInlineBytes().toStringUtf8();
        case ENVIRONMENT_VARIABLE:
          return System.getenv().getOrDefault(body.getEnvironmentVariable(), "");
        case FILENAME:
          try {
            return Files.readString(Path.of(body.getFilename()));
          } catch (IOException e) {
            notes.add("direct_response body file " + body.getFilename() + " is not readable: " + e);
            return "";
          }
        default:
          return "";
      }
    }

    private Decision forward(CompiledVirtualHost vhost, CompiledRoute route) {
      Route r = route.route();
      RouteAction action = r.getRoute();
      HeaderList original = new HeaderList(headers);
      String cluster;
      int weightedIndex = -1;
      switch (action.getClusterSpecifierCase()) {
        case CLUSTER:
          cluster = action.getCluster();
          break;
        case CLUSTER_HEADER:
          cluster = headers.value(action.getClusterHeader());
          if (cluster.isEmpty()) {
            notes.add("cluster_header '" + action.getClusterHeader() + "' is absent: Envoy answers "
                + "with cluster_not_found_response_code");
          }
          break;
        case WEIGHTED_CLUSTERS:
          weightedIndex = pickWeighted(action.getWeightedClusters());
          WeightedCluster.ClusterWeight cw = action.getWeightedClusters().getClusters(weightedIndex);
          cluster = cw.getClusterHeader().isEmpty() ? cw.getName() : headers.value(cw.getClusterHeader());
          break;
        default:
          cluster = "";
          notes.add("cluster specifier " + action.getClusterSpecifierCase() + " is not simulated");
          break;
      }
      // Weighted cluster mutations and host rewrite come first, then the route's own finalization.
      if (weightedIndex >= 0) {
        route.clusterRequestMutation(weightedIndex).apply(headers, this, notes);
        String clusterHost = action.getWeightedClusters().getClusters(weightedIndex).getHostRewriteLiteral();
        if (!clusterHost.isEmpty()) {
          headers.set(":authority", clusterHost);
        }
      }
      for (HeaderMutation m : ordered(route.requestMutation(), vhost.requestMutation(), config.requestMutation())) {
        m.apply(headers, this, notes);
      }
      rewriteHost(route, action);
      setPath(rewrittenPath(route, action.getPrefixRewrite(), route.regexRewrite(),
          action.hasRegexRewrite() ? action.getRegexRewrite().getSubstitution() : "",
          route.templateRewrite()));

      HeaderList response = request.upstreamResponseHeaders().toList();
      if (weightedIndex >= 0) {
        route.clusterResponseMutation(weightedIndex).apply(response, this, notes);
      }
      applyResponseMutations(vhost, route, response);

      Duration timeout = action.hasTimeout()
          ? Duration.ofMillis(Durations.toMillis(action.getTimeout())) : DEFAULT_TIMEOUT;
      RetryPolicy retry = action.hasRetryPolicy() ? action.getRetryPolicy()
          : vhost.proto().hasRetryPolicy() ? vhost.proto().getRetryPolicy() : null;
      boolean autoHost = action.hasAutoHostRewrite() && action.getAutoHostRewrite().getValue();
      return new Decision.Forward(config.name(), vhost.name(), matched(route), Optional.of(cluster),
          Optional.ofNullable(vhost.virtualCluster(original)), Headers.copyOf(headers),
          Headers.copyOf(response), autoHost, timeout, Optional.ofNullable(retry), notes);
    }

    private int pickWeighted(WeightedCluster wc) {
      long random = request.randomValue();
      if (!wc.getHeaderName().isEmpty()) {
        List<String> values = headers.getAll(wc.getHeaderName());
        if (values.size() == 1) {
          try {
            random = Long.parseUnsignedLong(values.get(0));
          } catch (NumberFormatException e) {
            notes.add("random value header " + wc.getHeaderName() + " is not a number; using the request's");
          }
        }
      }
      long[] weights = new long[wc.getClustersCount()];
      long total = 0;
      for (int i = 0; i < weights.length; i++) {
        WeightedCluster.ClusterWeight cw = wc.getClusters(i);
        long w = cw.getWeight().getValue();
        if (!wc.getRuntimeKeyPrefix().isEmpty()) {
          w = runtime.getInteger(wc.getRuntimeKeyPrefix() + "." + cw.getName(), w);
        }
        weights[i] = w;
        total += w;
      }
      if (total <= 0) {
        return 0;
      }
      long selected = Long.remainderUnsigned(random, total);
      long begin = 0;
      for (int i = 0; i < weights.length; i++) {
        long end = begin + weights[i];
        if (selected >= begin && selected < end) {
          return i;
        }
        begin = end;
      }
      return weights.length - 1;
    }

    private void rewriteHost(CompiledRoute route, RouteAction action) {
      String hostname = "";
      switch (action.getHostRewriteSpecifierCase()) {
        case HOST_REWRITE_LITERAL:
          hostname = action.getHostRewriteLiteral();
          break;
        case HOST_REWRITE_HEADER:
          hostname = headers.value(action.getHostRewriteHeader());
          break;
        case HOST_REWRITE_PATH_REGEX:
          if (route.hostRewritePathRegex() != null) {
            hostname = Regexes.replaceAll(route.hostRewritePathRegex(),
                Paths.removeQueryAndFragment(headers.value(":path")),
                action.getHostRewritePathRegex().getSubstitution());
          }
          break;
        default:
          break;
      }
      if (hostname.isEmpty()) {
        return;
      }
      if (action.getAppendXForwardedHost()) {
        String old = headers.value(":authority");
        if (!old.isEmpty()) {
          headers.add("x-forwarded-host", old);
        }
      }
      headers.set(":authority", hostname);
    }

    /**
     * Envoy's path rewrite for the matched route: a template rewrite, else prefix_rewrite of the
     * matched part, else regex_rewrite of the whole path without its query. Null when unchanged.
     */
    private String rewrittenPath(CompiledRoute route, String prefixRewrite,
        com.google.re2j.Pattern regex, String substitution, String templateRewrite) {
      String path = headers.value(":path");
      String pathOnly = Paths.removeQueryAndFragment(path);
      if (templateRewrite != null) {
        String rewritten = route.template() == null ? null : route.template().rewrite(pathOnly, templateRewrite);
        if (rewritten == null || rewritten.isEmpty()) {
          return null;
        }
        return rewritten + path.substring(pathOnly.length());
      }
      if (!prefixRewrite.isEmpty()) {
        String matched = matchedPath(route, pathOnly);
        if (matched.length() > path.length()) {
          return null;
        }
        return prefixRewrite + path.substring(matched.length());
      }
      if (regex != null) {
        String rewritten = Regexes.replaceAll(regex, pathOnly, substitution);
        if (rewritten.isEmpty()) {
          return null;
        }
        return rewritten + path.substring(pathOnly.length());
      }
      return null;
    }

    /** The part of the path a prefix rewrite replaces, as each route kind defines it. */
    private String matchedPath(CompiledRoute route, String pathOnly) {
      switch (route.pathKind()) {
        case PREFIX:
        case PATH:
        case PATH_SEPARATED_PREFIX:
        case TEMPLATE:
          return route.pathValue();
        default:
          return pathOnly;
      }
    }

    private void setPath(String newPath) {
      if (newPath == null || newPath.isEmpty()) {
        return;
      }
      headers.set("x-envoy-original-path", headers.value(":path"));
      headers.set(":path", newPath);
    }

    /** Envoy's {@code Http::Utility::newUri}. */
    private String newUri(RedirectAction redirect) {
      String scheme;
      if (redirect != null && !redirect.getSchemeRedirect().isEmpty()) {
        scheme = redirect.getSchemeRedirect();
      } else if (redirect != null && redirect.getHttpsRedirect()) {
        scheme = "https";
      } else {
        scheme = headers.value(":scheme");
      }
      String port = redirect != null && redirect.getPortRedirect() != 0 ? ":" + redirect.getPortRedirect() : "";
      String host = redirect != null && !redirect.getHostRedirect().isEmpty()
          ? redirect.getHostRedirect() : requestHost(scheme, port);
      String current = headers.value(":path");
      String pathRedirect = redirect == null ? "" : redirect.getPathRedirect();
      boolean redirectHasQuery = pathRedirect.contains("?");
      String path;
      if (!pathRedirect.isEmpty()) {
        int q = current.indexOf('?');
        path = redirectHasQuery || q < 0 ? pathRedirect : pathRedirect + current.substring(q);
      } else {
        path = current;
      }
      if (!path.startsWith("/")) {
        path = "/" + path;
      }
      if (redirect != null && !redirectHasQuery && redirect.getStripQuery()) {
        int q = path.indexOf('?');
        if (q >= 0) {
          path = path.substring(0, q);
        }
      }
      return scheme + "://" + host + port + path;
    }

    /** The request's host, without a port that the new port or scheme makes wrong. */
    private String requestHost(String newScheme, String newPort) {
      String host = headers.value(":authority");
      if (host.isEmpty()) {
        return host;
      }
      int hostEnd;
      if (host.charAt(0) == '[') {
        hostEnd = host.lastIndexOf("]:");
        if (hostEnd >= 0) {
          hostEnd += 1;
        }
      } else {
        hostEnd = host.lastIndexOf(':');
      }
      if (hostEnd >= 0) {
        String requestPort = host.substring(hostEnd);
        String requestProtocol = headers.value("x-forwarded-proto");
        boolean removePort = !newPort.isEmpty();
        if (!newScheme.equals(requestProtocol)) {
          removePort |= requestProtocol.equals("https") && requestPort.equals(":443");
          removePort |= requestProtocol.equals("http") && requestPort.equals(":80");
        }
        if (removePort) {
          return host.substring(0, hostEnd);
        }
      }
      return host;
    }

    private int redirectCode(RedirectAction.RedirectResponseCode code) {
      switch (code) {
        case FOUND:
          return 302;
        case SEE_OTHER:
          return 303;
        case TEMPORARY_REDIRECT:
          return 307;
        case PERMANENT_REDIRECT:
          return 308;
        default:
          return 301;
      }
    }

    private void applyResponseMutations(CompiledVirtualHost vhost, CompiledRoute route,
        HeaderList response) {
      for (HeaderMutation m : ordered(route.responseMutation(), vhost.responseMutation(),
          config.responseMutation())) {
        m.apply(response, this, notes);
      }
    }

    /** Route, virtual host, route configuration; reversed with most_specific_header_mutations_wins. */
    private List<HeaderMutation> ordered(HeaderMutation route, HeaderMutation vhost, HeaderMutation global) {
      return config.mostSpecificHeaderMutationsWins() ? List.of(global, vhost, route) : List.of(route, vhost, global);
    }

    @Override
    public String downstreamRemoteAddress() {
      return request.remoteAddress();
    }

    @Override
    public String downstreamLocalAddress() {
      return request.localAddress();
    }

    @Override
    public String protocol() {
      return "HTTP/1.1";
    }

    @Override
    public HeaderList requestHeaders() {
      return headers;
    }

    @Override
    public String routeName() {
      return routeName;
    }
  }

  /** Builder of {@link RouteSimulator}. */
  public static final class Builder {
    private final List<RouteConfiguration> configs = new ArrayList<>();
    private RuntimeSnapshot runtime = RuntimeSnapshot.defaults();

    private Builder() {}

    /** Adds a route configuration. */
    public Builder routeConfiguration(RouteConfiguration config) {
      configs.add(requireNonNull(config, "config"));
      return this;
    }

    /** Adds route configurations, in order. */
    public Builder routeConfigurations(Collection<RouteConfiguration> configs) {
      requireNonNull(configs, "configs").forEach(this::routeConfiguration);
      return this;
    }

    /** The runtime to read fractions and weights from; defaults to {@link RuntimeSnapshot#defaults()}. */
    public Builder runtime(RuntimeSnapshot runtime) {
      this.runtime = requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * Compiles the configurations.
     *
     * @throws InvalidRouteConfigurationException with every problem of the first invalid one
     */
    public RouteSimulator build() {
      if (configs.isEmpty()) {
        throw new IllegalStateException("at least one route configuration is required");
      }
      List<CompiledConfig> compiled = new ArrayList<>();
      for (RouteConfiguration c : configs) {
        Problems problems = new Problems();
        compiled.add(CompiledConfig.compile(c, problems));
        if (!problems.isEmpty()) {
          throw new InvalidRouteConfigurationException(c.getName(), problems.list());
        }
      }
      return new RouteSimulator(List.copyOf(compiled), runtime);
    }
  }
}
