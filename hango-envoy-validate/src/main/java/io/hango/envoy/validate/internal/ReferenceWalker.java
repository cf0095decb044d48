package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds, anywhere in a resource (including inside {@code Any}), the names it refers to: clusters, route
 * configurations (RDS) and secrets (SDS).
 *
 * <p>{@code ConfigSource} messages are not entered: the gRPC clusters they name are the management servers', defined in
 * the bootstrap rather than served over CDS.
 */
public final class ReferenceWalker {

  /** What a reference points at. */
  public enum Kind { CLUSTER, ROUTE_CONFIGURATION, SECRET }

  /** A name used at {@code path} of a resource. */
  public record Reference(Kind kind, String name, String path) {}

  private static final String ROUTE = "envoy.config.route.v3.";
  private static final String TCP_PROXY = "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";

  private final TypeResolver resolver;

  public ReferenceWalker(TypeResolver resolver) {
    this.resolver = resolver;
  }

  /** Every reference made by {@code resource}, in walk order. */
  public List<Reference> references(Message resource) {
    List<Reference> out = new ArrayList<>();
    walk(resource, new FieldPath(), out);
    return out;
  }

  private void walk(Message m, FieldPath path, List<Reference> out) {
    String type = m.getDescriptorForType().getFullName();
    if (type.equals(ValidationEngine.ANY)) {
      TypeResolver.Unpacked u = resolver.unpack(m);
      if (u.status() == TypeResolver.Status.OK) {
        path.push(new FieldPath.TypeNote(u.typeName()));
        walk(u.message(), path, out);
        path.pop();
      }
      return;
    }
    if (type.startsWith("google.protobuf.") || type.equals("envoy.config.core.v3.ConfigSource")) {
      return;
    }
    collect(m, type, path, out);
    for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
      FieldDescriptor fd = e.getKey();
      if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      path.push(fd.getName());
      if (fd.isMapField()) {
        FieldDescriptor key = fd.getMessageType().findFieldByNumber(1);
        FieldDescriptor value = fd.getMessageType().findFieldByNumber(2);
        if (value.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          for (Object o : (List<?>) e.getValue()) {
            Message entry = (Message) o;
            path.push(new FieldPath.MapKey(entry.getField(key)));
            walk((Message) entry.getField(value), path, out);
            path.pop();
          }
        }
      } else if (fd.isRepeated()) {
        List<?> items = (List<?>) e.getValue();
        for (int i = 0; i < items.size(); i++) {
          path.push(i);
          walk((Message) items.get(i), path, out);
          path.pop();
        }
      } else {
        walk((Message) e.getValue(), path, out);
      }
      path.pop();
    }
  }

  private static void collect(Message m, String type, FieldPath path, List<Reference> out) {
    switch (type) {
      case ROUTE + "RouteAction", ROUTE + "RouteAction.RequestMirrorPolicy", "envoy.config.core.v3.HttpUri", TCP_PROXY ->
          add(m, "cluster", Kind.CLUSTER, path, out);
      case ROUTE + "WeightedCluster.ClusterWeight", TCP_PROXY + ".WeightedCluster.ClusterWeight" ->
          add(m, "name", Kind.CLUSTER, path, out);
      case "envoy.config.core.v3.GrpcService.EnvoyGrpc" -> add(m, "cluster_name", Kind.CLUSTER, path, out);
      case "envoy.config.trace.v3.ZipkinConfig", "envoy.config.trace.v3.DatadogConfig",
          "envoy.config.trace.v3.LightstepConfig" -> add(m, "collector_cluster", Kind.CLUSTER, path, out);
      case "envoy.extensions.clusters.aggregate.v3.ClusterConfig" -> {
        FieldDescriptor clusters = m.getDescriptorForType().findFieldByName("clusters");
        for (int i = 0; i < m.getRepeatedFieldCount(clusters); i++) {
          path.push("clusters");
          path.push(i);
          out.add(new Reference(Kind.CLUSTER, (String) m.getRepeatedField(clusters, i), path.render()));
          path.pop();
          path.pop();
        }
      }
      case "envoy.extensions.filters.network.http_connection_manager.v3.Rds" ->
          add(m, "route_config_name", Kind.ROUTE_CONFIGURATION, path, out);
      case "envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig" -> {
        if (!servedFromFile(m)) {
          add(m, "name", Kind.SECRET, path, out);
        }
      }
      default -> { }
    }
  }

  /** Secrets whose config source is a local file are not served over SDS. */
  private static boolean servedFromFile(Message sdsSecretConfig) {
    FieldDescriptor source = sdsSecretConfig.getDescriptorForType().findFieldByName("sds_config");
    if (source == null || !sdsSecretConfig.hasField(source)) {
      return false;
    }
    Message configSource = (Message) sdsSecretConfig.getField(source);
    Descriptor d = configSource.getDescriptorForType();
    for (String fileField : new String[] {"path", "path_config_source"}) {
      FieldDescriptor fd = d.findFieldByName(fileField);
      if (fd != null && configSource.hasField(fd)) {
        return true;
      }
    }
    return false;
  }

  private static void add(Message m, String field, Kind kind, FieldPath path, List<Reference> out) {
    FieldDescriptor fd = m.getDescriptorForType().findFieldByName(field);
    if (fd == null || fd.isRepeated() || fd.getJavaType() != FieldDescriptor.JavaType.STRING) {
      return;
    }
    String name = (String) m.getField(fd);
    if (!name.isEmpty()) {
      out.add(new Reference(kind, name, path.render(field)));
    }
  }
}
