package io.hango.xds;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.List;

/**
 * The xDS v3 type URLs this server knows by name, their push order, and how to read a
 * resource's name from the resource itself.
 *
 * <p>The server serves any type URL; the well-known ones matter only for ordering
 * (make-before-break), wildcard defaults and the EDS special cases.
 */
public final class TypeUrls {

  /** Clusters (CDS). */
  public static final String CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
  /** Cluster load assignments (EDS). */
  public static final String ENDPOINT =
      "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
  /** Listeners (LDS). */
  public static final String LISTENER = "type.googleapis.com/envoy.config.listener.v3.Listener";
  /** Route configurations (RDS). */
  public static final String ROUTE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
  /** TLS secrets (SDS). */
  public static final String SECRET =
      "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret";

  /**
   * The order in which changed types are pushed on an aggregated stream: a cluster exists
   * before its endpoints, a listener before the routes it points at, so Envoy never refers
   * to something it has not received yet.
   */
  public static final List<String> PUSH_ORDER = List.of(CLUSTER, ENDPOINT, LISTENER, ROUTE, SECRET);

  /**
   * The order in which removals are pushed on an aggregated stream, referrers first: a
   * listener goes before the route configuration it names, routes before the clusters they
   * route to, a cluster before its endpoints, and secrets (used by listeners and clusters)
   * last, so Envoy never holds a reference to something already removed.
   */
  public static final List<String> REMOVAL_ORDER = List.of(LISTENER, ROUTE, CLUSTER, ENDPOINT, SECRET);

  private static final String PREFIX = "type.googleapis.com/";

  private TypeUrls() {}

  /** The type URL of a message: {@code type.googleapis.com/<full proto name>}. */
  public static String of(Message message) {
    return PREFIX + message.getDescriptorForType().getFullName();
  }

  /**
   * Whether an empty resource name list on the first request means "everything" (legacy
   * wildcard). Only CDS and LDS have that meaning; for other types an empty list subscribes
   * to nothing.
   */
  public static boolean allowsLegacyWildcard(String typeUrl) {
    return CLUSTER.equals(typeUrl) || LISTENER.equals(typeUrl);
  }

  /**
   * The xDS resource name of a well-known resource: {@code name} for clusters, listeners,
   * route configurations and secrets, {@code cluster_name} for load assignments.
   *
   * @throws IllegalArgumentException for other message types, whose name must be given
   */
  public static String nameOf(Message resource) {
    if (resource instanceof Cluster c) {
      return c.getName();
    }
    if (resource instanceof ClusterLoadAssignment cla) {
      return cla.getClusterName();
    }
    if (resource instanceof Listener l) {
      return l.getName();
    }
    if (resource instanceof RouteConfiguration r) {
      return r.getName();
    }
    if (resource instanceof Secret s) {
      return s.getName();
    }
    throw new IllegalArgumentException(
        "cannot derive a resource name from " + of(resource) + "; give the name explicitly");
  }
}
