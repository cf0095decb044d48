package io.hango.translate.internal.ir;

import io.hango.model.route.PathMatcher;
import io.hango.model.route.Route;
import io.hango.model.route.RouteAction;
import io.hango.model.service.HashOn;
import io.hango.translate.internal.ClusterKey;
import java.util.List;
import java.util.Optional;

/**
 * A route that can be emitted: its one-of fields resolved to typed values and its references to
 * clusters. Parts the resolver left out (with a diagnostic) are absent or switched off here; the
 * rest of the route is read from {@link #model()}.
 *
 * @param model the model route
 * @param path the path matcher
 * @param headers header conditions, in the model's order
 * @param queryParams query parameter conditions, in the model's order
 * @param action the forward, redirect or direct response
 * @param destinations for a forward: the weighted clusters, sorted by cluster name
 * @param clusters every cluster the route uses (destinations, then mirror), in the model's order
 * @param mirror for a forward: the mirror's cluster
 * @param prefixRewrite whether the forward's {@code rewrite.prefix} applies
 * @param templateRewrite whether the forward's {@code rewrite.template} applies
 * @param redirectPrefix whether the redirect's {@code prefix} applies
 * @param hashOn what consistent hashing hashes on (the route's own or its destinations' load balancer's)
 * @param plugins the Route-targeted plugin documents that apply, in filter-chain order
 */
public record IrRoute(
    Route model,
    PathMatcher path,
    List<IrCondition> headers,
    List<IrCondition> queryParams,
    RouteAction action,
    List<IrDestination> destinations,
    List<ClusterKey> clusters,
    Optional<ClusterKey> mirror,
    boolean prefixRewrite,
    boolean templateRewrite,
    boolean redirectPrefix,
    Optional<HashOn> hashOn,
    List<PluginAttachment> plugins) {

  public IrRoute {
    headers = List.copyOf(headers);
    queryParams = List.copyOf(queryParams);
    destinations = List.copyOf(destinations);
    clusters = List.copyOf(clusters);
    plugins = List.copyOf(plugins);
  }

  /** The route's name. */
  public String name() {
    return model.name();
  }

  /** Whether proxyless gRPC clients accept this route (grpc-java rejects redirects, direct responses and URI templates). */
  public boolean grpcCompatible() {
    return action instanceof io.hango.model.route.Forward && !(path instanceof PathMatcher.Template);
  }
}
