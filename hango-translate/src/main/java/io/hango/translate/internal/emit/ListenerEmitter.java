package io.hango.translate.internal.emit;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.accesslog.v3.AccessLog;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.SubstitutionFormatString;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig;
import io.envoyproxy.envoy.config.trace.v3.ZipkinConfig;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.http.original_ip_detection.custom_header.v3.CustomHeaderConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.type.v3.Percent;
import io.hango.model.gateway.ClientIp;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.HttpSettings;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.gateway.ListenerTls;
import io.hango.model.gateway.Tracing;
import io.hango.translate.internal.Names;
import io.hango.translate.internal.Protos;
import io.hango.translate.internal.ir.IrListener;
import io.hango.translate.internal.ir.IrTracing;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Emits gateway listeners (address, filter chains, TLS) and the gateway-wide HCM settings. */
final class ListenerEmitter {

  static final String HCM_FILTER = "envoy.filters.network.http_connection_manager";
  static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";
  static final String FILE_ACCESS_LOG = "envoy.access_loggers.file";
  static final String CUSTOM_HEADER_IP = "envoy.http.original_ip_detection.custom_header";
  static final String ZIPKIN = "envoy.tracers.zipkin";
  static final String OPENTELEMETRY = "envoy.tracers.opentelemetry";

  /** The JSON access log fields used when {@code format: json} lists none. */
  static final Map<String, String> DEFAULT_JSON_FIELDS = new TreeMap<>(Map.ofEntries(
      Map.entry("authority", "%REQ(:AUTHORITY)%"),
      Map.entry("bytes_received", "%BYTES_RECEIVED%"),
      Map.entry("bytes_sent", "%BYTES_SENT%"),
      Map.entry("downstream_remote_address", "%DOWNSTREAM_REMOTE_ADDRESS%"),
      Map.entry("duration", "%DURATION%"),
      Map.entry("method", "%REQ(:METHOD)%"),
      Map.entry("path", "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"),
      Map.entry("protocol", "%PROTOCOL%"),
      Map.entry("request_id", "%REQ(X-REQUEST-ID)%"),
      Map.entry("response_code", "%RESPONSE_CODE%"),
      Map.entry("response_flags", "%RESPONSE_FLAGS%"),
      Map.entry("route_name", "%ROUTE_NAME%"),
      Map.entry("start_time", "%START_TIME%"),
      Map.entry("upstream_cluster", "%UPSTREAM_CLUSTER%"),
      Map.entry("upstream_host", "%UPSTREAM_HOST%"),
      Map.entry("upstream_service_time", "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%"),
      Map.entry("user_agent", "%REQ(USER-AGENT)%"),
      Map.entry("x_forwarded_for", "%REQ(X-FORWARDED-FOR)%")));

  private final TranslationContext ctx;

  ListenerEmitter(TranslationContext ctx) {
    this.ctx = ctx;
  }

  /** The HCM of a gateway listener without HTTP filters: RDS, codec, client IP, HTTP settings, access log, tracing. */
  HttpConnectionManager.Builder hcm(IrListener il, Optional<IrTracing> tracing) {
    Gateway g = il.gateway();
    io.hango.model.gateway.Listener l = il.model();
    GatewaySpec spec = g.spec();
    HttpConnectionManager.Builder h = HttpConnectionManager.newBuilder()
        .setStatPrefix(Names.hcmStatPrefix(g.name(), l.name()))
        .setCodecType(switch (l.protocol()) {
          case HTTP -> HttpConnectionManager.CodecType.HTTP1;
          case HTTP2 -> HttpConnectionManager.CodecType.HTTP2;
          case HTTPS -> HttpConnectionManager.CodecType.AUTO;
        })
        .setRds(Rds.newBuilder().setConfigSource(Protos.ads()).setRouteConfigName(Names.routeConfig(g.name(), l.name())))
        // Routes match on host names without a port, and on normalized paths (no "/a/../b" tricks past a prefix).
        .setStripAnyHostPort(true)
        .setNormalizePath(BoolValue.of(true))
        .setMergeSlashes(true);
    ClientIp ip = spec.clientIp().orElse(ClientIp.builder().build());
    if (ip.header().isPresent()) {
      // Envoy refuses original_ip_detection_extensions together with use_remote_address or XFF hops.
      h.addOriginalIpDetectionExtensions(TypedExtensionConfig.newBuilder()
          .setName(CUSTOM_HEADER_IP)
          .setTypedConfig(ctx.packAny(CustomHeaderConfig.newBuilder().setHeaderName(ip.header().get()).build())));
    } else {
      h.setUseRemoteAddress(BoolValue.of(ctx.options().useRemoteAddress()));
      if (ip.xffTrustedHops() > 0) {
        h.setXffNumTrustedHops(ip.xffTrustedHops());
      }
    }
    spec.http().ifPresent(s -> httpSettings(s, h));
    spec.accessLog().ifPresent(a -> h.addAccessLog(accessLog(a)));
    tracing.ifPresent(t -> h.setTracing(tracing(g, t)));
    return h;
  }

  private static void httpSettings(HttpSettings s, HttpConnectionManager.Builder h) {
    if (s.idleTimeout().isPresent() || s.maxHeadersCount().isPresent()) {
      io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.Builder c = io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.newBuilder();
      s.idleTimeout().ifPresent(d -> c.setIdleTimeout(Protos.duration(d)));
      s.maxHeadersCount().ifPresent(n -> c.setMaxHeadersCount(Protos.u32(n)));
      h.setCommonHttpProtocolOptions(c);
    }
    s.requestTimeout().ifPresent(d -> h.setRequestTimeout(Protos.duration(d)));
    s.requestHeadersTimeout().ifPresent(d -> h.setRequestHeadersTimeout(Protos.duration(d)));
    s.streamIdleTimeout().ifPresent(d -> h.setStreamIdleTimeout(Protos.duration(d)));
    s.maxRequestHeadersKb().ifPresent(n -> h.setMaxRequestHeadersKb(Protos.u32(n)));
    s.generateRequestId().ifPresent(b -> h.setGenerateRequestId(BoolValue.of(b)));
    s.serverName().ifPresent(h::setServerName);
  }

  private AccessLog accessLog(io.hango.model.gateway.AccessLog a) {
    FileAccessLog.Builder f = FileAccessLog.newBuilder().setPath(a.path());
    if (a.format() == io.hango.model.gateway.AccessLog.Format.JSON) {
      Struct.Builder s = Struct.newBuilder();
      new TreeMap<>(a.fields().isEmpty() ? DEFAULT_JSON_FIELDS : a.fields())
          .forEach((k, v) -> s.putFields(k, Value.newBuilder().setStringValue(v).build()));
      f.setLogFormat(SubstitutionFormatString.newBuilder().setJsonFormat(s));
    } else if (a.text().isPresent()) {
      String text = a.text().get().endsWith("\n") ? a.text().get() : a.text().get() + "\n";
      f.setLogFormat(SubstitutionFormatString.newBuilder().setTextFormatSource(DataSource.newBuilder().setInlineString(text)));
    }
    return AccessLog.newBuilder().setName(FILE_ACCESS_LOG).setTypedConfig(ctx.packAny(f.build())).build();
  }

  private HttpConnectionManager.Tracing tracing(Gateway g, IrTracing it) {
    Tracing t = it.model();
    String cluster = Names.cluster(it.collector().name());
    io.envoyproxy.envoy.config.trace.v3.Tracing.Http.Builder provider = io.envoyproxy.envoy.config.trace.v3.Tracing.Http.newBuilder();
    if (t.provider() == Tracing.Provider.ZIPKIN) {
      provider.setName(ZIPKIN).setTypedConfig(ctx.packAny(ZipkinConfig.newBuilder()
          .setCollectorCluster(cluster)
          .setCollectorEndpoint(t.path().orElse("/api/v2/spans"))
          .setCollectorEndpointVersion(ZipkinConfig.CollectorEndpointVersion.HTTP_JSON)
          .build()));
    } else {
      provider.setName(OPENTELEMETRY).setTypedConfig(ctx.packAny(OpenTelemetryConfig.newBuilder()
          .setGrpcService(GrpcService.newBuilder().setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName(cluster)))
          .setServiceName(t.serviceName().orElse(g.name()))
          .build()));
    }
    return HttpConnectionManager.Tracing.newBuilder()
        .setRandomSampling(Percent.newBuilder().setValue(t.samplePercent()))
        .setProvider(provider)
        .build();
  }

  /** The listener on the gateway's port with {@code hcm} in its filter chains (one per host for HTTPS). */
  Listener listener(IrListener il, HttpConnectionManager hcm) {
    io.hango.model.gateway.Listener l = il.model();
    Listener.Builder b = Listener.newBuilder()
        .setName(il.name())
        .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(l.address()).setPortValue(l.port())));
    Filter hcmFilter = Filter.newBuilder().setName(HCM_FILTER).setTypedConfig(ctx.packAny(hcm)).build();
    if (l.protocol() == ListenerProtocol.HTTPS) {
      TransportSocket ts = TransportSocket.newBuilder()
          .setName(ClusterEmitter.TLS_TRANSPORT_SOCKET)
          .setTypedConfig(ctx.packAny(downstreamTls(il.tls().orElseThrow())))
          .build();
      b.addListenerFilters(ListenerFilter.newBuilder().setName(TLS_INSPECTOR).setTypedConfig(ctx.packAny(TlsInspector.getDefaultInstance())));
      for (String host : il.hosts()) {
        FilterChain.Builder fc = FilterChain.newBuilder().setName(Names.filterChain(host)).addFilters(hcmFilter).setTransportSocket(ts);
        if (!host.equals("*")) {
          fc.setFilterChainMatch(FilterChainMatch.newBuilder().addServerNames(host));
        }
        b.addFilterChains(fc);
      }
    } else {
      b.addFilterChains(FilterChain.newBuilder().addFilters(hcmFilter));
    }
    return b.build();
  }

  private DownstreamTlsContext downstreamTls(ListenerTls tls) {
    CommonTlsContext.Builder c = CommonTlsContext.newBuilder()
        .setTlsParams(TlsParameters.newBuilder().setTlsMinimumProtocolVersion(switch (tls.minVersion()) {
          case TLS_1_0 -> TlsParameters.TlsProtocol.TLSv1_0;
          case TLS_1_1 -> TlsParameters.TlsProtocol.TLSv1_1;
          case TLS_1_2 -> TlsParameters.TlsProtocol.TLSv1_2;
          case TLS_1_3 -> TlsParameters.TlsProtocol.TLSv1_3;
        }))
        .addTlsCertificateSdsSecretConfigs(ClusterEmitter.sds(Names.certificateSecret(tls.certificate())))
        .addAllAlpnProtocols(tls.alpn().isEmpty() ? List.of("h2", "http/1.1") : tls.alpn());
    DownstreamTlsContext.Builder d = DownstreamTlsContext.newBuilder();
    tls.clientCa().ifPresent(ca -> {
      c.setValidationContextSdsSecretConfig(ClusterEmitter.sds(Names.caSecret(ca)));
      d.setRequireClientCertificate(BoolValue.of(true));
    });
    return d.setCommonTlsContext(c).build();
  }
}
