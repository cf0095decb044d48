package io.hango.registry.zookeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hango.registry.Instance;
import io.hango.registry.ServiceRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.common.PathUtils;

/**
 * Curator's service discovery layout, used by Dubbo 3's application-level discovery and Spring
 * Cloud Zookeeper: {@code <root>/<name>/<id>}, each node holding Curator's {@code ServiceInstance}
 * JSON ({@code name}, {@code id}, {@code address}, {@code port}, {@code sslPort}, {@code payload},
 * {@code enabled}, ...). The JSON is read as a tree, so any payload class will do; the entries of
 * {@code payload.metadata} become labels, and its {@code weight} the weight (default 100).
 * {@code enabled: false} makes an instance {@link Instance.Status#DISABLED}; so does Spring Cloud
 * Zookeeper's {@code instance_status: OUT_OF_SERVICE} (any other status but {@code UP} is
 * {@link Instance.Status#DOWN}). The port is {@code port}, else {@code sslPort}. A node whose data
 * is not such JSON is reported {@link Instance.Status#DOWN}. The reference's group and version are
 * not used. Internal.
 */
final class CuratorLayout implements Layout {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;

  CuratorLayout(String root) {
    this.root = root;
  }

  @Override
  public String servicePath(ServiceRef ref) {
    if (ref.name().isBlank() || ref.name().contains("/")) {
      throw new IllegalArgumentException("'" + ref.name() + "' cannot be a Curator service name: it is empty or has a '/'");
    }
    String path = ZKPaths.makePath(root, ref.name());
    PathUtils.validatePath(path);
    return path;
  }

  @Override
  public boolean readsData() {
    return true;
  }

  @Override
  public List<Instance> instances(ServiceRef ref, Map<String, byte[]> children) {
    List<Instance> out = new ArrayList<>();
    children.forEach((node, data) -> out.add(instance(node, data)));
    return out;
  }

  private static Instance instance(String node, byte[] data) {
    JsonNode json;
    try {
      json = data == null || data.length == 0 ? null : JSON.readTree(data);
    } catch (IOException e) {
      return invalid(node, "is not JSON");
    }
    if (json == null || !json.isObject()) {
      return invalid(node, "holds no JSON object");
    }
    Map<String, String> labels = new TreeMap<>();
    json.path("payload").path("metadata").properties().forEach(e -> {
      if (!e.getValue().isNull()) {
        labels.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
      }
    });
    Instance.Status status = Instance.Status.UP;
    String detail = "curator enabled=true";
    String springStatus = labels.get("instance_status");
    if (json.path("enabled").isBoolean() && !json.path("enabled").booleanValue()) {
      status = Instance.Status.DISABLED;
      detail = "curator enabled=false";
    } else if (springStatus != null && !springStatus.equalsIgnoreCase("UP")) {
      status = springStatus.toUpperCase(Locale.ROOT).equals("OUT_OF_SERVICE") ? Instance.Status.DISABLED : Instance.Status.DOWN;
      detail = "instance_status=" + springStatus;
    }
    JsonNode port = json.path("port").isNull() || json.path("port").isMissingNode() ? json.path("sslPort") : json.path("port");
    return new Instance(
        json.path("id").isTextual() ? json.path("id").asText() : node,
        json.path("address").isTextual() ? json.path("address").asText() : "",
        port.asInt(0),
        Weights.parse(labels.get("weight")),
        status,
        detail,
        Locality.region(labels),
        Locality.zone(labels),
        labels);
  }

  private static Instance invalid(String node, String problem) {
    return new Instance(node, "", 0, 0, Instance.Status.DOWN, "curator instance node " + problem,
        Optional.empty(), Optional.empty(), Map.of());
  }
}
