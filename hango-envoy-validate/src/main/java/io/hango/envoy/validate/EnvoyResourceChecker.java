package io.hango.envoy.validate;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.hango.envoy.validate.internal.ReferenceWalker;
import io.hango.envoy.validate.internal.ReferenceWalker.Reference;
import io.hango.envoy.validate.internal.ViolationSink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a complete set of Envoy resources — what one proxy would receive — for what proto rules cannot express:
 *
 * <ul>
 *   <li>{@code name.unique}: names are unique per resource type (ClusterLoadAssignments by {@code cluster_name});
 *   <li>{@code ref.cluster}: every cluster named by a route ({@code cluster}, {@code weighted_clusters},
 *       {@code request_mirror_policies}), a TCP proxy, an Envoy gRPC service (access log, tracing, ext_authz, rate
 *       limit, ...), an {@code HttpUri}, a tracer's collector or an aggregate cluster exists;
 *   <li>{@code ref.route_config}: every RDS {@code route_config_name} of an HttpConnectionManager (in a filter chain
 *       or an API listener) exists;
 *   <li>{@code ref.secret}: every SDS secret named by a TLS context exists;
 *   <li>{@code ref.cluster_load_assignment} (a {@link Severity#WARNING}): every EDS cluster has endpoints.
 * </ul>
 *
 * <p>{@link #validateAll} adds the per-resource checks of {@link EnvoyValidator} (proto rules, Any types, RE2
 * regexes). Clusters and secrets defined statically in Envoy's bootstrap can be declared with the builder so that
 * references to them are not reported. Instances are immutable and thread-safe.
 */
public final class EnvoyResourceChecker {

  private final EnvoyValidator validator;
  private final ReferenceWalker walker;
  private final Set<String> staticClusters;
  private final Set<String> staticSecrets;

  private EnvoyResourceChecker(Builder b) {
    this.validator = b.validator != null ? b.validator : EnvoyValidator.create();
    this.walker = new ReferenceWalker(validator.engine().resolver());
    this.staticClusters = Set.copyOf(b.staticClusters);
    this.staticSecrets = Set.copyOf(b.staticSecrets);
  }

  /** A checker with a default {@link EnvoyValidator} and no bootstrap-defined resources. */
  public static EnvoyResourceChecker create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every violation of the per-resource rules and of the cross-resource checks, resource by resource. */
  public List<Violation> validateAll(Collection<Listener> listeners, Collection<RouteConfiguration> routes,
      Collection<Cluster> clusters, Collection<ClusterLoadAssignment> endpoints, Collection<Secret> secrets) {
    List<Violation> out = new ArrayList<>();
    out.addAll(validator.validate(listeners));
    out.addAll(validator.validate(routes));
    out.addAll(validator.validate(clusters));
    out.addAll(validator.validate(endpoints));
    out.addAll(validator.validate(secrets));
    out.addAll(checkReferences(listeners, routes, clusters, endpoints, secrets));
    return Collections.unmodifiableList(out);
  }

  /** Only the cross-resource checks (unique names, references, EDS endpoints). */
  public List<Violation> checkReferences(Collection<Listener> listeners, Collection<RouteConfiguration> routes,
      Collection<Cluster> clusters, Collection<ClusterLoadAssignment> endpoints, Collection<Secret> secrets) {
    requireNonNull(listeners, "listeners");
    requireNonNull(routes, "routes");
    requireNonNull(clusters, "clusters");
    requireNonNull(endpoints, "endpoints");
    requireNonNull(secrets, "secrets");
    List<Violation> out = new ArrayList<>();
    Set<String> clusterNames = unique(clusters, "name", out);
    Set<String> routeNames = unique(routes, "name", out);
    Set<String> secretNames = unique(secrets, "name", out);
    Set<String> endpointNames = unique(endpoints, "cluster_name", out);
    unique(listeners, "name", out);
    clusterNames.addAll(staticClusters);
    secretNames.addAll(staticSecrets);

    List<Message> referring = new ArrayList<>(listeners);
    referring.addAll(routes);
    referring.addAll(clusters);
    for (Message resource : referring) {
      for (Reference ref : walker.references(resource)) {
        switch (ref.kind()) {
          case CLUSTER -> {
            if (!clusterNames.contains(ref.name())) {
              out.add(violation(Severity.ERROR, resource, ref.path(), "ref.cluster",
                  "cluster '" + ref.name() + "' is not defined"));
            }
          }
          case ROUTE_CONFIGURATION -> {
            if (!routeNames.contains(ref.name())) {
              out.add(violation(Severity.ERROR, resource, ref.path(), "ref.route_config",
                  "route configuration '" + ref.name() + "' (RDS) is not defined"));
            }
          }
          case SECRET -> {
            if (!secretNames.contains(ref.name())) {
              out.add(violation(Severity.ERROR, resource, ref.path(), "ref.secret",
                  "secret '" + ref.name() + "' (SDS) is not defined"));
            }
          }
          default -> throw new IllegalStateException(ref.kind().name());
        }
      }
    }
    for (Cluster cluster : clusters) {
      if (cluster.getClusterDiscoveryTypeCase() == Cluster.ClusterDiscoveryTypeCase.TYPE
          && cluster.getType() == Cluster.DiscoveryType.EDS) {
        String serviceName = cluster.getEdsClusterConfig().getServiceName();
        String wanted = serviceName.isEmpty() ? cluster.getName() : serviceName;
        if (!endpointNames.contains(wanted)) {
          out.add(violation(Severity.WARNING, cluster, serviceName.isEmpty() ? "type" : "eds_cluster_config.service_name",
              "ref.cluster_load_assignment", "EDS cluster has no ClusterLoadAssignment named '" + wanted + "'"));
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static Set<String> unique(Collection<? extends Message> resources, String nameField, List<Violation> out) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> reported = new HashSet<>();
    for (Message resource : resources) {
      requireNonNull(resource, "resource");
      String name = ViolationSink.nameOf(resource);
      if (!names.add(name) && reported.add(name)) {
        out.add(violation(Severity.ERROR, resource, nameField, "name.unique",
            "more than one " + resource.getDescriptorForType().getName() + " is named '" + name + "'"));
      }
    }
    return names;
  }

  private static Violation violation(Severity severity, Message resource, String path, String rule, String message) {
    return new Violation(severity, resource.getDescriptorForType().getFullName(), ViolationSink.nameOf(resource), path,
        rule, message);
  }

  /** Builds an {@link EnvoyResourceChecker}. */
  public static final class Builder {

    private EnvoyValidator validator;
    private final Set<String> staticClusters = new HashSet<>();
    private final Set<String> staticSecrets = new HashSet<>();

    private Builder() {}

    /** The validator for per-resource rules and Any types; by default {@link EnvoyValidator#create()}. */
    public Builder validator(EnvoyValidator validator) {
      this.validator = requireNonNull(validator, "validator");
      return this;
    }

    /** Clusters defined in Envoy's bootstrap (for example the rate-limit service), which references may name. */
    public Builder staticClusters(Collection<String> names) {
      requireNonNull(names, "names").forEach(n -> staticClusters.add(requireNonNull(n, "name")));
      return this;
    }

    /** Secrets defined in Envoy's bootstrap, which TLS contexts may name. */
    public Builder staticSecrets(Collection<String> names) {
      requireNonNull(names, "names").forEach(n -> staticSecrets.add(requireNonNull(n, "name")));
      return this;
    }

    public EnvoyResourceChecker build() {
      return new EnvoyResourceChecker(this);
    }
  }
}
