package io.hango.registry;

import static java.util.Objects.requireNonNull;

import io.hango.model.service.RegistryDiscovery;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A service as one registry knows it: the identity part of a {@code Service}'s
 * {@code spec.discovery}. What each part means depends on the registry (see
 * {@code docs/registries.md}); parts a registry does not use are ignored by it.
 *
 * @param name the service's name in the registry (Kubernetes service, Eureka application, Nacos
 *     service, Dubbo interface, Curator service name)
 * @param group Nacos group, Dubbo group
 * @param namespace Kubernetes or Nacos namespace
 * @param version Dubbo version
 * @param cluster Nacos cluster(s), comma-separated
 * @param port the port to use, by number
 * @param portName the port to use, by name (Kubernetes)
 */
public record ServiceRef(
    String name,
    Optional<String> group,
    Optional<String> namespace,
    Optional<String> version,
    Optional<String> cluster,
    OptionalInt port,
    Optional<String> portName) {

  public ServiceRef {
    requireNonNull(name, "name");
    requireNonNull(group, "group");
    requireNonNull(namespace, "namespace");
    requireNonNull(version, "version");
    requireNonNull(cluster, "cluster");
    requireNonNull(port, "port");
    requireNonNull(portName, "portName");
  }

  /** A service known by name only. */
  public static ServiceRef of(String name) {
    return new ServiceRef(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
  }

  /** The identity a {@code Service}'s {@code spec.discovery} names. */
  public static ServiceRef of(RegistryDiscovery d) {
    return new ServiceRef(
        d.serviceName(),
        d.group(),
        d.namespace(),
        d.version(),
        d.cluster(),
        d.port().map(OptionalInt::of).orElse(OptionalInt.empty()),
        d.portName());
  }

  /** This reference with {@code group}. */
  public ServiceRef withGroup(String group) {
    return new ServiceRef(name, Optional.of(group), namespace, version, cluster, port, portName);
  }

  /** This reference with {@code namespace}. */
  public ServiceRef withNamespace(String namespace) {
    return new ServiceRef(name, group, Optional.of(namespace), version, cluster, port, portName);
  }

  /** This reference with {@code version}. */
  public ServiceRef withVersion(String version) {
    return new ServiceRef(name, group, namespace, Optional.of(version), cluster, port, portName);
  }

  /** {@code name} followed by the parts that are set, e.g. {@code orders (namespace=shop, port=8080)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    namespace.ifPresent(v -> sb.append(", namespace=").append(v));
    group.ifPresent(v -> sb.append(", group=").append(v));
    version.ifPresent(v -> sb.append(", version=").append(v));
    cluster.ifPresent(v -> sb.append(", cluster=").append(v));
    port.ifPresent(v -> sb.append(", port=").append(v));
    portName.ifPresent(v -> sb.append(", portName=").append(v));
    return sb.length() == 0 ? name : name + " (" + sb.substring(2) + ")";
  }
}
