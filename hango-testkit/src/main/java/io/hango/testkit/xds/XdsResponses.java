package io.hango.testkit.xds;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import java.util.ArrayList;
import java.util.List;

/** Reading xDS responses in tests: resource names and unpacked resources. */
public final class XdsResponses {

  private XdsResponses() {}

  /** Names of the resources in a SotW response, in response order. */
  public static List<String> names(DiscoveryResponse response) {
    List<String> names = new ArrayList<>();
    for (Any any : response.getResourcesList()) {
      names.add(XdsTypes.nameOf(unpack(any)));
    }
    return names;
  }

  /** Names of the added or updated resources in a Delta response. */
  public static List<String> names(DeltaDiscoveryResponse response) {
    return response.getResourcesList().stream().map(Resource::getName).toList();
  }

  /** The resources of a SotW response, unpacked. */
  public static <T extends Message> List<T> unpack(DiscoveryResponse response, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Any any : response.getResourcesList()) {
      out.add(unpack(any, type));
    }
    return out;
  }

  /** The added or updated resources of a Delta response, unpacked. */
  public static <T extends Message> List<T> unpack(DeltaDiscoveryResponse response, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Resource r : response.getResourcesList()) {
      out.add(unpack(r.getResource(), type));
    }
    return out;
  }

  /** Unpacks an {@code Any} into the given type. */
  public static <T extends Message> T unpack(Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("cannot unpack " + any.getTypeUrl() + " as " + type.getName(), e);
    }
  }

  /** Unpacks one of the five well-known xDS types by its type URL. */
  public static Message unpack(Any any) {
    return switch (any.getTypeUrl()) {
      case XdsTypes.CLUSTER -> unpack(any, io.envoyproxy.envoy.config.cluster.v3.Cluster.class);
      case XdsTypes.ENDPOINT ->
          unpack(any, io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment.class);
      case XdsTypes.LISTENER -> unpack(any, io.envoyproxy.envoy.config.listener.v3.Listener.class);
      case XdsTypes.ROUTE -> unpack(any, io.envoyproxy.envoy.config.route.v3.RouteConfiguration.class);
      case XdsTypes.SECRET ->
          unpack(any, io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret.class);
      default -> throw new AssertionError("not a well-known xDS type: " + any.getTypeUrl());
    };
  }
}
