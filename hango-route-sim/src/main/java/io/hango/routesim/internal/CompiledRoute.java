package io.hango.routesim.internal;

import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig;
import io.envoyproxy.envoy.extensions.path.rewrite.uri_template.v3.UriTemplateRewriteConfig;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;

/** One route of a virtual host, with its match compiled. */
public final class CompiledRoute {
  /** How the path is matched. */
  public enum PathKind { PREFIX, PATH, REGEX, CONNECT, PATH_SEPARATED_PREFIX, TEMPLATE, NONE }

  private final int index;
  private final Route route;
  private final PathKind pathKind;
  private final String pathValue;
  private final StringMatch pathMatch;
  private final UriTemplate template;
  private final boolean caseSensitive;
  private final List<HeaderCondition> headers = new ArrayList<>();
  private final List<QueryCondition> queries = new ArrayList<>();
  private final List<MetadataCondition> metadata = new ArrayList<>();
  private final HeaderMutation requestMutation;
  private final HeaderMutation responseMutation;
  private final List<HeaderMutation> clusterRequestMutations = new ArrayList<>();
  private final List<HeaderMutation> clusterResponseMutations = new ArrayList<>();
  private final Pattern regexRewrite;
  private final Pattern redirectRegexRewrite;
  private final Pattern hostRewritePathRegex;
  private final String templateRewrite;

  CompiledRoute(int index, Route route, Problems problems, String where) {
    this.index = index;
    this.route = route;
    RouteMatch m = route.getMatch();
    this.caseSensitive = !m.hasCaseSensitive() || m.getCaseSensitive().getValue();
    UriTemplate tmpl = null;
    StringMatch pm = null;
    String pv = "";
    PathKind kind;
    switch (m.getPathSpecifierCase()) {
      case PREFIX:
        kind = PathKind.PREFIX;
        pv = m.getPrefix();
        pm = StringMatch.prefix(pv, !caseSensitive);
        break;
      case PATH:
        kind = PathKind.PATH;
        pv = m.getPath();
        pm = StringMatch.exact(pv, !caseSensitive);
        break;
      case SAFE_REGEX: {
        kind = PathKind.REGEX;
        Pattern p = Regexes.compile(m.getSafeRegex(), problems, where + ".match.safe_regex");
        pm = p == null ? null : StringMatch.regex(p);
        break;
      }
      case CONNECT_MATCHER:
        kind = PathKind.CONNECT;
        break;
      case PATH_SEPARATED_PREFIX:
        kind = PathKind.PATH_SEPARATED_PREFIX;
        pv = m.getPathSeparatedPrefix();
        if (pv.contains("?") || pv.contains("#") || pv.endsWith("/")) {
          problems.add(where + ".match.path_separated_prefix",
              "must not contain '?' or '#' nor end with '/': " + pv);
        }
        pm = StringMatch.prefix(pv, !caseSensitive);
        break;
      case PATH_MATCH_POLICY: {
        kind = PathKind.TEMPLATE;
        try {
          UriTemplateMatchConfig c = m.getPathMatchPolicy().getTypedConfig().unpack(UriTemplateMatchConfig.class);
          tmpl = UriTemplate.parse(c.getPathTemplate(), problems, where + ".match.path_match_policy");
          pv = c.getPathTemplate();
        } catch (InvalidProtocolBufferException e) {
          problems.add(where + ".match.path_match_policy", "only "
              + UriTemplateMatchConfig.getDescriptor().getFullName() + " is supported, got "
              + m.getPathMatchPolicy().getTypedConfig().getTypeUrl());
        }
        break;
      }
      default:
        kind = PathKind.NONE;
        problems.add(where + ".match", "a path specifier is required");
        break;
    }
    this.pathKind = kind;
    this.pathValue = pv;
    this.pathMatch = pm;
    this.template = tmpl;
    for (int i = 0; i < m.getHeadersCount(); i++) {
      headers.add(HeaderCondition.compile(m.getHeaders(i), problems, where + ".match.headers[" + i + "]"));
    }
    for (int i = 0; i < m.getQueryParametersCount(); i++) {
      queries.add(QueryCondition.compile(m.getQueryParameters(i), problems,
          where + ".match.query_parameters[" + i + "]"));
    }
    for (int i = 0; i < m.getDynamicMetadataCount(); i++) {
      metadata.add(MetadataCondition.compile(m.getDynamicMetadata(i), problems,
          where + ".match.dynamic_metadata[" + i + "]"));
    }
    if (m.getFilterStateCount() > 0) {
      problems.add(where + ".match.filter_state", "filter_state matching is not simulated");
    }
    this.requestMutation = HeaderMutation.compile(route.getRequestHeadersToAddList(),
        route.getRequestHeadersToRemoveList(), problems, where + ".request_headers");
    this.responseMutation = HeaderMutation.compile(route.getResponseHeadersToAddList(),
        route.getResponseHeadersToRemoveList(), problems, where + ".response_headers");

    RouteAction a = route.getRoute();
    Pattern rr = null;
    Pattern hostRegex = null;
    String tmplRewrite = null;
    if (route.hasRoute()) {
      int rewrites = (a.getPrefixRewrite().isEmpty() ? 0 : 1) + (a.hasRegexRewrite() ? 1 : 0)
          + (a.hasPathRewritePolicy() ? 1 : 0);
      if (rewrites > 1) {
        problems.add(where + ".route", "specify only one of prefix_rewrite, regex_rewrite or path_rewrite_policy");
      }
      if (!a.getPrefixRewrite().isEmpty() && kind == PathKind.TEMPLATE) {
        problems.add(where + ".route.prefix_rewrite", "cannot use prefix_rewrite with a path_match_policy");
      }
      if (a.hasRegexRewrite()) {
        rr = Regexes.compile(a.getRegexRewrite().getPattern(), problems, where + ".route.regex_rewrite.pattern");
      }
      if (a.hasHostRewritePathRegex()) {
        hostRegex = Regexes.compile(a.getHostRewritePathRegex().getPattern(), problems,
            where + ".route.host_rewrite_path_regex.pattern");
      }
      if (a.hasPathRewritePolicy()) {
        try {
          tmplRewrite = a.getPathRewritePolicy().getTypedConfig().unpack(UriTemplateRewriteConfig.class)
              .getPathTemplateRewrite();
          if (template == null) {
            problems.add(where + ".route.path_rewrite_policy",
                "a uri_template rewrite needs a uri_template path_match_policy");
          } else {
            String problem = template.checkRewrite(tmplRewrite);
            if (problem != null) {
              problems.add(where + ".route.path_rewrite_policy", problem);
            }
          }
        } catch (InvalidProtocolBufferException e) {
          problems.add(where + ".route.path_rewrite_policy", "only "
              + UriTemplateRewriteConfig.getDescriptor().getFullName() + " is supported");
        }
      }
      compileClusters(a, problems, where + ".route");
    }
    this.regexRewrite = rr;
    this.hostRewritePathRegex = hostRegex;
    this.templateRewrite = tmplRewrite;
    Pattern redirectRr = null;
    if (route.hasRedirect() && route.getRedirect().hasRegexRewrite()) {
      redirectRr = Regexes.compile(route.getRedirect().getRegexRewrite().getPattern(), problems,
          where + ".redirect.regex_rewrite.pattern");
    }
    this.redirectRegexRewrite = redirectRr;
    if (!route.hasRoute() && !route.hasRedirect() && !route.hasDirectResponse()) {
      problems.add(where, "route needs one of route, redirect or direct_response"
          + (route.hasFilterAction() || route.hasNonForwardingAction() ? " (filter_action and "
          + "non_forwarding_action are not simulated)" : ""));
    }
  }

  private void compileClusters(RouteAction a, Problems problems, String where) {
    switch (a.getClusterSpecifierCase()) {
      case WEIGHTED_CLUSTERS: {
        WeightedCluster wc = a.getWeightedClusters();
        long sum = 0;
        for (int i = 0; i < wc.getClustersCount(); i++) {
          WeightedCluster.ClusterWeight cw = wc.getClusters(i);
          sum += cw.getWeight().getValue();
          clusterRequestMutations.add(HeaderMutation.compile(cw.getRequestHeadersToAddList(),
              cw.getRequestHeadersToRemoveList(), problems,
              where + ".weighted_clusters.clusters[" + i + "].request_headers"));
          clusterResponseMutations.add(HeaderMutation.compile(cw.getResponseHeadersToAddList(),
              cw.getResponseHeadersToRemoveList(), problems,
              where + ".weighted_clusters.clusters[" + i + "].response_headers"));
          if (cw.getName().isEmpty() == cw.getClusterHeader().isEmpty()) {
            problems.add(where + ".weighted_clusters.clusters[" + i + "]",
                "exactly one of name or cluster_header is required");
          }
        }
        if (wc.getClustersCount() == 0 || sum == 0) {
          problems.add(where + ".weighted_clusters", "sum of weights must be greater than 0");
        }
        break;
      }
      case CLUSTER:
      case CLUSTER_HEADER:
        break;
      case CLUSTER_SPECIFIER_PLUGIN:
      case INLINE_CLUSTER_SPECIFIER_PLUGIN:
        problems.add(where, "cluster specifier plugins are not simulated");
        break;
      default:
        problems.add(where, "a cluster specifier is required");
        break;
    }
  }

  public int index() {
    return index;
  }

  public Route route() {
    return route;
  }

  public PathKind pathKind() {
    return pathKind;
  }

  /** The matched portion a prefix rewrite replaces: the prefix or exact path as configured. */
  public String pathValue() {
    return pathValue;
  }

  public UriTemplate template() {
    return template;
  }

  public Pattern regexRewrite() {
    return regexRewrite;
  }

  public Pattern redirectRegexRewrite() {
    return redirectRegexRewrite;
  }

  public Pattern hostRewritePathRegex() {
    return hostRewritePathRegex;
  }

  public String templateRewrite() {
    return templateRewrite;
  }

  public HeaderMutation requestMutation() {
    return requestMutation;
  }

  public HeaderMutation responseMutation() {
    return responseMutation;
  }

  public HeaderMutation clusterRequestMutation(int i) {
    return clusterRequestMutations.get(i);
  }

  public HeaderMutation clusterResponseMutation(int i) {
    return clusterResponseMutations.get(i);
  }

  /** Whether the route can match a request without {@code :path} (CONNECT). */
  public boolean supportsPathless() {
    return pathKind == PathKind.CONNECT;
  }

  /** The path-independent conditions, in Envoy's order: grpc, headers, query, TLS, metadata. */
  public boolean matchConditions(RouteInput in) {
    if (route.getMatch().hasGrpc() && !isGrpc(in.headers())) {
      return false;
    }
    if (!HeaderCondition.matchAll(headers, in.headers())) {
      return false;
    }
    if (!queries.isEmpty()) {
      var params = QueryCondition.parse(in.headers().value(":path"));
      for (QueryCondition q : queries) {
        if (!q.matches(params)) {
          return false;
        }
      }
    }
    if (route.getMatch().hasTlsContext()) {
      var tls = route.getMatch().getTlsContext();
      if (tls.hasPresented() && tls.getPresented().getValue() != (in.tls() && in.peerCertificatePresented())) {
        return false;
      }
      if (tls.hasValidated() && tls.getValidated().getValue() != (in.tls() && in.peerCertificateValidated())) {
        return false;
      }
    }
    for (MetadataCondition c : metadata) {
      if (!c.matches(in.dynamicMetadata())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the path (or method, for CONNECT) matches. */
  public boolean matchPath(HeaderList headers) {
    String path = headers.value(":path");
    String pathOnly = Paths.removeQueryAndFragment(path);
    switch (pathKind) {
      case PREFIX:
      case PATH:
      case REGEX:
        return pathMatch != null && pathMatch.matches(pathOnly);
      case PATH_SEPARATED_PREFIX:
        return pathOnly.length() >= pathValue.length() && pathMatch.matches(pathOnly)
            && (pathOnly.length() == pathValue.length() || pathOnly.charAt(pathValue.length()) == '/');
      case TEMPLATE:
        return template != null && template.matches(pathOnly);
      case CONNECT:
        return "CONNECT".equals(headers.value(":method"));
      default:
        return false;
    }
  }

  /** Envoy's {@code Grpc::Common::isGrpcRequestHeaders}. */
  static boolean isGrpc(HeaderList headers) {
    if (!headers.contains(":path")) {
      return false;
    }
    String ct = headers.value("content-type");
    return ct.startsWith("application/grpc")
        && (ct.length() == "application/grpc".length() || ct.charAt("application/grpc".length()) == '+');
  }
}
