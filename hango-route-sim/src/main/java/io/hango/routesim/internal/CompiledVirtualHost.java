package io.hango.routesim.internal;

import io.envoyproxy.envoy.config.route.v3.VirtualCluster;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.ArrayList;
import java.util.List;

/** A virtual host with its routes and virtual clusters compiled. */
public final class CompiledVirtualHost {
  private final VirtualHost proto;
  private final List<CompiledRoute> routes = new ArrayList<>();
  private final List<String> virtualClusterNames = new ArrayList<>();
  private final List<List<HeaderCondition>> virtualClusterHeaders = new ArrayList<>();
  private final HeaderMutation requestMutation;
  private final HeaderMutation responseMutation;

  CompiledVirtualHost(VirtualHost proto, Problems problems, String where) {
    this.proto = proto;
    if (proto.hasMatcher()) {
      problems.add(where + ".matcher", "the matcher tree API is not simulated; use routes");
    }
    for (int i = 0; i < proto.getRoutesCount(); i++) {
      routes.add(new CompiledRoute(i, proto.getRoutes(i), problems, where + ".routes[" + i + "]"));
    }
    for (int i = 0; i < proto.getVirtualClustersCount(); i++) {
      VirtualCluster vc = proto.getVirtualClusters(i);
      if (vc.getHeadersCount() == 0) {
        problems.add(where + ".virtual_clusters[" + i + "]", "virtual clusters must define 'headers'");
      }
      List<HeaderCondition> conditions = new ArrayList<>();
      for (int j = 0; j < vc.getHeadersCount(); j++) {
        conditions.add(HeaderCondition.compile(vc.getHeaders(j), problems,
            where + ".virtual_clusters[" + i + "].headers[" + j + "]"));
      }
      virtualClusterNames.add(vc.getName());
      virtualClusterHeaders.add(conditions);
    }
    this.requestMutation = HeaderMutation.compile(proto.getRequestHeadersToAddList(),
        proto.getRequestHeadersToRemoveList(), problems, where + ".request_headers");
    this.responseMutation = HeaderMutation.compile(proto.getResponseHeadersToAddList(),
        proto.getResponseHeadersToRemoveList(), problems, where + ".response_headers");
  }

  public String name() {
    return proto.getName();
  }

  public VirtualHost proto() {
    return proto;
  }

  public List<CompiledRoute> routes() {
    return routes;
  }

  public HeaderMutation requestMutation() {
    return requestMutation;
  }

  public HeaderMutation responseMutation() {
    return responseMutation;
  }

  /**
   * The virtual cluster for {@code headers}: the first whose header matchers all match, else
   * {@code other} when there are virtual clusters, else null.
   */
  public String virtualCluster(HeaderList headers) {
    for (int i = 0; i < virtualClusterNames.size(); i++) {
      if (HeaderCondition.matchAll(virtualClusterHeaders.get(i), headers)) {
        return virtualClusterNames.get(i);
      }
    }
    return virtualClusterNames.isEmpty() ? null : "other";
  }
}
