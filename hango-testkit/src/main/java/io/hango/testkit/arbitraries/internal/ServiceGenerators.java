package io.hango.testkit.arbitraries.internal;

import static io.hango.testkit.arbitraries.internal.ModelPools.SUBSET_NAMES;
import static io.hango.testkit.arbitraries.internal.ModelPools.distinct;
import static io.hango.testkit.arbitraries.internal.ModelPools.durations;
import static io.hango.testkit.arbitraries.internal.ModelPools.wholeSeconds;

import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.ConnectionPool;
import io.hango.model.service.Endpoint;
import io.hango.model.service.HashOn;
import io.hango.model.service.HealthCheck;
import io.hango.model.service.ImmutableActiveHealthCheck;
import io.hango.model.service.ImmutableConsistentHash;
import io.hango.model.service.ImmutableCookie;
import io.hango.model.service.ImmutableEndpoint;
import io.hango.model.service.ImmutableFailurePercentage;
import io.hango.model.service.ImmutableGrpcProbe;
import io.hango.model.service.ImmutableHttp;
import io.hango.model.service.ImmutableHttpProbe;
import io.hango.model.service.ImmutableKeepalive;
import io.hango.model.service.ImmutableLeastRequest;
import io.hango.model.service.ImmutableRandom;
import io.hango.model.service.ImmutableRoundRobin;
import io.hango.model.service.ImmutableSlowStart;
import io.hango.model.service.ImmutableSubset;
import io.hango.model.service.ImmutableTcp;
import io.hango.model.service.ImmutableTcpProbe;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.PassiveHealthCheck;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceProtocol;
import io.hango.model.service.ServiceSpec;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import io.hango.testkit.arbitraries.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Generators of {@code Service}s and their parts: endpoints, subsets, traffic policies (load
 * balancers, connection pools, health checks, upstream TLS), each given the {@link ModelContext}
 * it may refer to and the {@link Feature}s switched on. Internal: use {@code HangoArbitraries}.
 */
public final class ServiceGenerators {

  private final Set<Feature> on;

  /** Generators with the features {@code on} switched on. */
  public ServiceGenerators(Set<Feature> on) {
    this.on = Set.copyOf(on);
  }

  private boolean has(Feature f) {
    return on.contains(f);
  }

  public static Arbitrary<Endpoint> endpoints(int index) {
    return Builders.withBuilder(() -> Endpoint.builder().address(index % 3 == 2 ? "host-" + index + ".internal" : "10.0." + (index / 250) + "." + (index % 250 + 1)))
        .use(Arbitraries.of(80, 8080, 65535, 1)).in((b, v) -> b.port(v))
        .use(Arbitraries.of(1, 2, 128)).withProbability(0.4).in((b, v) -> b.weight(v))
        .use(Arbitraries.of(SUBSET_NAMES)).withProbability(0.8).in((b, v) -> b.putLabel("version", v))
        .use(Arbitraries.of("zone-a", "zone-b")).withProbability(0.5).in((b, v) -> b.zone(v))
        .build(ImmutableEndpoint.Builder::build);
  }

  public Arbitrary<Subset> subsets(String name, ServiceProtocol protocol, ModelContext ctx) {
    return Builders.withBuilder(() -> Subset.builder().name(name).putLabel("version", name))
        .use(trafficPolicies(protocol, ctx)).withProbability(has(Feature.TRAFFIC_POLICIES) ? 0.2 : 0).in((b, v) -> b.trafficPolicy(v))
        .build(ImmutableSubset.Builder::build);
  }

  public static Arbitrary<HashOn> hashOns() {
    return Arbitraries.oneOf(
        Arbitraries.of("x-user", "x-session").map(HashOn::header),
        Combinators.combine(Arbitraries.of("session", "sid"), durations().optional(0.5), Arbitraries.of("/", "/shop").optional(0.5))
            .as((n, ttl, p) -> HashOn.builder().cookie(ImmutableCookie.builder().name(n).ttl(ttl).path(p).build()).build()),
        Arbitraries.just(HashOn.builder().sourceIp(true).build()),
        Arbitraries.of("user", "q").map(q -> HashOn.builder().queryParam(q).build()));
  }

  public static Arbitrary<LoadBalancer> loadBalancers() {
    Arbitrary<Optional<io.hango.model.service.LoadBalancer.SlowStart>> slow = Combinators.combine(durations(), Arbitraries.of(1.0, 0.5, 3.0))
        .as((w, a) -> (io.hango.model.service.LoadBalancer.SlowStart) ImmutableSlowStart.builder().window(w).aggression(a).build()).optional(0.3);
    Arbitrary<Boolean> lw = Arbitraries.of(false, true);
    return Arbitraries.oneOf(
        Combinators.combine(slow, lw).as((s, l) -> ImmutableRoundRobin.builder().slowStart(s).localityWeighted(l).build()),
        lw.map(l -> ImmutableRandom.builder().localityWeighted(l).build()),
        Combinators.combine(slow, lw, Arbitraries.of(2, 5)).as((s, l, c) -> ImmutableLeastRequest.builder().slowStart(s).localityWeighted(l).choiceCount(c).build()),
        Combinators.combine(hashOns(), Arbitraries.of(LoadBalancer.ConsistentHash.Algorithm.values()), Arbitraries.of(1, 1024, 8388608).optional(0.5))
            .as((h, alg, ring) -> ImmutableConsistentHash.builder().hashOn(h).algorithm(alg)
                .minimumRingSize(alg == LoadBalancer.ConsistentHash.Algorithm.RING_HASH ? ring : Optional.empty()).build()));
  }

  public static Arbitrary<ConnectionPool> connectionPools() {
    Arbitrary<Optional<Integer>> limit = Arbitraries.of(1, 100, 1024).optional(0.5);
    Arbitrary<ConnectionPool.Tcp> tcp = Combinators.combine(limit, durations().optional(0.5),
            Combinators.combine(wholeSeconds().optional(0.5), wholeSeconds().optional(0.5), Arbitraries.of(1, 3, 9).optional(0.5))
                .as((t, i, p) -> (ConnectionPool.Keepalive) ImmutableKeepalive.builder().time(t).interval(i).probes(p).build()).optional(0.4))
        .as((m, c, k) -> ImmutableTcp.builder().maxConnections(m).connectTimeout(c).keepalive(k).build());
    Arbitrary<ConnectionPool.Http> http = Combinators.combine(limit, limit, limit, Arbitraries.of(0, 3).optional(0.5), durations().optional(0.5))
        .as((p, r, rpc, retries, idle) -> ImmutableHttp.builder().maxPendingRequests(p).maxRequests(r)
            .maxRequestsPerConnection(rpc).maxRetries(retries).idleTimeout(idle).build());
    return Combinators.combine(tcp.optional(0.7), http.optional(0.7))
        .as((t, h) -> ConnectionPool.builder().tcp(t).http(h).build());
  }

  public static Arbitrary<ActiveHealthCheck> activeHealthChecks(ServiceProtocol protocol) {
    List<Arbitrary<ImmutableActiveHealthCheck.Builder>> probes = new ArrayList<>(List.of(
        Combinators.combine(Arbitraries.of("/", "/healthz").optional(0.7), Arbitraries.of("orders.internal").optional(0.5),
                Arbitraries.of(200, 204, 100, 599).list().uniqueElements().ofMaxSize(2))
            .as((p, h, s) -> {
              ImmutableHttpProbe.Builder b = ImmutableHttpProbe.builder().host(h).expectedStatuses(s);
              p.ifPresent(b::path);
              return ActiveHealthCheck.builder().http(b.build());
            }),
        Arbitraries.just(ActiveHealthCheck.builder().tcp(ImmutableTcpProbe.builder().build()))));
    if (protocol.usesHttp2()) {
      probes.add(Combinators.combine(Arbitraries.of("orders.v1.Orders").optional(0.5), Arbitraries.of("orders.internal").optional(0.5))
          .as((s, a) -> ActiveHealthCheck.builder().grpc(ImmutableGrpcProbe.builder().serviceName(s).authority(a).build())));
    }
    return Arbitraries.oneOf(probes).flatMap(start -> Builders.withBuilder(() -> start)
        .use(durations()).withProbability(0.5).in((b, v) -> b.interval(v))
        .use(durations()).withProbability(0.5).in((b, v) -> b.timeout(v))
        .use(Arbitraries.of(1, 2, 5)).withProbability(0.5).in((b, v) -> b.healthyThreshold(v))
        .use(Arbitraries.of(1, 3, 10)).withProbability(0.5).in((b, v) -> b.unhealthyThreshold(v))
        .build(ImmutableActiveHealthCheck.Builder::build));
  }

  public static Arbitrary<PassiveHealthCheck> passiveHealthChecks() {
    Arbitrary<Optional<PassiveHealthCheck.FailurePercentage>> fp = Combinators.combine(Arbitraries.of(0, 85, 100), Arbitraries.of(1, 5), Arbitraries.of(1, 50))
        .as((t, h, v) -> (PassiveHealthCheck.FailurePercentage) ImmutableFailurePercentage.builder().threshold(t).minimumHosts(h).requestVolume(v).build())
        .optional(0.4);
    return Combinators.combine(Arbitraries.of(1, 5).optional(0.6), Arbitraries.of(1, 3).optional(0.4), fp,
            durations().optional(0.4), durations().optional(0.4), Arbitraries.of(0, 10, 100).optional(0.4), Arbitraries.of(0, 50, 100).optional(0.4))
        .as((c5, gw, f, interval, base, maxEj, minHealth) -> PassiveHealthCheck.builder()
            .consecutive5xx(c5.isEmpty() && gw.isEmpty() && f.isEmpty() ? Optional.of(5) : c5)
            .consecutiveGatewayErrors(gw).failurePercentage(f).interval(interval).baseEjectionTime(base)
            .maxEjectionPercent(maxEj).minHealthPercent(minHealth).build());
  }

  public static Arbitrary<UpstreamTls> upstreamTls(ModelContext ctx) {
    return Combinators.combine(Arbitraries.of(UpstreamTls.Mode.values()), Arbitraries.of(ctx.certificateSecrets()),
            Arbitraries.of(ctx.caSecrets()).optional(0.5), Arbitraries.of("orders.internal").optional(0.5),
            Arbitraries.of("orders.internal", "spiffe.example.com").list().uniqueElements().ofMaxSize(2),
            Arbitraries.of("h2", "http/1.1").list().uniqueElements().ofMaxSize(2))
        .as((mode, cert, ca, sni, sans, alpn) -> UpstreamTls.builder().mode(mode)
            .clientCertificate(mode == UpstreamTls.Mode.MUTUAL ? Optional.of(cert) : Optional.empty())
            .caCertificate(ca).sni(sni).subjectAltNames(ca.isPresent() ? sans : List.of()).alpn(alpn).build());
  }

  public Arbitrary<TrafficPolicy> trafficPolicies(ServiceProtocol protocol, ModelContext ctx) {
    Arbitrary<Optional<HealthCheck>> hc = Combinators.combine(activeHealthChecks(protocol).optional(0.5), passiveHealthChecks().optional(0.5))
        .as((a, p) -> (HealthCheck) HealthCheck.builder().active(a).passive(p).build()).optional(0.5);
    return Combinators.combine(loadBalancers().optional(0.6), connectionPools().optional(0.4), hc, upstreamTls(ctx).optional(0.3))
        .as((lb, cp, h, tls) -> TrafficPolicy.builder().loadBalancer(lb).connectionPool(cp).healthCheck(h).tls(tls).build());
  }

  public Arbitrary<Service> services(String name, ModelContext ctx) {
    double policies = has(Feature.TRAFFIC_POLICIES) ? 0.5 : 0;
    boolean registry = has(Feature.REGISTRIES) && !ctx.registries().isEmpty();
    return Arbitraries.of(ServiceProtocol.HTTP, ServiceProtocol.HTTP, ServiceProtocol.HTTP2, ServiceProtocol.GRPC, ServiceProtocol.DUBBO)
        .flatMap(protocol -> {
          Arbitrary<io.hango.model.service.ImmutableServiceSpec.Builder> discovery = Arbitraries.integers().between(0, 1000).flatMap(base ->
              Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(
                      java.util.stream.IntStream.range(0, n).mapToObj(i -> endpoints(base * 3 + i)).toList())
                  .as(es -> ServiceSpec.builder().endpoints(es))));
          if (registry) {
            Arbitrary<io.hango.model.service.ImmutableServiceSpec.Builder> fromRegistry = Combinators.combine(Arbitraries.of(ctx.registries()),
                    Arbitraries.of("orders-svc", name), Arbitraries.of("DEFAULT_GROUP").optional(0.3), Arbitraries.of("prod").optional(0.3),
                    Arbitraries.of(8080).optional(0.3))
                .as((r, sn, g, ns, port) -> ServiceSpec.builder().discovery(RegistryDiscovery.builder()
                    .registry(r).serviceName(sn).group(g).namespace(ns).port(port).build()));
            discovery = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, discovery), net.jqwik.api.Tuple.of(1, fromRegistry));
          }
          return Combinators.combine(discovery, distinct(SUBSET_NAMES, 0, 2), trafficPolicies(protocol, ctx).optional(policies))
              .flatAs((spec, subsetNames, tp) -> Combinators.combine(
                      subsetNames.stream().map(s -> subsets(s, protocol, ctx)).toList())
                  .as(subs -> Service.of(name, spec.protocol(protocol).subsets(subs).trafficPolicy(tp).build())));
        });
  }
}
