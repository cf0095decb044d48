package io.hango.xds;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;

/**
 * Chooses the snapshot group of a node from its first request. The default puts every node in
 * {@value #DEFAULT_GROUP}. Called on the server's callback executor, like the {@link
 * XdsAuthorizer}; also when a stream's group is removed and its client reconnects.
 */
@FunctionalInterface
public interface NodeGroupFunction {

  /** The group of nodes when nothing more specific applies. */
  String DEFAULT_GROUP = "default";

  /** The group of a node; never null. */
  String groupOf(Node node);

  /** Every node in {@value #DEFAULT_GROUP}. */
  static NodeGroupFunction single() {
    return node -> DEFAULT_GROUP;
  }

  /** The node's {@code cluster} (service cluster), or {@value #DEFAULT_GROUP} if empty. */
  static NodeGroupFunction byCluster() {
    return node -> node.getCluster().isEmpty() ? DEFAULT_GROUP : node.getCluster();
  }

  /**
   * The string value of a key in the node's metadata, or {@value #DEFAULT_GROUP} if the key is
   * missing or not a non-empty string.
   */
  static NodeGroupFunction byMetadata(String key) {
    requireNonNull(key, "key");
    return node -> {
      Value v = node.getMetadata().getFieldsMap().get(key);
      return v != null && v.hasStringValue() && !v.getStringValue().isEmpty()
          ? v.getStringValue()
          : DEFAULT_GROUP;
    };
  }
}
