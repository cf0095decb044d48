package io.hango.model.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.Metadata;
import io.hango.model.Resource;
import io.hango.model.gateway.AccessLog;
import io.hango.model.gateway.ClientIp;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.Listener;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.gateway.ListenerTls;
import io.hango.model.plugin.Plugin;
import io.hango.model.plugin.PluginSpec;
import io.hango.model.plugin.PluginTarget;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.PathMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.RouteSpec;
import io.hango.model.secret.PemSource;
import io.hango.model.secret.Secret;
import io.hango.model.secret.SecretSpec;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.Endpoint;
import io.hango.model.service.HashOn;
import io.hango.model.service.HealthCheck;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceProtocol;
import io.hango.model.service.ServiceSpec;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One model object per kind and polymorphic variant, for the serialization table. */
final class SerializationCases {

  private SerializationCases() {}

  static Map<String, Resource> all() {
    Map<String, Resource> m = new LinkedHashMap<>();
    m.put("gateway", Gateway.of("edge", GatewaySpec.builder()
        .addListener(Listener.builder().name("http").port(8080).addHost("api.example.com").build())
        .addListener(Listener.builder().name("https").port(8443).protocol(ListenerProtocol.HTTPS)
            .tls(ListenerTls.builder().certificate("secure-cert").build()).build())
        .clientIp(ClientIp.builder().xffTrustedHops(1).build())
        .accessLog(AccessLog.builder().format(AccessLog.Format.JSON).putField("status", "%RESPONSE_CODE%").build())
        .build()));
    m.put("route-forward", Route.of("orders", RouteSpec.builder()
        .gateway("edge").addHost("api.example.com").priority(100)
        .match(RouteMatch.builder().path(PathMatch.prefix("/orders")).addMethod("GET")
            .addHeader(HeaderMatch.exact("x-beta", "true")).build())
        .forward(Forward.builder()
            .addDestination(Destination.builder().service("orders").subset("v1").weight(90).build())
            .addDestination(Destination.builder().service("orders").subset("v2").weight(10).build())
            .timeout(Duration.ofMillis(1500))
            .retry(Retry.builder().attempts(3).perTryTimeout(Duration.ofSeconds(90)).addRetryOn("5xx").build())
            .build())
        .build()));
    m.put("route-redirect", Route.of("moved", RouteSpec.builder().gateway("edge")
        .match(RouteMatch.builder().path(PathMatch.exact("/old")).build())
        .redirect(Redirect.builder().scheme("https").path("/new").code(308).build()).build()));
    m.put("route-direct-response", Route.of("down", RouteSpec.builder().gateway("edge")
        .directResponse(DirectResponse.of(503, "maintenance")).build()));
    m.put("service-static-consistent-hash", Service.of("orders", ServiceSpec.builder()
        .addEndpoint(Endpoint.builder().address("10.0.0.11").port(8080).putLabel("version", "v1").build())
        .addSubset(Subset.builder().name("v1").putLabel("version", "v1").build())
        .trafficPolicy(TrafficPolicy.builder()
            .loadBalancer(LoadBalancer.ConsistentHash.builder().hashOn(HashOn.header("x-user-id")).build())
            .healthCheck(HealthCheck.builder().active(ActiveHealthCheck.builder()
                .http(ActiveHealthCheck.HttpProbe.builder().path("/healthz").build())
                .interval(Duration.ofSeconds(5)).build()).build())
            .build())
        .build()));
    m.put("service-registry-least-request", Service.of("inventory", ServiceSpec.builder()
        .protocol(ServiceProtocol.GRPC)
        .discovery(RegistryDiscovery.builder().registry("nacos").serviceName("inventory-svc").build())
        .trafficPolicy(TrafficPolicy.builder().loadBalancer(LoadBalancer.LeastRequest.builder()
            .slowStart(LoadBalancer.SlowStart.builder().window(Duration.ofSeconds(30)).build()).build()).build())
        .build()));
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.putArray("rules").addObject().putObject("limit").put("requests", 100).put("per", "second");
    m.put("plugin", Plugin.of("orders-limit", PluginSpec.builder().type("local-rate-limit")
        .addTarget(PluginTarget.of(PluginTarget.Kind.ROUTE, "orders")).config(config).build()));
    m.put("registry-nacos", Registry.of("nacos", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848")
        .namespace("prod").refreshInterval(Duration.ofMinutes(1)).onEmpty(RegistrySpec.OnEmpty.KEEP_LAST).build()));
    m.put("registry-static", Registry.of("demo", RegistrySpec.Static.builder()
        .putService("inventory-svc", java.util.List.of(Endpoint.of("10.0.3.11", 8080))).onEmpty(RegistrySpec.OnEmpty.KEEP_LAST).build()));
    com.fasterxml.jackson.databind.node.ObjectNode settings = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    settings.put("address", "127.0.0.1:8500");
    settings.putObject("tls").put("enabled", true);
    m.put("registry-custom", Registry.of("consul", RegistrySpec.Custom.builder().typeName("consul")
        .emptyGracePeriod(Duration.ofSeconds(30)).settings(settings).build()));
    m.put("secret", Secret.builder().metadata(Metadata.builder().name("secure-cert").putLabel("env", "test").build())
        .spec(SecretSpec.builder().certificate(PemSource.ofPem("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
            .privateKey(PemSource.ofFile("/etc/tls/tls.key")).build())
        .build());
    return m;
  }
}
