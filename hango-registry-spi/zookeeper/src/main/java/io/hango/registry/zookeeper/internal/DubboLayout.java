package io.hango.registry.zookeeper.internal;

import io.hango.registry.Instance;
import io.hango.registry.ServiceRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.common.PathUtils;

/**
 * Dubbo's layout: {@code <root>/<interface>/providers/<URL-encoded provider URL>}, one ephemeral
 * node per provider, everything in the node's name. The service name is the interface; the
 * reference's {@code group} and {@code version} keep the providers whose URL has that
 * {@code group} / {@code version} ({@code *} or absent: any). Every URL parameter becomes a label;
 * {@code weight} is the weight; {@code disabled=true}, or {@code enabled=false} when
 * {@code disabled} is not set, makes a provider {@link Instance.Status#DISABLED}, as Dubbo's own
 * consumers read them. A node whose name is not a provider URL is reported
 * {@link Instance.Status#DOWN}, so that it shows among the excluded instances. Internal.
 */
final class DubboLayout implements Layout {

  private final String root;

  DubboLayout(String root) {
    this.root = root;
  }

  @Override
  public String servicePath(ServiceRef ref) {
    if (ref.name().isBlank()) {
      throw new IllegalArgumentException("a Dubbo interface name cannot be empty");
    }
    String path = ZKPaths.makePath(root, URLEncoder.encode(ref.name(), StandardCharsets.UTF_8), "providers");
    PathUtils.validatePath(path);
    return path;
  }

  @Override
  public boolean readsData() {
    return false;
  }

  @Override
  public List<Instance> instances(ServiceRef ref, Map<String, byte[]> children) {
    List<Instance> out = new ArrayList<>();
    for (String node : children.keySet()) {
      DubboUrl url;
      try {
        url = DubboUrl.parse(node);
      } catch (IllegalArgumentException e) {
        out.add(new Instance(node, "", 0, 0, Instance.Status.DOWN, "dubbo provider node is not a provider URL: " + e.getMessage(),
            Optional.empty(), Optional.empty(), Map.of()));
        continue;
      }
      if (matches(ref.group(), url.parameter("group")) && matches(ref.version(), url.parameter("version"))) {
        out.add(instance(url));
      }
    }
    return out;
  }

  private static Instance instance(DubboUrl url) {
    Instance.Status status = Instance.Status.UP;
    String detail = "dubbo provider registered";
    String disabled = url.parameter("disabled");
    String enabled = url.parameter("enabled");
    if (disabled != null && !disabled.isEmpty()) {
      status = Boolean.parseBoolean(disabled) ? Instance.Status.DISABLED : Instance.Status.UP;
      detail = "dubbo disabled=" + disabled;
    } else if (enabled != null && !enabled.isEmpty()) {
      status = Boolean.parseBoolean(enabled) ? Instance.Status.UP : Instance.Status.DISABLED;
      detail = "dubbo enabled=" + enabled;
    }
    Map<String, String> labels = url.parameters();
    return new Instance(id(url), url.host(), url.port(), Weights.parse(url.parameter("weight")), status, detail,
        Locality.region(labels), Locality.zone(labels), labels);
  }

  /** {@code protocol://host:port/interface}, with the group and version when the URL has them. */
  private static String id(DubboUrl url) {
    List<String> qualifiers = new ArrayList<>();
    Optional.ofNullable(url.parameter("group")).ifPresent(g -> qualifiers.add("group=" + g));
    Optional.ofNullable(url.parameter("version")).ifPresent(v -> qualifiers.add("version=" + v));
    return qualifiers.isEmpty() ? url.address() : url.address() + "?" + String.join("&", qualifiers);
  }

  private static boolean matches(Optional<String> wanted, String actual) {
    return wanted.isEmpty() || wanted.get().equals("*") || wanted.get().equals(actual == null ? "" : actual);
  }
}
