package io.hango.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Envoy bootstrap files: one that takes everything from a Hango xDS server over ADS, and one that
 * holds a whole translation in {@code static_resources} (runnable as {@code envoy -c} without a
 * control plane).
 */
public final class EnvoyBootstrap {

  /** Name of the cluster that points at the xDS server in an ADS bootstrap. */
  public static final String XDS_CLUSTER = "hango_xds";

  private static final String HCM_TYPE =
      "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
  private static final String DOWNSTREAM_TLS_TYPE =
      "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext";
  private static final String UPSTREAM_TLS_TYPE =
      "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext";
  private static final String HTTP_OPTIONS_KEY = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private EnvoyBootstrap() {}

  /**
   * A bootstrap that gets listeners, routes, clusters, endpoints and secrets from the xDS server
   * at {@code xdsHost:xdsPort} over one ADS stream (Delta xDS when {@code delta}).
   *
   * @param nodeCluster the node's cluster; with {@code hango serve --node-group cluster} it selects
   *     the gateway whose config this Envoy gets
   * @param adminPort Envoy's admin port on 127.0.0.1, or 0 for none
   */
  public static Bootstrap ads(String xdsHost, int xdsPort, String nodeId, String nodeCluster, boolean delta, int adminPort) {
    Objects.requireNonNull(xdsHost, "xdsHost");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(nodeCluster, "nodeCluster");
    ConfigSource ads =
        ConfigSource.newBuilder()
            .setAds(AggregatedConfigSource.getDefaultInstance())
            .setResourceApiVersion(ApiVersion.V3)
            .build();
    Cluster xds =
        Cluster.newBuilder()
            .setName(XDS_CLUSTER)
            .setType(isIpAddress(xdsHost) ? Cluster.DiscoveryType.STATIC : Cluster.DiscoveryType.STRICT_DNS)
            .setConnectTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(5))
            .putTypedExtensionProtocolOptions(
                HTTP_OPTIONS_KEY,
                Any.pack(
                    HttpProtocolOptions.newBuilder()
                        .setExplicitHttpConfig(
                            HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                                .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()))
                        .build()))
            .setLoadAssignment(
                ClusterLoadAssignment.newBuilder()
                    .setClusterName(XDS_CLUSTER)
                    .addEndpoints(
                        LocalityLbEndpoints.newBuilder()
                            .addLbEndpoints(
                                LbEndpoint.newBuilder()
                                    .setEndpoint(Endpoint.newBuilder().setAddress(socket(xdsHost, xdsPort))))))
            .build();
    Bootstrap.Builder b =
        Bootstrap.newBuilder()
            .setNode(Node.newBuilder().setId(nodeId).setCluster(nodeCluster))
            .setDynamicResources(
                Bootstrap.DynamicResources.newBuilder()
                    .setAdsConfig(
                        ApiConfigSource.newBuilder()
                            .setApiType(delta ? ApiConfigSource.ApiType.DELTA_GRPC : ApiConfigSource.ApiType.GRPC)
                            .setTransportApiVersion(ApiVersion.V3)
                            .setSetNodeOnFirstMessageOnly(true)
                            .addGrpcServices(
                                GrpcService.newBuilder()
                                    .setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName(XDS_CLUSTER))))
                    .setCdsConfig(ads)
                    .setLdsConfig(ads))
            .setStaticResources(Bootstrap.StaticResources.newBuilder().addClusters(xds));
    if (adminPort > 0) {
      b.setAdmin(admin(adminPort));
    }
    return b.build();
  }

  /**
   * A bootstrap with every resource of {@code resources} in {@code static_resources}: route
   * configurations inlined into their listeners, endpoints into their clusters, secrets referenced
   * by name. Proxyless-gRPC API listeners are left out (they are for gRPC clients, not Envoy).
   */
  public static Bootstrap staticResources(EnvoyResources resources, String nodeId, String nodeCluster, int adminPort) {
    Map<String, RouteConfiguration> routes = new HashMap<>();
    resources.routes().forEach(r -> routes.put(r.getName(), r));
    Map<String, ClusterLoadAssignment> endpoints = new HashMap<>();
    resources.endpoints().forEach(e -> endpoints.put(e.getClusterName(), e));

    Bootstrap.StaticResources.Builder s = Bootstrap.StaticResources.newBuilder();
    for (Listener l : resources.listeners()) {
      if (l.hasApiListener()) {
        continue;
      }
      Listener.Builder lb = l.toBuilder();
      for (FilterChain.Builder fc : lb.getFilterChainsBuilderList()) {
        for (Filter.Builder f : fc.getFiltersBuilderList()) {
          if (f.hasTypedConfig() && f.getTypedConfig().getTypeUrl().equals(HCM_TYPE)) {
            f.setTypedConfig(Any.pack(inlineRoutes(unpack(f.getTypedConfig(), HttpConnectionManager.class), routes)));
          }
        }
        if (fc.hasTransportSocket()) {
          fc.setTransportSocket(staticSecrets(fc.getTransportSocket()));
        }
      }
      s.addListeners(lb);
    }
    for (Cluster c : resources.clusters()) {
      Cluster.Builder cb = c.toBuilder();
      if (c.getType() == Cluster.DiscoveryType.EDS) {
        cb.clearEdsClusterConfig()
            .setType(Cluster.DiscoveryType.STATIC)
            .setLoadAssignment(
                endpoints.getOrDefault(c.getName(), ClusterLoadAssignment.newBuilder().setClusterName(c.getName()).build()));
      }
      if (c.hasTransportSocket()) {
        cb.setTransportSocket(staticSecrets(c.getTransportSocket()));
      }
      s.addClusters(cb);
    }
    s.addAllSecrets(resources.secrets());
    Bootstrap.Builder b =
        Bootstrap.newBuilder().setNode(Node.newBuilder().setId(nodeId).setCluster(nodeCluster)).setStaticResources(s);
    if (adminPort > 0) {
      b.setAdmin(admin(adminPort));
    }
    return b.build();
  }

  /**
   * {@code bootstrap} as indented proto3 JSON (Envoy's field names, {@code @type} on every Any).
   *
   * @param resources the translation the bootstrap was made from (its types are printed), or
   *     {@link EnvoyResources#empty()} for an {@link #ads ADS bootstrap}
   */
  public static String toJson(Bootstrap bootstrap, EnvoyResources resources) {
    return write(JsonMapper.builder().build(), bootstrap, resources);
  }

  /** {@code bootstrap} as YAML, the form {@code envoy -c} reads most comfortably; see {@link #toJson}. */
  public static String toYaml(Bootstrap bootstrap, EnvoyResources resources) {
    return write(
        new YAMLMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build()),
        bootstrap,
        resources);
  }

  private static String write(ObjectMapper mapper, Message m, EnvoyResources resources) {
    // A static bootstrap only re-packs types the translation registered; an ADS bootstrap packs
    // just the xDS cluster's HTTP/2 options.
    JsonFormat.TypeRegistry types =
        resources.listeners().isEmpty() && resources.clusters().isEmpty() ? ADS_TYPES : resources.typeRegistry();
    try {
      String json = JsonFormat.printer().usingTypeRegistry(types).preservingProtoFieldNames().sortingMapKeys().print(m);
      JsonNode tree = mapper.readTree(json);
      String out = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
      return out.endsWith("\n") ? out : out + "\n";
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot print the bootstrap: " + e.getMessage(), e);
    }
  }

  private static final JsonFormat.TypeRegistry ADS_TYPES =
      JsonFormat.TypeRegistry.newBuilder().add(HttpProtocolOptions.getDescriptor()).build();


  private static HttpConnectionManager inlineRoutes(HttpConnectionManager hcm, Map<String, RouteConfiguration> routes) {
    if (!hcm.hasRds()) {
      return hcm;
    }
    String name = hcm.getRds().getRouteConfigName();
    RouteConfiguration rc = routes.getOrDefault(name, RouteConfiguration.newBuilder().setName(name).build());
    return hcm.toBuilder().clearRds().setRouteConfig(rc).build();
  }

  private static TransportSocket staticSecrets(TransportSocket ts) {
    if (!ts.hasTypedConfig()) {
      return ts;
    }
    Any cfg = ts.getTypedConfig();
    if (cfg.getTypeUrl().equals(DOWNSTREAM_TLS_TYPE)) {
      DownstreamTlsContext d = unpack(cfg, DownstreamTlsContext.class);
      d = d.toBuilder().setCommonTlsContext(staticSecrets(d.getCommonTlsContext())).build();
      return ts.toBuilder().setTypedConfig(Any.pack(d)).build();
    }
    if (cfg.getTypeUrl().equals(UPSTREAM_TLS_TYPE)) {
      UpstreamTlsContext u = unpack(cfg, UpstreamTlsContext.class);
      u = u.toBuilder().setCommonTlsContext(staticSecrets(u.getCommonTlsContext())).build();
      return ts.toBuilder().setTypedConfig(Any.pack(u)).build();
    }
    return ts;
  }

  /** SDS references without a config source name a secret of {@code static_resources}. */
  private static CommonTlsContext staticSecrets(CommonTlsContext c) {
    CommonTlsContext.Builder b = c.toBuilder();
    b.clearTlsCertificateSdsSecretConfigs();
    for (SdsSecretConfig s : c.getTlsCertificateSdsSecretConfigsList()) {
      b.addTlsCertificateSdsSecretConfigs(s.toBuilder().clearSdsConfig());
    }
    if (c.hasValidationContextSdsSecretConfig()) {
      b.setValidationContextSdsSecretConfig(c.getValidationContextSdsSecretConfig().toBuilder().clearSdsConfig());
    }
    if (c.hasCombinedValidationContext() && c.getCombinedValidationContext().hasValidationContextSdsSecretConfig()) {
      CommonTlsContext.CombinedCertificateValidationContext.Builder cv = c.getCombinedValidationContext().toBuilder();
      cv.setValidationContextSdsSecretConfig(cv.getValidationContextSdsSecretConfig().toBuilder().clearSdsConfig());
      b.setCombinedValidationContext(cv);
    }
    return b.build();
  }

  private static Admin admin(int port) {
    return Admin.newBuilder().setAddress(socket("127.0.0.1", port)).build();
  }

  private static Address socket(String host, int port) {
    return Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(host).setPortValue(port)).build();
  }

  private static boolean isIpAddress(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).getHostAddress() != null;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static <T extends Message> T unpack(Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("malformed " + any.getTypeUrl() + ": " + e.getMessage(), e);
    }
  }
}
