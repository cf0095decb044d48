package io.hango.envoy.validate;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.type.v3.TokenBucket;
import java.util.List;

/** Realistic Envoy resources, as the translator emits them: HTTPS listener, HCM over RDS, EDS cluster, SDS secret. */
final class EnvoyFixtures {

  static final String LOCAL_RATELIMIT = "envoy.filters.http.local_ratelimit";

  private EnvoyFixtures() {}

  static ConfigSource ads() {
    return ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance())
        .setResourceApiVersion(io.envoyproxy.envoy.config.core.v3.ApiVersion.V3).build();
  }

  static HttpConnectionManager hcm(String routeConfigName) {
    return HttpConnectionManager.newBuilder()
        .setStatPrefix("ingress_https")
        .setRds(Rds.newBuilder().setConfigSource(ads()).setRouteConfigName(routeConfigName))
        .addHttpFilters(HttpFilter.newBuilder().setName(LOCAL_RATELIMIT)
            .setTypedConfig(Any.pack(LocalRateLimit.newBuilder().setStatPrefix("http_local_rate_limiter").build())))
        .addHttpFilters(HttpFilter.newBuilder().setName("envoy.filters.http.router")
            .setTypedConfig(Any.pack(Router.getDefaultInstance())))
        .build();
  }

  static Listener listener(HttpConnectionManager hcm) {
    DownstreamTlsContext tls = DownstreamTlsContext.newBuilder()
        .setCommonTlsContext(CommonTlsContext.newBuilder()
            .addTlsCertificateSdsSecretConfigs(SdsSecretConfig.newBuilder().setName("api-example-com-cert").setSdsConfig(ads())))
        .build();
    return Listener.newBuilder()
        .setName("https_443")
        .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress("0.0.0.0").setPortValue(443)))
        .addFilterChains(FilterChain.newBuilder()
            .setFilterChainMatch(FilterChainMatch.newBuilder().addServerNames("api.example.com"))
            .addFilters(Filter.newBuilder().setName("envoy.filters.network.http_connection_manager").setTypedConfig(Any.pack(hcm)))
            .setTransportSocket(TransportSocket.newBuilder().setName("envoy.transport_sockets.tls").setTypedConfig(Any.pack(tls))))
        .build();
  }

  static Listener listener() {
    return listener(hcm("https_443"));
  }

  static Route route(String prefix, String cluster) {
    return Route.newBuilder()
        .setName("route-" + prefix)
        .setMatch(RouteMatch.newBuilder().setPrefix(prefix))
        .setRoute(RouteAction.newBuilder().setCluster(cluster).setTimeout(Duration.newBuilder().setSeconds(15)))
        .build();
  }

  static RouteConfiguration routeConfiguration() {
    Route weighted = Route.newBuilder()
        .setMatch(RouteMatch.newBuilder().setPrefix("/orders"))
        .setRoute(RouteAction.newBuilder().setWeightedClusters(WeightedCluster.newBuilder()
            .addClusters(WeightedCluster.ClusterWeight.newBuilder().setName("orders|v1").setWeight(UInt32Value.of(90)))
            .addClusters(WeightedCluster.ClusterWeight.newBuilder().setName("orders|v2").setWeight(UInt32Value.of(10))))
            .addRequestMirrorPolicies(RouteAction.RequestMirrorPolicy.newBuilder().setCluster("orders|v2")))
        .putTypedPerFilterConfig(LOCAL_RATELIMIT, Any.pack(LocalRateLimit.newBuilder()
            .setStatPrefix("orders_rl")
            .setTokenBucket(TokenBucket.newBuilder().setMaxTokens(100).setFillInterval(Duration.newBuilder().setSeconds(1)))
            .build()))
        .build();
    return RouteConfiguration.newBuilder()
        .setName("https_443")
        .addVirtualHosts(VirtualHost.newBuilder()
            .setName("api.example.com")
            .addDomains("api.example.com")
            .addRoutes(weighted)
            .addRoutes(route("/", "orders|v1")))
        .build();
  }

  static Cluster edsCluster(String name) {
    return Cluster.newBuilder()
        .setName(name)
        .setType(Cluster.DiscoveryType.EDS)
        .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(ads()))
        .setConnectTimeout(Duration.newBuilder().setSeconds(1))
        .build();
  }

  static ClusterLoadAssignment loadAssignment(String cluster) {
    return ClusterLoadAssignment.newBuilder()
        .setClusterName(cluster)
        .addEndpoints(LocalityLbEndpoints.newBuilder()
            .setLoadBalancingWeight(UInt32Value.of(1))
            .addLbEndpoints(LbEndpoint.newBuilder().setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
                .setSocketAddress(SocketAddress.newBuilder().setAddress("10.0.0.7").setPortValue(8080))))))
        .build();
  }

  static Secret secret(String name) {
    return Secret.newBuilder()
        .setName(name)
        .setTlsCertificate(TlsCertificate.newBuilder()
            .setCertificateChain(DataSource.newBuilder().setInlineString("-----BEGIN CERTIFICATE-----..."))
            .setPrivateKey(DataSource.newBuilder().setInlineString("-----BEGIN PRIVATE KEY-----...")))
        .build();
  }

  static List<Cluster> clusters() {
    return List.of(edsCluster("orders|v1"), edsCluster("orders|v2"));
  }

  static List<ClusterLoadAssignment> loadAssignments() {
    return List.of(loadAssignment("orders|v1"), loadAssignment("orders|v2"));
  }
}
