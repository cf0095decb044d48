package io.hango.translate.internal.emit;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.config.core.v3.RuntimeDouble;
import io.envoyproxy.envoy.config.core.v3.TcpKeepalive;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.cluster.v3.UpstreamConnectionOptions;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.type.v3.CodecClientType;
import io.envoyproxy.envoy.type.v3.Int64Range;
import io.envoyproxy.envoy.type.v3.Percent;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.ConnectionPool;
import io.hango.model.service.Endpoint;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.PassiveHealthCheck;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceProtocol;
import io.hango.model.service.StaticEndpoints;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.emit.EndpointEmitter;
import io.hango.translate.internal.Names;
import io.hango.translate.internal.Protos;
import io.hango.translate.internal.ir.IrCluster;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Emits the Cluster of a service (or one of its subsets). Clusters depend on the config only,
 * never on discovered endpoints, so endpoint changes touch only ClusterLoadAssignments. The one
 * exception in kind (not in that rule): a service whose static endpoints include host names
 * becomes a STRICT_DNS cluster with its endpoints inline, since EDS carries only IP addresses.
 */
final class ClusterEmitter {

  static final String TLS_TRANSPORT_SOCKET = "envoy.transport_sockets.tls";
  static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private final TranslationContext ctx;

  ClusterEmitter(TranslationContext ctx) {
    this.ctx = ctx;
  }

  Cluster cluster(IrCluster ic) {
    Service s = ic.service();
    String subset = ic.key().subset();
    String name = ic.key().clusterName();
    TrafficPolicy p = ic.policy();
    Cluster.Builder c = Cluster.newBuilder().setName(name);
    if (ic.dns()) {
      c.setType(Cluster.DiscoveryType.STRICT_DNS);
      List<Endpoint> eps = ((StaticEndpoints) s.spec().discoveryKind()).endpoints();
      c.setLoadAssignment(EndpointEmitter.assignment(name, EndpointEmitter.select(s, subset, eps), new Diagnostics(), s.ref(), false));
    } else {
      c.setType(Cluster.DiscoveryType.EDS);
      c.setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(Protos.ads()));
    }
    p.loadBalancer().ifPresent(lb -> loadBalancer(ic, name, lb, c));
    p.connectionPool().ifPresent(cp -> connectionPool(cp, c));
    httpProtocolOptions(s.spec().protocol(), p.connectionPool()).ifPresent(o -> c.putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, ctx.packAny(o)));
    p.healthCheck().ifPresent(hc -> {
      ic.probe().ifPresent(probe -> c.addHealthChecks(healthCheck(s, hc.active().orElseThrow(), probe)));
      hc.passive().ifPresent(ps -> passive(ps, c));
    });
    p.tls().ifPresent(t -> c.setTransportSocket(tls(s.spec().protocol(), t)));
    return c.build();
  }

  private static void loadBalancer(IrCluster ic, String cluster, LoadBalancer lb, Cluster.Builder c) {
    if (lb instanceof LoadBalancer.RoundRobin rr) {
      c.setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN);
      rr.slowStart().ifPresent(ss -> c.setRoundRobinLbConfig(Cluster.RoundRobinLbConfig.newBuilder().setSlowStartConfig(slowStart(cluster, ss))));
    } else if (lb instanceof LoadBalancer.Random) {
      c.setLbPolicy(Cluster.LbPolicy.RANDOM);
    } else if (lb instanceof LoadBalancer.LeastRequest lr) {
      c.setLbPolicy(Cluster.LbPolicy.LEAST_REQUEST);
      Cluster.LeastRequestLbConfig.Builder b = Cluster.LeastRequestLbConfig.newBuilder().setChoiceCount(Protos.u32(lr.choiceCount()));
      lr.slowStart().ifPresent(ss -> b.setSlowStartConfig(slowStart(cluster, ss)));
      c.setLeastRequestLbConfig(b);
    } else if (lb instanceof LoadBalancer.ConsistentHash ch) {
      if (ch.algorithm() == LoadBalancer.ConsistentHash.Algorithm.MAGLEV) {
        c.setLbPolicy(Cluster.LbPolicy.MAGLEV);
      } else {
        c.setLbPolicy(Cluster.LbPolicy.RING_HASH);
        ch.minimumRingSize().filter(n -> ic.minimumRingSize()).ifPresent(n -> c.setRingHashLbConfig(
            Cluster.RingHashLbConfig.newBuilder().setMinimumRingSize(com.google.protobuf.UInt64Value.of(n))));
      }
    }
    if (ic.localityWeighted()) {
      c.setCommonLbConfig(c.getCommonLbConfig().toBuilder().setLocalityWeightedLbConfig(Cluster.CommonLbConfig.LocalityWeightedLbConfig.getDefaultInstance()));
    }
  }

  private static Cluster.SlowStartConfig slowStart(String cluster, LoadBalancer.SlowStart ss) {
    return Cluster.SlowStartConfig.newBuilder()
        .setSlowStartWindow(Protos.duration(ss.window()))
        .setAggression(RuntimeDouble.newBuilder().setDefaultValue(ss.aggression()).setRuntimeKey("upstream.slow_start_aggression." + cluster))
        .build();
  }

  private static void connectionPool(ConnectionPool cp, Cluster.Builder c) {
    CircuitBreakers.Thresholds.Builder t = CircuitBreakers.Thresholds.newBuilder().setPriority(RoutingPriority.DEFAULT);
    boolean any = false;
    if (cp.tcp().isPresent()) {
      ConnectionPool.Tcp tcp = cp.tcp().get();
      if (tcp.maxConnections().isPresent()) {
        t.setMaxConnections(Protos.u32(tcp.maxConnections().get()));
        any = true;
      }
      tcp.connectTimeout().ifPresent(d -> c.setConnectTimeout(Protos.duration(d)));
      tcp.keepalive().ifPresent(k -> {
        TcpKeepalive.Builder kb = TcpKeepalive.newBuilder();
        k.probes().ifPresent(n -> kb.setKeepaliveProbes(Protos.u32(n)));
        k.time().ifPresent(d -> kb.setKeepaliveTime(Protos.u32(wholeSeconds(d))));
        k.interval().ifPresent(d -> kb.setKeepaliveInterval(Protos.u32(wholeSeconds(d))));
        c.setUpstreamConnectionOptions(UpstreamConnectionOptions.newBuilder().setTcpKeepalive(kb));
      });
    }
    if (cp.http().isPresent()) {
      ConnectionPool.Http http = cp.http().get();
      if (http.maxPendingRequests().isPresent()) {
        t.setMaxPendingRequests(Protos.u32(http.maxPendingRequests().get()));
        any = true;
      }
      if (http.maxRequests().isPresent()) {
        t.setMaxRequests(Protos.u32(http.maxRequests().get()));
        any = true;
      }
      if (http.maxRetries().isPresent()) {
        t.setMaxRetries(Protos.u32(http.maxRetries().get()));
        any = true;
      }
    }
    if (any) {
      c.setCircuitBreakers(CircuitBreakers.newBuilder().addThresholds(t));
    }
  }

  private static int wholeSeconds(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.getSeconds()));
  }

  private static Optional<HttpProtocolOptions> httpProtocolOptions(ServiceProtocol protocol, Optional<ConnectionPool> cp) {
    if (protocol == ServiceProtocol.TCP) {
      return Optional.empty();
    }
    Optional<ConnectionPool.Http> http = cp.flatMap(ConnectionPool::http);
    boolean common = http.isPresent() && (http.get().idleTimeout().isPresent() || http.get().maxRequestsPerConnection().isPresent());
    if (!common && !protocol.usesHttp2()) {
      return Optional.empty();
    }
    HttpProtocolOptions.Builder b = HttpProtocolOptions.newBuilder();
    if (common) {
      io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.Builder cb = io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.newBuilder();
      http.get().idleTimeout().ifPresent(d -> cb.setIdleTimeout(Protos.duration(d)));
      http.get().maxRequestsPerConnection().ifPresent(n -> cb.setMaxRequestsPerConnection(Protos.u32(n)));
      b.setCommonHttpProtocolOptions(cb);
    }
    HttpProtocolOptions.ExplicitHttpConfig.Builder e = HttpProtocolOptions.ExplicitHttpConfig.newBuilder();
    if (protocol.usesHttp2()) {
      e.setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance());
    } else {
      e.setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance());
    }
    return Optional.of(b.setExplicitHttpConfig(e).build());
  }

  private static HealthCheck healthCheck(Service s, ActiveHealthCheck a, ActiveHealthCheck.Probe probe) {
    HealthCheck.Builder h = HealthCheck.newBuilder()
        .setTimeout(Protos.duration(a.timeout()))
        .setInterval(Protos.duration(a.interval()))
        .setHealthyThreshold(Protos.u32(a.healthyThreshold()))
        .setUnhealthyThreshold(Protos.u32(a.unhealthyThreshold()));
    if (probe instanceof ActiveHealthCheck.HttpProbe hp) {
      HealthCheck.HttpHealthCheck.Builder b = HealthCheck.HttpHealthCheck.newBuilder().setPath(hp.path()).setHost(hp.host().orElse(s.name()));
      for (Integer code : new TreeSet<>(hp.expectedStatuses())) {
        b.addExpectedStatuses(Int64Range.newBuilder().setStart(code).setEnd(code + 1L));
      }
      if (s.spec().protocol().usesHttp2()) {
        b.setCodecClientType(CodecClientType.HTTP2);
      }
      h.setHttpHealthCheck(b);
    } else if (probe instanceof ActiveHealthCheck.TcpProbe) {
      h.setTcpHealthCheck(HealthCheck.TcpHealthCheck.getDefaultInstance());
    } else if (probe instanceof ActiveHealthCheck.GrpcProbe gp) {
      HealthCheck.GrpcHealthCheck.Builder b = HealthCheck.GrpcHealthCheck.newBuilder().setAuthority(gp.authority().orElse(s.name()));
      gp.serviceName().ifPresent(b::setServiceName);
      h.setGrpcHealthCheck(b);
    }
    return h.build();
  }

  private static void passive(PassiveHealthCheck ph, Cluster.Builder c) {
    OutlierDetection.Builder o = OutlierDetection.newBuilder();
    // Envoy enables consecutive-5xx and success-rate ejection by default: switch off what the model did not ask for.
    if (ph.consecutive5xx().isPresent()) {
      o.setConsecutive5Xx(Protos.u32(ph.consecutive5xx().get()));
    } else {
      o.setEnforcingConsecutive5Xx(Protos.u32(0));
    }
    o.setEnforcingSuccessRate(Protos.u32(0));
    ph.consecutiveGatewayErrors().ifPresent(n -> o.setConsecutiveGatewayFailure(Protos.u32(n)).setEnforcingConsecutiveGatewayFailure(Protos.u32(100)));
    ph.failurePercentage().ifPresent(fp -> o
        .setFailurePercentageThreshold(Protos.u32(fp.threshold()))
        .setEnforcingFailurePercentage(Protos.u32(100))
        .setFailurePercentageMinimumHosts(Protos.u32(fp.minimumHosts()))
        .setFailurePercentageRequestVolume(Protos.u32(fp.requestVolume())));
    ph.interval().ifPresent(d -> o.setInterval(Protos.duration(d)));
    ph.baseEjectionTime().ifPresent(d -> o.setBaseEjectionTime(Protos.duration(d)));
    ph.maxEjectionPercent().ifPresent(n -> o.setMaxEjectionPercent(Protos.u32(n)));
    c.setOutlierDetection(o);
    ph.minHealthPercent().ifPresent(n -> c.setCommonLbConfig(c.getCommonLbConfig().toBuilder().setHealthyPanicThreshold(Percent.newBuilder().setValue(n))));
  }

  private TransportSocket tls(ServiceProtocol protocol, UpstreamTls t) {
    CommonTlsContext.Builder ctx = CommonTlsContext.newBuilder();
    t.clientCertificate().ifPresent(cert -> ctx.addTlsCertificateSdsSecretConfigs(sds(Names.certificateSecret(cert))));
    if (t.caCertificate().isPresent()) {
      SdsSecretConfig ca = sds(Names.caSecret(t.caCertificate().get()));
      if (t.subjectAltNames().isEmpty()) {
        ctx.setValidationContextSdsSecretConfig(ca);
      } else {
        io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext.Builder v =
            io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext.newBuilder();
        for (String san : t.subjectAltNames()) {
          v.addMatchTypedSubjectAltNames(SubjectAltNameMatcher.newBuilder()
              .setSanType(SubjectAltNameMatcher.SanType.DNS)
              .setMatcher(io.envoyproxy.envoy.type.matcher.v3.StringMatcher.newBuilder().setExact(san)));
        }
        ctx.setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
            .setDefaultValidationContext(v)
            .setValidationContextSdsSecretConfig(ca));
      }
    }
    List<String> alpn = !t.alpn().isEmpty() ? t.alpn() : protocol.usesHttp2() ? List.of("h2") : List.of();
    ctx.addAllAlpnProtocols(alpn);
    UpstreamTlsContext.Builder u = UpstreamTlsContext.newBuilder().setCommonTlsContext(ctx);
    t.sni().ifPresent(u::setSni);
    return TransportSocket.newBuilder().setName(TLS_TRANSPORT_SOCKET).setTypedConfig(this.ctx.packAny(u.build())).build();
  }

  static SdsSecretConfig sds(String name) {
    return SdsSecretConfig.newBuilder().setName(name).setSdsConfig(Protos.ads()).build();
  }
}
