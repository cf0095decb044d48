package io.hango.bench;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.Listener;
import io.hango.model.route.Destination;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.RouteSpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.model.service.Subset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, realistic-looking gateway config for benchmarks: one gateway with two
 * listeners and about 100 hosts, {@code services} services (a third of them with v1/v2 subsets),
 * and {@code routes} routes mixing every path match kind, methods, header and query matchers,
 * single and weighted destinations, subsets and timeouts. The same arguments always give the same
 * config.
 */
public final class ConfigGenerator {

  /** Name of the generated gateway. */
  public static final String GATEWAY = "bench";

  private static final int PRIMARY_HOSTS = 90;
  private static final int SECONDARY_HOSTS = 10;

  private final int routes;
  private final int services;
  private final long seed;

  private ConfigGenerator(int routes, int services, long seed) {
    if (routes < 1 || services < 1) {
      throw new IllegalArgumentException("routes and services must be positive");
    }
    this.routes = routes;
    this.services = services;
    this.seed = seed;
  }

  /** A generator of {@code routes} routes over {@code services} services. */
  public static ConfigGenerator of(int routes, int services, long seed) {
    return new ConfigGenerator(routes, services, seed);
  }

  /** The config of the benchmark: 10,000 routes over 1,000 services, seed 42. */
  public static GatewayConfig tenThousandRoutes() {
    return of(10_000, 1_000, 42).generate();
  }

  /** Name of service {@code i}. */
  public static String serviceName(int i) {
    return String.format("svc-%04d", i);
  }

  /** Name of route {@code i}. */
  public static String routeName(int i) {
    return String.format("route-%05d", i);
  }

  /** The config. */
  public GatewayConfig generate() {
    Random random = new Random(seed);
    List<Resource> out = new ArrayList<>(routes + services + 1);
    out.add(gateway());
    for (int i = 0; i < services; i++) {
      out.add(service(i, random));
    }
    for (int i = 0; i < routes; i++) {
      out.add(route(i, random));
    }
    return GatewayConfig.of(out);
  }

  /**
   * The same config with one route's path changed and one service's endpoints replaced: the
   * update used by the xDS load harness. Both markers appear verbatim in the serialized Envoy
   * resources, so a client can tell the update arrived.
   */
  public GatewayConfig generateUpdated(String routeMarker, String endpointMarker) {
    List<Resource> out = new ArrayList<>(generate().resources());
    for (int i = 0; i < out.size(); i++) {
      Resource r = out.get(i);
      if (r instanceof Route route && route.name().equals(routeName(0))) {
        RouteSpec spec = route.spec();
        out.set(i, Route.of(route.name(), RouteSpec.builder().from(spec)
            .match(RouteMatch.builder().from(spec.match()).path(PathMatch.prefix("/" + routeMarker)).build())
            .build()));
      } else if (r instanceof Service service && service.name().equals(serviceName(0))) {
        out.set(i, Service.of(service.name(), ServiceSpec.builder().from(service.spec())
            .endpoints(List.of(
                Endpoint.builder().address(endpointMarker).port(8080).putLabel("version", "v1").build(),
                Endpoint.builder().address(endpointMarker).port(8081).putLabel("version", "v2").build()))
            .build()));
      }
    }
    return GatewayConfig.of(out);
  }

  private static String host(int i) {
    return i < PRIMARY_HOSTS
        ? String.format("app-%02d.bench.example.com", i)
        : String.format("*.tenant-%02d.bench.example.com", i - PRIMARY_HOSTS);
  }

  private static Gateway gateway() {
    var primary = Listener.builder().name("http").port(8080);
    for (int i = 0; i < PRIMARY_HOSTS; i++) {
      primary.addHost(host(i));
    }
    var secondary = Listener.builder().name("http-alt").port(8081);
    for (int i = PRIMARY_HOSTS; i < PRIMARY_HOSTS + SECONDARY_HOSTS; i++) {
      secondary.addHost(host(i));
    }
    return Gateway.of(GATEWAY, GatewaySpec.builder().addListeners(primary.build(), secondary.build()).build());
  }

  private static boolean hasSubsets(int service) {
    return service % 3 == 0;
  }

  private static Service service(int i, Random random) {
    var spec = ServiceSpec.builder();
    int endpoints = 2 + random.nextInt(3);
    for (int e = 0; e < endpoints; e++) {
      spec.addEndpoint(Endpoint.builder()
          .address(String.format("10.%d.%d.%d", 1 + i / 250, i % 250, 10 + e))
          .port(8080)
          .weight(1 + random.nextInt(3))
          .putLabel("version", e % 2 == 0 ? "v1" : "v2")
          .build());
    }
    if (hasSubsets(i)) {
      spec.addSubset(Subset.builder().name("v1").putLabel("version", "v1").build());
      spec.addSubset(Subset.builder().name("v2").putLabel("version", "v2").build());
    }
    return Service.of(serviceName(i), spec.build());
  }

  private Route route(int i, Random random) {
    int hostIndex = i % (PRIMARY_HOSTS + SECONDARY_HOSTS);
    var spec = RouteSpec.builder()
        .gateway(GATEWAY)
        .addHost(host(hostIndex))
        .priority(random.nextInt(10) == 0 ? 10 : 0)
        .match(match(i, random))
        .forward(forward(i, random));
    return Route.of(routeName(i), spec.build());
  }

  private static RouteMatch match(int i, Random random) {
    var match = RouteMatch.builder();
    int kind = random.nextInt(100);
    if (kind < 50) {
      match.path(PathMatch.prefix(String.format("/api/v%d/r%05d", 1 + random.nextInt(3), i)));
    } else if (kind < 70) {
      match.path(PathMatch.exact(String.format("/exact/r%05d/status", i)));
    } else if (kind < 85) {
      match.path(PathMatch.regex(String.format("^/items/r%05d/[0-9]+$", i)));
    } else if (kind < 95) {
      match.path(PathMatch.template(String.format("/orders/r%05d/{id}/lines/{line}", i)));
    } else {
      match.path(PathMatch.builder().prefix(String.format("/Legacy/R%05d", i)).ignoreCase(true).build());
    }
    if (random.nextInt(4) == 0) {
      match.addMethod(random.nextBoolean() ? "GET" : "POST");
    }
    int header = random.nextInt(10);
    if (header == 0) {
      match.addHeader(HeaderMatch.exact("x-tenant", "t" + random.nextInt(50)));
    } else if (header == 1) {
      match.addHeader(HeaderMatch.builder().name("x-canary").present(true).build());
    } else if (header == 2) {
      match.addHeader(HeaderMatch.builder().name("user-agent").prefix("Mozilla").invert(true).build());
    }
    if (random.nextInt(20) == 0) {
      match.addQueryParam(QueryParamMatch.builder().name("debug").exact("1").build());
    }
    return match.build();
  }

  private Forward forward(int i, Random random) {
    int service = i % services;
    var forward = Forward.builder();
    int kind = random.nextInt(100);
    if (kind < 60 || !hasSubsets(service) && kind < 80) {
      forward.addDestination(Destination.of(serviceName(service)));
    } else if (kind < 80) {
      int canary = 1 + random.nextInt(20);
      forward.addDestinations(
          Destination.builder().service(serviceName(service)).subset("v1").weight(100 - canary).build(),
          Destination.builder().service(serviceName(service)).subset("v2").weight(canary).build());
    } else {
      int other = (service + 1 + random.nextInt(services)) % services;
      int weight = 10 * (1 + random.nextInt(9));
      forward.addDestinations(
          Destination.builder().service(serviceName(service)).weight(weight).build(),
          Destination.builder().service(serviceName(other)).weight(100 - weight).build());
    }
    if (random.nextInt(3) == 0) {
      forward.timeout(Duration.ofSeconds(1 + random.nextInt(30)));
    }
    return forward.build();
  }
}
