package io.hango.registry.eureka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hango.registry.eureka.internal.EurekaInstance.Action;
import io.hango.registry.eureka.internal.EurekaInstance.Port;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads Eureka's JSON ({@code Accept: application/json}) of {@code /apps} and {@code /apps/delta}:
 * {@code {"applications": {"apps__hashcode": "UP_2_", "application": [{"name": "ORDERS",
 * "instance": [...]}]}}}. Tolerant of what Eureka versions and codecs differ in: {@code application}
 * and {@code instance} as an array or a single object, ports as {@code {"$": 8080, "@enabled":
 * "true"}} or a bare number, {@code overriddenStatus} or {@code overriddenstatus}. Thread-safe.
 * Internal.
 */
public final class EurekaJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EurekaJson() {}

  /**
   * Parses a body of {@code /apps} or {@code /apps/delta}.
   *
   * @throws IOException when the body is not JSON or not Eureka's applications document
   */
  public static Applications parse(byte[] body) throws IOException {
    JsonNode root = MAPPER.readTree(body);
    if (root == null || !root.isObject()) {
      throw new IOException("not a JSON object");
    }
    JsonNode apps = root.has("applications") ? root.get("applications") : root;
    if (!apps.isObject() || !(apps.has("application") || apps.has("apps__hashcode"))) {
      throw new IOException("not Eureka's applications document (no 'applications.application')");
    }
    List<EurekaInstance> instances = new ArrayList<>();
    for (JsonNode app : elements(apps.get("application"))) {
      String name = text(app, "name");
      for (JsonNode instance : elements(app.get("instance"))) {
        instances.add(instance(name, instance));
      }
    }
    return new Applications(text(apps, "apps__hashcode"), instances);
  }

  /** The elements of an array, or the node itself when it is a single object, or none. */
  private static List<JsonNode> elements(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(out::add);
    } else if (node.isObject()) {
      out.add(node);
    }
    return out;
  }

  private static EurekaInstance instance(String appName, JsonNode n) throws IOException {
    String app = (appName.isEmpty() ? text(n, "app") : appName).toUpperCase(Locale.ROOT);
    String hostName = text(n, "hostName");
    String id = text(n, "instanceId").isEmpty() ? hostName : text(n, "instanceId");
    if (app.isEmpty() || id.isEmpty()) {
      throw new IOException("an instance without application name or id (instanceId, hostName)");
    }
    String overridden = text(n, n.has("overriddenStatus") ? "overriddenStatus" : "overriddenstatus");
    JsonNode dataCenter = n.path("dataCenterInfo");
    String dataCenterName = text(dataCenter, "name");
    Optional<String> availabilityZone = dataCenterName.equals("Amazon")
        ? Optional.of(text(dataCenter.path("metadata"), "availability-zone")).filter(z -> !z.isEmpty())
        : Optional.empty();
    String action = text(n, "actionType").toUpperCase(Locale.ROOT);
    return new EurekaInstance(
        app,
        id,
        hostName,
        text(n, "ipAddr"),
        text(n, "status").toUpperCase(Locale.ROOT),
        overridden.isEmpty() ? "UNKNOWN" : overridden.toUpperCase(Locale.ROOT),
        port(n.get("port"), true),
        port(n.get("securePort"), false),
        metadata(n.get("metadata")),
        dataCenterName,
        availabilityZone,
        action.equals("DELETED") ? Action.DELETED : action.equals("MODIFIED") ? Action.MODIFIED : Action.ADDED);
  }

  /** {@code {"$": 8080, "@enabled": "true"}}, or a bare number (then enabled as Eureka's default says). */
  private static Port port(JsonNode node, boolean enabledByDefault) {
    if (node == null || node.isNull()) {
      return new Port(0, false);
    }
    if (node.isValueNode()) {
      return new Port(node.asInt(0), enabledByDefault);
    }
    JsonNode enabled = node.get("@enabled");
    return new Port(
        node.path("$").asInt(0),
        enabled == null ? enabledByDefault : enabled.asText().equalsIgnoreCase("true"));
  }

  private static Map<String, String> metadata(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getKey().equals("@class") && !e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
      }
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? "" : v.asText();
  }
}
