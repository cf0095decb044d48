package io.hango.registry.nacos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Registers, changes and removes persistent ({@code ephemeral=false}) instances on a Nacos 3.1
 * server over its HTTP APIs, as an application's own agent would: the v1 open API registers
 * ({@code POST /v1/ns/instance}, also to change health, as a re-registration) and deregisters;
 * the v3 admin API changes weight, metadata and {@code enabled} (v1's {@code PUT} answers 410 on
 * Nacos 3), creates namespaces and services, turns a cluster's health check off and lists a
 * service's subscribers. Services are created with health checks off ({@code NONE}), so that an
 * instance's health is what the test registers (else the server's TCP checks decide, and their
 * outcome depends on the machine's network).
 */
final class NacosOpenApi {

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  NacosOpenApi(URI base) {
    this.base = base;
  }

  /** One instance to register. */
  record Reg(String namespace, String group, String service, String cluster, String ip, int port,
      double weight, boolean healthy, boolean enabled, Map<String, String> metadata) {

    static Reg of(String service, String ip, int port) {
      return new Reg("public", "DEFAULT_GROUP", service, "DEFAULT", ip, port, 1.0, true, true, Map.of());
    }

    Reg in(String namespace, String group) {
      return new Reg(namespace, group, service, cluster, ip, port, weight, healthy, enabled, metadata);
    }

    Reg cluster(String c) {
      return new Reg(namespace, group, service, c, ip, port, weight, healthy, enabled, metadata);
    }

    Reg weight(double w) {
      return new Reg(namespace, group, service, cluster, ip, port, w, healthy, enabled, metadata);
    }

    Reg healthy(boolean h) {
      return new Reg(namespace, group, service, cluster, ip, port, weight, h, enabled, metadata);
    }

    Reg enabled(boolean e) {
      return new Reg(namespace, group, service, cluster, ip, port, weight, healthy, e, metadata);
    }

    Reg metadata(Map<String, String> m) {
      return new Reg(namespace, group, service, cluster, ip, port, weight, healthy, enabled, m);
    }
  }

  /** Creates a namespace. */
  void createNamespace(String id) {
    call("POST", "/v3/admin/core/namespace", Map.of("namespaceId", id, "namespaceName", id));
  }

  /** Creates a persistent service whose clusters have health checks off. */
  void createService(String namespace, String group, String service, String... clusters) {
    call("POST", "/v3/admin/ns/service", Map.of("namespaceId", namespace, "groupName", group, "serviceName", service,
        "ephemeral", "false", "protectThreshold", "0"));
    for (String c : clusters) {
      call("PUT", "/v3/admin/ns/cluster", Map.of("namespaceId", namespace, "groupName", group, "serviceName", service,
          "clusterName", c, "checkPort", "80", "useInstancePort4Check", "true", "healthChecker", "{\"type\":\"NONE\"}"));
    }
  }

  /** Registers (or registers again, replacing) a persistent instance with the v1 open API. */
  void register(Reg r) {
    call("POST", "/v1/ns/instance", params(r));
  }

  /** Changes weight, metadata, health and {@code enabled} of a persistent instance with the v3 admin API. */
  void update(Reg r) {
    call("PUT", "/v3/admin/ns/instance", params(r));
  }

  /** Deregisters a persistent instance with the v1 open API. */
  void deregister(Reg r) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("namespaceId", r.namespace());
    p.put("groupName", r.group());
    p.put("serviceName", r.service());
    p.put("clusterName", r.cluster());
    p.put("ip", r.ip());
    p.put("port", Integer.toString(r.port()));
    p.put("ephemeral", "false");
    call("DELETE", "/v1/ns/instance", p);
  }

  /** The JSON answer listing the subscribers of a service. */
  String subscribers(String namespace, String group, String service) {
    return call("GET", "/v3/admin/ns/service/subscribers", Map.of("namespaceId", namespace, "groupName", group,
        "serviceName", service));
  }

  private static Map<String, String> params(Reg r) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("namespaceId", r.namespace());
    p.put("groupName", r.group());
    p.put("serviceName", r.service());
    p.put("clusterName", r.cluster());
    p.put("ip", r.ip());
    p.put("port", Integer.toString(r.port()));
    p.put("weight", Double.toString(r.weight()));
    p.put("healthy", Boolean.toString(r.healthy()));
    p.put("enabled", Boolean.toString(r.enabled()));
    p.put("ephemeral", "false");
    p.put("metadata", r.metadata().entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
        .collect(Collectors.joining(",", "{", "}")));
    return p;
  }

  private String call(String method, String path, Map<String, String> params) {
    String query = params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + "?" + query))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      if (response.statusCode() != 200 || !(body.equals("ok") || body.contains("\"code\":0"))) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + body);
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
