package io.hango.testkit.arbitraries.internal;

import static io.hango.testkit.arbitraries.internal.ModelPools.HOSTS;
import static io.hango.testkit.arbitraries.internal.ModelPools.distinct;
import static io.hango.testkit.arbitraries.internal.ModelPools.durations;

import io.hango.model.gateway.AccessLog;
import io.hango.model.gateway.ClientIp;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.HttpSettings;
import io.hango.model.gateway.ImmutableGatewaySpec;
import io.hango.model.gateway.ImmutableListener;
import io.hango.model.gateway.ImmutableListenerTls;
import io.hango.model.gateway.Listener;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.gateway.ListenerTls;
import io.hango.model.gateway.Tracing;
import io.hango.testkit.arbitraries.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Generators of gateway specs and their listeners (with TLS when {@link Feature#HTTPS} is on,
 * client IP, access log, tracing and HTTP settings when {@link Feature#GATEWAY_SETTINGS} is on).
 * Internal: use {@code HangoArbitraries}.
 */
public final class GatewayGenerators {

  private final Set<Feature> on;

  /** Generators with the features {@code on} switched on. */
  public GatewayGenerators(Set<Feature> on) {
    this.on = Set.copyOf(on);
  }

  private boolean has(Feature f) {
    return on.contains(f);
  }

  public Arbitrary<Listener> listeners(String name, int port, ModelContext ctx) {
    List<ListenerProtocol> protocols = has(Feature.HTTPS) ? List.of(ListenerProtocol.values()) : List.of(ListenerProtocol.HTTP, ListenerProtocol.HTTP2);
    return Combinators.combine(Arbitraries.of(protocols), distinct(HOSTS, 0, 3), Arbitraries.of("0.0.0.0", "127.0.0.1").optional(0.3),
            Combinators.combine(Arbitraries.of(ctx.certificateSecrets()), Arbitraries.of(ListenerTls.TlsVersion.values()).optional(0.5),
                    Arbitraries.of(ctx.caSecrets()).optional(0.3), Arbitraries.of("h2", "http/1.1").list().uniqueElements().ofMaxSize(2))
                .as((c, v, ca, alpn) -> {
                  ImmutableListenerTls.Builder b = ListenerTls.builder().certificate(c).clientCa(ca).alpn(alpn);
                  v.ifPresent(b::minVersion);
                  return b.build();
                }))
        .as((protocol, hosts, address, tls) -> {
          ImmutableListener.Builder b = Listener.builder().name(name).port(port).protocol(protocol).hosts(hosts);
          address.ifPresent(b::address);
          if (protocol == ListenerProtocol.HTTPS) {
            b.tls(tls);
          }
          return b.build();
        });
  }

  Arbitrary<GatewaySpec> gatewaySpecs(int listenerCount, ModelContext ctx) {
    List<String> names = List.of("http", "https", "grpc", "l3");
    List<Integer> ports = List.of(8080, 8443, 9090, 65535);
    Arbitrary<List<Listener>> listeners = Combinators.combine(java.util.stream.IntStream.range(0, listenerCount)
        .mapToObj(i -> listeners(names.get(i), ports.get(i), ctx)).toList()).as(List::copyOf);
    double settings = has(Feature.GATEWAY_SETTINGS) ? 0.4 : 0;
    List<String> services = new ArrayList<>(new TreeMap<>(ctx.subsetsByService()).keySet());
    return listeners.flatMap(ls -> Builders.withBuilder(() -> GatewaySpec.builder().listeners(ls))
        .use(Arbitraries.oneOf(Arbitraries.integers().between(0, 10).map(h -> ClientIp.builder().xffTrustedHops(h).build()),
            Arbitraries.just(ClientIp.builder().header("x-real-ip").build()))).withProbability(settings).in((b, v) -> b.clientIp(v))
        .use(Arbitraries.oneOf(
            Arbitraries.of("%REQ(:PATH)% %RESPONSE_CODE%").optional(0.5).map(t -> AccessLog.builder().text(t).build()),
            Arbitraries.maps(Arbitraries.of("status", "path"), Arbitraries.of("%RESPONSE_CODE%", "%REQ(:PATH)%")).ofMaxSize(2)
                .map(f -> AccessLog.builder().path("/var/log/envoy.log").format(AccessLog.Format.JSON).fields(f).build())))
        .withProbability(settings).in((b, v) -> b.accessLog(v))
        .use(Combinators.combine(Arbitraries.of(Tracing.Provider.values()), Arbitraries.of(services),
                Arbitraries.of(0.0, 10.0, 100.0), Arbitraries.of("edge-gw").optional(0.5), Arbitraries.of("/api/v2/spans").optional(0.5))
            .as((p, s, pct, sn, path) -> Tracing.builder().provider(p).service(s).samplePercent(pct).serviceName(sn)
                .path(p == Tracing.Provider.ZIPKIN ? path : Optional.empty()).build()))
        .withProbability(settings).in((b, v) -> b.tracing(v))
        .use(Combinators.combine(durations().optional(0.5), durations().optional(0.5), durations().optional(0.3), durations().optional(0.3),
                Arbitraries.of(1, 96, 8192).optional(0.3), Arbitraries.of(1, 100).optional(0.3), Arbitraries.of(true, false).optional(0.3),
                Arbitraries.of("hango").optional(0.3))
            .as((idle, req, hdr, stream, kb, count, reqId, server) -> HttpSettings.builder().idleTimeout(idle).requestTimeout(req)
                .requestHeadersTimeout(hdr).streamIdleTimeout(stream).maxRequestHeadersKb(kb).maxHeadersCount(count)
                .generateRequestId(reqId).serverName(server).build()))
        .withProbability(settings).in((b, v) -> b.http(v))
        .build(ImmutableGatewaySpec.Builder::build));
  }
}
