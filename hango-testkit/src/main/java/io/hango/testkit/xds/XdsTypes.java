package io.hango.testkit.xds;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/** The type URLs of the five xDS resource types, and how a resource's name is read. */
public final class XdsTypes {

  /** CDS. */
  public static final String CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
  /** EDS. */
  public static final String ENDPOINT = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
  /** LDS. */
  public static final String LISTENER = "type.googleapis.com/envoy.config.listener.v3.Listener";
  /** RDS. */
  public static final String ROUTE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
  /** SDS. */
  public static final String SECRET = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret";

  private XdsTypes() {}

  /**
   * The xDS name of a resource: its {@code name} field, or {@code cluster_name} for a
   * ClusterLoadAssignment (the only xDS type named differently).
   *
   * @throws IllegalArgumentException when the message has neither field
   */
  public static String nameOf(Message resource) {
    for (String field : new String[] {"name", "cluster_name"}) {
      FieldDescriptor f = resource.getDescriptorForType().findFieldByName(field);
      if (f != null && f.getType() == FieldDescriptor.Type.STRING && !f.isRepeated()) {
        return (String) resource.getField(f);
      }
    }
    throw new IllegalArgumentException(
        "no name field in " + resource.getDescriptorForType().getFullName() + "; give the name explicitly");
  }
}
