package io.hango.testkit.arbitraries;

import io.hango.model.GatewayConfig;
import io.hango.model.Metadata;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Mirror;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.secret.Secret;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.ConnectionPool;
import io.hango.model.service.Endpoint;
import io.hango.model.service.HashOn;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.PassiveHealthCheck;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceProtocol;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import io.hango.testkit.arbitraries.internal.InvalidConfigs;
import io.hango.testkit.arbitraries.internal.ModelContext;
import io.hango.testkit.arbitraries.internal.ModelGenerators;
import io.hango.testkit.arbitraries.internal.RequestGenerator;
import java.util.EnumSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik arbitraries for the whole Hango model, valid by construction, and for requests aimed at a
 * config. The same arbitraries back the {@code ArbitraryProvider}s registered by this module, so
 * {@code @ForAll Route route} works without a {@code @Provide} method.
 *
 * <p>Standalone values ({@link #routes()}, {@link #services()}, ...) refer to a fixed small world
 * (services {@code orders} with subsets v1/v2, {@code users}, {@code a.b} with subset canary;
 * gateway {@code edge}; secrets {@code tls-cert}, {@code tls-ca}, {@code tls-all}); only whole
 * configs from {@link #configs()} are guaranteed to validate, since only they carry what the values
 * refer to.
 *
 * <pre>{@code
 * @Property(tries = 1000)
 * void routesAgree(@ForAll("configs") GatewayConfig config) { ... }
 *
 * @Provide
 * Arbitrary<GatewayConfig> configs() {
 *   return HangoArbitraries.configs().routes(1, 5).services(1, 2).without(Feature.PLUGINS);
 * }
 * }</pre>
 */
public final class HangoArbitraries {
  private static final ModelGenerators ALL = new ModelGenerators(EnumSet.allOf(Feature.class));

  private HangoArbitraries() {}

  /** Whole valid configs, every feature on; narrow with the knobs of {@link ConfigArbitrary}. */
  public static ConfigArbitrary configs() {
    return new ConfigArbitrary();
  }

  /** Configs with exactly one known defect each, for validation tests. */
  public static Arbitrary<Defective> invalidConfigs() {
    return InvalidConfigs.invalidConfigs();
  }

  /**
   * Requests aimed at {@code config}: each names one gateway listener's route configuration, with
   * an authority from the config's hosts, a path derived from its path matches (or a near miss),
   * headers and query parameters present or absent, any method and random value.
   */
  public static Arbitrary<TargetedRequest> requestsFor(GatewayConfig config) {
    return RequestGenerator.requestsFor(config);
  }

  public static Arbitrary<Metadata> metadata() {
    return ModelGenerators.metadata();
  }

  public static Arbitrary<Listener> listeners() {
    return Arbitraries.of(8080, 443, 1, 65535).flatMap(port -> ALL.listeners("http", port, ModelContext.standalone()));
  }

  public static Arbitrary<Gateway> gateways() {
    return ModelGenerators.metadata().flatMap(m -> ALL.configs(1, 1, 1, 1, 3, 0, 0)
        .map(c -> Gateway.builder().metadata(m).spec(c.gateways().get(0).spec()).build()));
  }

  public static Arbitrary<PathMatch> pathMatches() {
    return ALL.pathMatches();
  }

  public static Arbitrary<HeaderMatch> headerMatches() {
    return ALL.headerMatches();
  }

  public static Arbitrary<QueryParamMatch> queryParamMatches() {
    return ALL.queryParamMatches();
  }

  public static Arbitrary<RouteMatch> routeMatches() {
    return ALL.routeMatches();
  }

  public static Arbitrary<Destination> destinations() {
    return ALL.destinations(ModelContext.standalone());
  }

  public static Arbitrary<Retry> retries() {
    return ModelGenerators.retries();
  }

  public static Arbitrary<Mirror> mirrors() {
    return ALL.mirrors(ModelContext.standalone());
  }

  /** Rewrites for a prefix path match (regex, prefix and host rewrites). */
  public static Arbitrary<Rewrite> rewrites() {
    return ModelGenerators.rewrites(PathMatch.prefix("/orders"));
  }

  /** Rewrites that fit {@code path} (template rewrites use its variables). */
  public static Arbitrary<Rewrite> rewrites(PathMatch path) {
    return ModelGenerators.rewrites(path);
  }

  public static Arbitrary<HeaderOperations> headerOperations() {
    return ModelGenerators.headerOperations(true);
  }

  public static Arbitrary<Forward> forwards() {
    return ALL.forwards(ModelContext.standalone(), PathMatch.prefix("/"));
  }

  public static Arbitrary<Redirect> redirects() {
    return ModelGenerators.redirects(PathMatch.prefix("/v1/"));
  }

  public static Arbitrary<DirectResponse> directResponses() {
    return ModelGenerators.directResponses();
  }

  public static Arbitrary<Route> routes() {
    return ALL.routes(ModelContext.standalone());
  }

  public static Arbitrary<Endpoint> endpoints() {
    return Arbitraries.integers().between(0, 1000).flatMap(ModelGenerators::endpoints);
  }

  public static Arbitrary<Subset> subsets() {
    return Arbitraries.of("v1", "v2", "canary").flatMap(n -> ModelGenerators.subsets(n, ALL, ServiceProtocol.HTTP, ModelContext.standalone()));
  }

  public static Arbitrary<LoadBalancer> loadBalancers() {
    return ModelGenerators.loadBalancers();
  }

  /** Load balancers of one kind, e.g. {@code loadBalancers(LoadBalancer.ConsistentHash.class)}. */
  public static <T extends LoadBalancer> Arbitrary<T> loadBalancers(Class<T> kind) {
    return ModelGenerators.loadBalancers().filter(kind::isInstance).map(kind::cast);
  }

  public static Arbitrary<HashOn> hashOns() {
    return ModelGenerators.hashOns();
  }

  public static Arbitrary<ConnectionPool> connectionPools() {
    return ModelGenerators.connectionPools();
  }

  public static Arbitrary<ActiveHealthCheck> activeHealthChecks() {
    return Arbitraries.of(ServiceProtocol.values()).flatMap(ModelGenerators::activeHealthChecks);
  }

  public static Arbitrary<PassiveHealthCheck> passiveHealthChecks() {
    return ModelGenerators.passiveHealthChecks();
  }

  public static Arbitrary<UpstreamTls> upstreamTls() {
    return ModelGenerators.upstreamTls(ModelContext.standalone());
  }

  public static Arbitrary<TrafficPolicy> trafficPolicies() {
    return ALL.trafficPolicies(ServiceProtocol.HTTP2, ModelContext.standalone());
  }

  public static Arbitrary<Service> services() {
    return ModelGenerators.metadata().flatMap(m -> ALL.services(m.name(), ModelContext.standalone()));
  }

  public static Arbitrary<Plugin> plugins() {
    return ModelGenerators.metadata().flatMap(m -> ALL.plugins(m.name(), ModelContext.standalone()));
  }

  public static Arbitrary<Registry> registries() {
    return ModelGenerators.metadata().flatMap(m -> ModelGenerators.registries(m.name()));
  }

  public static Arbitrary<Secret> secrets() {
    return ModelGenerators.secrets().flatMap(Arbitraries::of);
  }
}
