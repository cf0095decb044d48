package io.hango.bench.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.hango.translate.EnvoyResources;

/**
 * The small workload of the xDS load harness, where per-stream overhead dominates: 4 EDS clusters
 * ({@code service-0..3}, over ADS) with 3 endpoints each, 1 listener on port 10000 whose HTTP
 * connection manager loads route configuration {@code route-0} over RDS, and that route
 * configuration (one virtual host, one prefix route per cluster).
 */
final class SmallConfig {

  static final int CLUSTERS = 4;
  static final int ENDPOINTS_PER_CLUSTER = 3;
  static final String ROUTE_CONFIGURATION = "route-0";

  private SmallConfig() {}

  /** The resources, built directly (not translated), identical on every call. */
  static EnvoyResources resources() {
    ConfigSource ads = ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance()).build();
    EnvoyResources.Builder b = EnvoyResources.builder();
    VirtualHost.Builder host = VirtualHost.newBuilder().setName("all").addDomains("*");
    for (int i = 0; i < CLUSTERS; i++) {
      String name = "service-" + i;
      b.addCluster(Cluster.newBuilder()
          .setName(name)
          .setType(Cluster.DiscoveryType.EDS)
          .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(ads))
          .setConnectTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(1))
          .build());
      ClusterLoadAssignment.Builder cla = ClusterLoadAssignment.newBuilder().setClusterName(name);
      LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder();
      for (int e = 0; e < ENDPOINTS_PER_CLUSTER; e++) {
        locality.addLbEndpoints(endpoint("10.0." + i + "." + (10 + e), 8080));
      }
      b.addEndpoints(cla.addEndpoints(locality).build());
      host.addRoutes(Route.newBuilder()
          .setMatch(RouteMatch.newBuilder().setPrefix("/" + name))
          .setRoute(RouteAction.newBuilder().setCluster(name)));
    }
    b.addRoute(RouteConfiguration.newBuilder().setName(ROUTE_CONFIGURATION).addVirtualHosts(host).build());
    HttpConnectionManager hcm = HttpConnectionManager.newBuilder()
        .setStatPrefix("ingress")
        .setRds(Rds.newBuilder().setConfigSource(ads).setRouteConfigName(ROUTE_CONFIGURATION))
        .addHttpFilters(HttpFilter.newBuilder()
            .setName("envoy.filters.http.router")
            .setTypedConfig(Any.pack(Router.getDefaultInstance())))
        .build();
    b.addListener(Listener.newBuilder()
        .setName("listener-0")
        .setAddress(Address.newBuilder().setSocketAddress(
            SocketAddress.newBuilder().setAddress("0.0.0.0").setPortValue(10000)))
        .addFilterChains(FilterChain.newBuilder().addFilters(Filter.newBuilder()
            .setName("envoy.filters.network.http_connection_manager")
            .setTypedConfig(Any.pack(hcm))))
        .build());
    return b.build();
  }

  /** An endpoint at {@code address:port}. */
  static LbEndpoint endpoint(String address, int port) {
    return LbEndpoint.newBuilder()
        .setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder().setSocketAddress(
            SocketAddress.newBuilder().setAddress(address).setPortValue(port))))
        .build();
  }
}
