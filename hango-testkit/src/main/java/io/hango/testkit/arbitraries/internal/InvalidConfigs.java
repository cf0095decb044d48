package io.hango.testkit.arbitraries.internal;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.Listener;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.plugin.Plugin;
import io.hango.model.plugin.PluginSpec;
import io.hango.model.registry.ImmutableEureka;
import io.hango.model.registry.Registry;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.ImmutableRouteSpec;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.RouteSpec;
import io.hango.model.secret.PemSource;
import io.hango.model.secret.Secret;
import io.hango.model.secret.SecretSpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.ImmutableLeastRequest;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import io.hango.testkit.arbitraries.Defective;
import io.hango.testkit.arbitraries.Feature;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Configs with exactly one defect: a valid generated config plus one document that breaks one
 * rule, with the problem the validator must report. Internal: use {@code HangoArbitraries.invalidConfigs()}.
 */
public final class InvalidConfigs {

  private record Kind(String resource, String path, String fragment, Function<GatewayConfig, Resource> document) {}

  private InvalidConfigs() {}

  public static Arbitrary<Defective> invalidConfigs() {
    Arbitrary<GatewayConfig> valid = new ModelGenerators(EnumSet.allOf(Feature.class)).configs(1, 2, 1, 1, 2, 0, 3);
    return Combinators.combine(valid, Arbitraries.of(kinds())).as((config, kind) -> {
      List<Resource> docs = new ArrayList<>(config.resources());
      docs.add(kind.document().apply(config));
      return new Defective(GatewayConfig.of(docs), kind.resource(), kind.path(), kind.fragment());
    });
  }

  private static String gateway(GatewayConfig c) {
    return c.gateways().get(0).name();
  }

  private static String service(GatewayConfig c) {
    return c.services().get(0).name();
  }

  private static ImmutableRouteSpec.Builder route(GatewayConfig c) {
    return RouteSpec.builder().gateway(gateway(c)).forward(Forward.to(service(c)));
  }

  private static Route route(GatewayConfig c, Function<ImmutableRouteSpec.Builder, ImmutableRouteSpec.Builder> change) {
    return Route.of("defective", change.apply(route(c)).build());
  }

  private static Service service(Function<io.hango.model.service.ImmutableServiceSpec.Builder, io.hango.model.service.ImmutableServiceSpec.Builder> change) {
    return Service.of("defective-svc", change.apply(ServiceSpec.builder().addEndpoint(Endpoint.of("10.9.9.9", 80))).build());
  }

  private static List<Kind> kinds() {
    String r = "Route/defective";
    String s = "Service/defective-svc";
    return List.of(
        new Kind(r, "spec.match.headers[0].regex", "invalid RE2 regular expression",
            c -> route(c, b -> b.match(RouteMatch.builder().addHeader(HeaderMatch.builder().name("x-a").regex("(unclosed").build()).build()))),
        new Kind(r, "spec.match.path.regex", "invalid RE2 regular expression",
            c -> route(c, b -> b.match(RouteMatch.builder().path(PathMatch.regex("/orders/(?<=x)")).build()))),
        new Kind(r, "spec.match.headers[0].name", "must be lower case",
            c -> route(c, b -> b.match(RouteMatch.builder().addHeader(HeaderMatch.exact("X-Beta", "1")).build()))),
        new Kind(r, "spec.match.headers[0].ignoreCase", "ignoreCase applies to exact, prefix, suffix and contains only",
            c -> route(c, b -> b.match(RouteMatch.builder().addHeader(HeaderMatch.builder().name("x-a").regex("a.*").ignoreCase(true).build()).build()))),
        new Kind(r, "spec.match.path.exact", "a path must start with '/'",
            c -> route(c, b -> b.match(RouteMatch.builder().path(PathMatch.exact("orders")).build()))),
        new Kind(r, "spec.match.methods[0]", "methods are written upper case",
            c -> route(c, b -> b.match(RouteMatch.builder().addMethod("get").build()))),
        new Kind(r, "spec.match.queryParams[0].present", "cannot match its absence",
            c -> route(c, b -> b.match(RouteMatch.builder().addQueryParam(QueryParamMatch.builder().name("debug").present(false).build()).build()))),
        new Kind(r, "spec.match.path.template", "'**' can only be the last segment",
            c -> route(c, b -> b.match(RouteMatch.builder().path(PathMatch.template("/a/**/b")).build()))),
        new Kind(r, "spec.gateway", "Gateway 'no-such-gateway' does not exist",
            c -> route(c, b -> b.gateway("no-such-gateway"))),
        new Kind(r, "spec.forward.destinations[0].service", "Service 'no-such-service' does not exist",
            c -> route(c, b -> b.forward(Forward.to("no-such-service")))),
        new Kind(r, "spec.forward.destinations[0].subset", "has no subset 'no-such-subset'",
            c -> route(c, b -> b.forward(Forward.builder().addDestination(Destination.builder().service(service(c)).subset("no-such-subset").build()).build()))),
        new Kind(r, "spec.forward.destinations[1].weight", "weight must be between 0 and 1000000",
            c -> route(c, b -> b.forward(Forward.builder().addDestination(Destination.of(service(c)))
                .addDestination(Destination.builder().service(service(c)).weight(1_000_001).build()).build()))),
        new Kind(r, "spec.forward.destinations", "cannot all be 0",
            c -> route(c, b -> b.forward(Forward.builder().addDestination(Destination.builder().service(service(c)).weight(0).build()).build()))),
        new Kind(r, "spec.forward.retry.attempts", "must be between 0 and 100",
            c -> route(c, b -> b.forward(Forward.builder().addDestination(Destination.of(service(c))).retry(Retry.builder().attempts(101).build()).build()))),
        new Kind(r, "spec.forward.retry.retryOn[0]", "is not a retry condition",
            c -> route(c, b -> b.forward(Forward.builder().addDestination(Destination.of(service(c))).retry(Retry.builder().addRetryOn("5xxx").build()).build()))),
        new Kind(r, "spec.forward.timeout", "cannot be negative",
            c -> route(c, b -> b.forward(Forward.builder().addDestination(Destination.of(service(c))).timeout(java.time.Duration.ofSeconds(-1)).build()))),
        new Kind(r, "spec.redirect.code", "a redirect code is 301, 302, 303, 307 or 308",
            c -> route(c, b -> b.forward(java.util.Optional.empty()).redirect(Redirect.builder().code(300).build()))),
        new Kind(r, "spec.directResponse.status", "status must be between 200 and 599",
            c -> route(c, b -> b.forward(java.util.Optional.empty()).directResponse(DirectResponse.builder().status(100).build()))),
        new Kind(r, "spec", "a route needs exactly one of forward, redirect, directResponse",
            c -> route(c, b -> b.directResponse(DirectResponse.builder().status(200).build()))),
        new Kind(s, "spec.endpoints[0].weight", "weight must be between 1 and 128",
            c -> service(b -> b.endpoints(List.of(Endpoint.builder().address("10.9.9.9").port(80).weight(0).build())))),
        new Kind(s, "spec.endpoints[0].port", "port must be between 1 and 65535",
            c -> service(b -> b.endpoints(List.of(Endpoint.of("10.9.9.9", 70000))))),
        new Kind(s, "spec.subsets[0].labels", "at least one label",
            c -> service(b -> b.addSubset(Subset.builder().name("v1").build()))),
        new Kind(s, "spec.trafficPolicy.loadBalancer.choiceCount", "must be at least 2",
            c -> service(b -> b.trafficPolicy(TrafficPolicy.builder().loadBalancer(ImmutableLeastRequest.builder().choiceCount(1).build()).build()))),
        new Kind(s, "spec.discovery.registry", "Registry 'no-such-registry' does not exist",
            c -> service(b -> b.endpoints(List.of()).discovery(io.hango.model.service.RegistryDiscovery.builder().registry("no-such-registry").serviceName("x").build()))),
        new Kind("Gateway/defective-gw", "spec.listeners[0].port", "port must be between 1 and 65535",
            c -> Gateway.of("defective-gw", GatewaySpec.builder().addListener(Listener.builder().name("http").port(0).build()).build())),
        new Kind("Gateway/defective-gw", "spec.listeners[0].tls", "an HTTPS listener needs tls",
            c -> Gateway.of("defective-gw", GatewaySpec.builder().addListener(Listener.builder().name("https").port(443).protocol(ListenerProtocol.HTTPS).build()).build())),
        new Kind("Gateway/defective-gw", "spec.listeners[1].name", "duplicate listener name 'http'",
            c -> Gateway.of("defective-gw", GatewaySpec.builder().addListener(Listener.builder().name("http").port(80).build())
                .addListener(Listener.builder().name("http").port(81).build()).build())),
        new Kind("Gateway/defective-gw", "spec.listeners", "a gateway needs at least one listener",
            c -> Gateway.of("defective-gw", GatewaySpec.builder().build())),
        new Kind("Secret/defective-secret", "spec.privateKey", "a certificate needs its privateKey",
            c -> Secret.of("defective-secret", SecretSpec.builder().certificate(PemSource.ofFile("/etc/tls.crt")).build())),
        new Kind("Registry/defective-registry", "spec.serviceUrls", "a eureka registry needs at least one service URL",
            c -> Registry.of("defective-registry", ImmutableEureka.builder().build())),
        new Kind("Plugin/defective-plugin", "spec.targets", "a plugin needs at least one target",
            c -> Plugin.of("defective-plugin", PluginSpec.builder().type("cors").build())));
  }
}
