package io.hango.envoy.validate;

import static java.util.Objects.requireNonNull;

/**
 * One broken constraint in an Envoy resource.
 *
 * @param severity how serious the problem is
 * @param resourceType full proto name of the validated (top-level) message, e.g. {@code envoy.config.listener.v3.Listener}
 * @param resourceName the resource's {@code name} (or {@code cluster_name} of a ClusterLoadAssignment); empty when it has none
 * @param path field path in proto field names from the resource root, with list indices, map keys and the type of each
 *     unpacked {@code Any} in angle brackets, e.g. {@code filter_chains[0].filters[0].typed_config<envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager>.stat_prefix};
 *     empty for the resource itself
 * @param rule the rule that failed: a protoc-gen-validate rule such as {@code string.min_len}, {@code message.required},
 *     {@code oneof.required}, or one of this library's own checks ({@code any.unknown_type}, {@code regex.re2}, {@code ref.cluster}, ...)
 * @param message a human-readable explanation
 */
public record Violation(
    Severity severity, String resourceType, String resourceName, String path, String rule, String message) {

  /** Checks that no component is null. */
  public Violation {
    requireNonNull(severity, "severity");
    requireNonNull(resourceType, "resourceType");
    requireNonNull(resourceName, "resourceName");
    requireNonNull(path, "path");
    requireNonNull(rule, "rule");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    String name = resourceName.isEmpty() ? "" : " '" + resourceName + "'";
    String at = path.isEmpty() ? "" : " " + path;
    return severity + " " + resourceType + name + at + ": [" + rule + "] " + message;
  }
}
