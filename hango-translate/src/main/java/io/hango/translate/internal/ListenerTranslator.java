package io.hango.translate.internal;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.Message;
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
import io.hango.model.service.Service;
import io.hango.translate.TranslatorOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/** Builds gateway listeners (address, filter chains, TLS) and the gateway-wide HCM settings. */
final class ListenerTranslator {

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

  private final Diagnostics diags;
  private final Function<Message, Any> packer;
  private final TranslatorOptions options;
  private final Map<String, Service> services;
  private final Consumer<ClusterKey> useCluster;
  private final BiConsumer<String, Boolean> secretUse;
  private final BiPredicate<String, Boolean> secretUsable;

  ListenerTranslator(
      Diagnostics diags, Function<Message, Any> packer, TranslatorOptions options, Map<String, Service> services,
      Consumer<ClusterKey> useCluster, BiConsumer<String, Boolean> secretUse, BiPredicate<String, Boolean> secretUsable) {
    this.diags = diags;
    this.packer = packer;
    this.options = options;
    this.services = services;
    this.useCluster = useCluster;
    this.secretUse = secretUse;
    this.secretUsable = secretUsable;
  }

  /** The HCM of a gateway listener without HTTP filters: RDS, codec, client IP, HTTP settings, access log, tracing. */
  HttpConnectionManager.Builder hcm(Gateway g, io.hango.model.gateway.Listener l) {
    String ref = g.ref();
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
          .setTypedConfig(packer.apply(CustomHeaderConfig.newBuilder().setHeaderName(ip.header().get()).build())));
      if (ip.xffTrustedHops() > 0) {
        diags.warning(ref, "spec.clientIp.xffTrustedHops", "ignored: the client IP comes from header '" + ip.header().get() + "'");
      }
    } else {
      h.setUseRemoteAddress(BoolValue.of(options.useRemoteAddress()));
      if (ip.xffTrustedHops() > 0) {
        h.setXffNumTrustedHops(ip.xffTrustedHops());
      }
    }
    spec.http().ifPresent(s -> httpSettings(s, h));
    spec.accessLog().ifPresent(a -> h.addAccessLog(accessLog(a)));
    spec.tracing().ifPresent(t -> tracing(ref, g, t).ifPresent(h::setTracing));
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
    return AccessLog.newBuilder().setName(FILE_ACCESS_LOG).setTypedConfig(packer.apply(f.build())).build();
  }

  private Optional<HttpConnectionManager.Tracing> tracing(String ref, Gateway g, Tracing t) {
    Service collector = services.get(t.service());
    if (collector == null) {
      diags.error(ref, "spec.tracing.service", "no Service named '" + t.service() + "'; tracing left out");
      return Optional.empty();
    }
    useCluster.accept(new ClusterKey(t.service(), null));
    String cluster = Names.cluster(t.service());
    io.envoyproxy.envoy.config.trace.v3.Tracing.Http.Builder provider = io.envoyproxy.envoy.config.trace.v3.Tracing.Http.newBuilder();
    if (t.provider() == Tracing.Provider.ZIPKIN) {
      provider.setName(ZIPKIN).setTypedConfig(packer.apply(ZipkinConfig.newBuilder()
          .setCollectorCluster(cluster)
          .setCollectorEndpoint(t.path().orElse("/api/v2/spans"))
          .setCollectorEndpointVersion(ZipkinConfig.CollectorEndpointVersion.HTTP_JSON)
          .build()));
      if (t.serviceName().isPresent()) {
        diags.warning(ref, "spec.tracing.serviceName", "Zipkin reports the proxy's --service-cluster as service name; ignored");
      }
    } else {
      if (!collector.spec().protocol().usesHttp2()) {
        diags.warning(ref, "spec.tracing.service", "the OpenTelemetry collector is called over gRPC: give Service/" + t.service() + " protocol grpc");
      }
      provider.setName(OPENTELEMETRY).setTypedConfig(packer.apply(OpenTelemetryConfig.newBuilder()
          .setGrpcService(GrpcService.newBuilder().setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName(cluster)))
          .setServiceName(t.serviceName().orElse(g.name()))
          .build()));
      if (t.path().isPresent()) {
        diags.warning(ref, "spec.tracing.path", "path applies to Zipkin only; ignored");
      }
    }
    return Optional.of(HttpConnectionManager.Tracing.newBuilder()
        .setRandomSampling(Percent.newBuilder().setValue(t.samplePercent()))
        .setProvider(provider)
        .build());
  }

  /** The listener on the gateway's port with {@code hcm} in its filter chains; empty if it cannot be built. */
  Optional<Listener> listener(Gateway g, io.hango.model.gateway.Listener l, int index, HttpConnectionManager hcm, List<String> hosts) {
    String ref = g.ref();
    String at = "spec.listeners[" + index + "]";
    Listener.Builder b = Listener.newBuilder()
        .setName(Names.listener(g.name(), l.name()))
        .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(l.address()).setPortValue(l.port())));
    Filter hcmFilter = Filter.newBuilder().setName(HCM_FILTER).setTypedConfig(packer.apply(hcm)).build();
    if (l.protocol() == ListenerProtocol.HTTPS) {
      if (l.tls().isEmpty()) {
        diags.error(ref, at + ".tls", "an HTTPS listener needs tls; listener left out");
        return Optional.empty();
      }
      ListenerTls tls = l.tls().get();
      if (!secretUsable.test(tls.certificate(), false)) {
        diags.error(ref, at + ".tls.certificate",
            "no usable Secret '" + tls.certificate() + "' (needs certificate and privateKey); listener left out");
        return Optional.empty();
      }
      if (tls.clientCa().isPresent() && !secretUsable.test(tls.clientCa().get(), true)) {
        diags.error(ref, at + ".tls.clientCa", "no usable Secret '" + tls.clientCa().get() + "' (needs ca); listener left out");
        return Optional.empty();
      }
      TransportSocket ts = TransportSocket.newBuilder()
          .setName(ClusterTranslator.TLS_TRANSPORT_SOCKET)
          .setTypedConfig(packer.apply(downstreamTls(l.tls().get())))
          .build();
      b.addListenerFilters(ListenerFilter.newBuilder().setName(TLS_INSPECTOR).setTypedConfig(packer.apply(TlsInspector.getDefaultInstance())));
      for (String host : hosts) {
        FilterChain.Builder fc = FilterChain.newBuilder().setName(Names.filterChain(host)).addFilters(hcmFilter).setTransportSocket(ts);
        if (!host.equals("*")) {
          fc.setFilterChainMatch(FilterChainMatch.newBuilder().addServerNames(host));
        }
        b.addFilterChains(fc);
      }
    } else {
      if (l.tls().isPresent()) {
        diags.warning(ref, at + ".tls", "tls applies to HTTPS listeners only; ignored");
      }
      b.addFilterChains(FilterChain.newBuilder().addFilters(hcmFilter));
    }
    return Optional.of(b.build());
  }

  private DownstreamTlsContext downstreamTls(ListenerTls tls) {
    secretUse.accept(tls.certificate(), false);
    CommonTlsContext.Builder c = CommonTlsContext.newBuilder()
        .setTlsParams(TlsParameters.newBuilder().setTlsMinimumProtocolVersion(switch (tls.minVersion()) {
          case TLS_1_0 -> TlsParameters.TlsProtocol.TLSv1_0;
          case TLS_1_1 -> TlsParameters.TlsProtocol.TLSv1_1;
          case TLS_1_2 -> TlsParameters.TlsProtocol.TLSv1_2;
          case TLS_1_3 -> TlsParameters.TlsProtocol.TLSv1_3;
        }))
        .addTlsCertificateSdsSecretConfigs(ClusterTranslator.sds(Names.certificateSecret(tls.certificate())))
        .addAllAlpnProtocols(tls.alpn().isEmpty() ? List.of("h2", "http/1.1") : tls.alpn());
    DownstreamTlsContext.Builder d = DownstreamTlsContext.newBuilder();
    tls.clientCa().ifPresent(ca -> {
      secretUse.accept(ca, true);
      c.setValidationContextSdsSecretConfig(ClusterTranslator.sds(Names.caSecret(ca)));
      d.setRequireClientCertificate(BoolValue.of(true));
    });
    return d.setCommonTlsContext(c).build();
  }
}
