package io.hango.translate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A consistent set of Envoy v3 resources: listeners, route configurations, clusters, cluster load
 * assignments and secrets, each list sorted by resource name. Immutable and thread-safe.
 *
 * <p>It can be published over xDS ({@link #byTypeUrl()}) or written out as proto3 JSON / YAML with
 * Envoy's own (snake_case) field names and an {@code @type} on every {@code Any}
 * ({@link #toJson()}, {@link #toYaml()}, {@link #toYaml(Type)}). Writing is deterministic: equal
 * resources give byte-identical text.
 */
public final class EnvoyResources {

  /** The five resource types, with their output key and xDS type URL. */
  public enum Type {
    LISTENERS("listeners", "type.googleapis.com/envoy.config.listener.v3.Listener"),
    ROUTES("routes", "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"),
    CLUSTERS("clusters", "type.googleapis.com/envoy.config.cluster.v3.Cluster"),
    ENDPOINTS("endpoints", "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment"),
    SECRETS("secrets", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret");

    private final String key;
    private final String typeUrl;

    Type(String key, String typeUrl) {
      this.key = key;
      this.typeUrl = typeUrl;
    }

    /** The key used in JSON/YAML output and file names: {@code listeners}, {@code routes}, ... */
    public String key() {
      return key;
    }

    /** The xDS type URL. */
    public String typeUrl() {
      return typeUrl;
    }
  }

  private static final EnvoyResources EMPTY = builder().build();

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private final List<Listener> listeners;
  private final List<RouteConfiguration> routes;
  private final List<Cluster> clusters;
  private final List<ClusterLoadAssignment> endpoints;
  private final List<Secret> secrets;
  private final JsonFormat.TypeRegistry typeRegistry;

  private EnvoyResources(Builder b) {
    this.listeners = sorted(b.listeners.values(), Listener::getName);
    this.routes = sorted(b.routes.values(), RouteConfiguration::getName);
    this.clusters = sorted(b.clusters.values(), Cluster::getName);
    this.endpoints = sorted(b.endpoints.values(), ClusterLoadAssignment::getClusterName);
    this.secrets = sorted(b.secrets.values(), Secret::getName);
    JsonFormat.TypeRegistry.Builder reg = JsonFormat.TypeRegistry.newBuilder();
    b.types.forEach(reg::add);
    this.typeRegistry = reg.build();
  }

  private EnvoyResources(EnvoyResources base, List<ClusterLoadAssignment> endpoints) {
    this.listeners = base.listeners;
    this.routes = base.routes;
    this.clusters = base.clusters;
    this.endpoints = endpoints;
    this.secrets = base.secrets;
    this.typeRegistry = base.typeRegistry;
  }

  /**
   * A copy in which the assignments of clusters that already have one here are replaced by those
   * of {@code assignments} (others are ignored): what an endpoint-only update changes.
   */
  public EnvoyResources withEndpoints(Collection<ClusterLoadAssignment> assignments) {
    requireNonNull(assignments, "assignments");
    ClusterLoadAssignment[] updated = null;
    for (ClusterLoadAssignment a : assignments) {
      int i = endpointIndex(a.getClusterName());
      if (i >= 0 && !endpoints.get(i).equals(a)) {
        if (updated == null) {
          updated = endpoints.toArray(new ClusterLoadAssignment[0]);
        }
        updated[i] = a;
      }
    }
    return updated == null ? this : new EnvoyResources(this, List.of(updated));
  }

  /** Whether a ClusterLoadAssignment named {@code cluster} is here. */
  public boolean hasEndpoints(String cluster) {
    return endpointIndex(requireNonNull(cluster, "cluster")) >= 0;
  }

  /** The position of {@code cluster}'s assignment in the sorted {@link #endpoints()}, or a negative number. */
  private int endpointIndex(String cluster) {
    int lo = 0;
    int hi = endpoints.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = endpoints.get(mid).getClusterName().compareTo(cluster);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private static <T> List<T> sorted(Collection<T> values, Function<T, String> name) {
    List<T> list = new ArrayList<>(values);
    list.sort(Comparator.comparing(name));
    return Collections.unmodifiableList(list);
  }

  /** No resources. */
  public static EnvoyResources empty() {
    return EMPTY;
  }

  /** A builder; resources added under an existing name replace the earlier one. */
  public static Builder builder() {
    return new Builder();
  }

  /** Listeners (gateway ports and proxyless-gRPC API listeners), sorted by name. */
  public List<Listener> listeners() {
    return listeners;
  }

  /** Route configurations, sorted by name. */
  public List<RouteConfiguration> routes() {
    return routes;
  }

  /** Clusters, sorted by name. */
  public List<Cluster> clusters() {
    return clusters;
  }

  /** Cluster load assignments (EDS), sorted by cluster name. */
  public List<ClusterLoadAssignment> endpoints() {
    return endpoints;
  }

  /** Secrets (SDS), sorted by name. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** The resources of {@code type}, sorted by name. */
  public List<? extends Message> get(Type type) {
    switch (requireNonNull(type, "type")) {
      case LISTENERS:
        return listeners;
      case ROUTES:
        return routes;
      case CLUSTERS:
        return clusters;
      case ENDPOINTS:
        return endpoints;
      default:
        return secrets;
    }
  }

  /** The name of an emitted resource ({@code cluster_name} for a ClusterLoadAssignment). */
  public static String nameOf(Message resource) {
    if (resource instanceof ClusterLoadAssignment cla) {
      return cla.getClusterName();
    }
    return (String) resource.getField(resource.getDescriptorForType().findFieldByName("name"));
  }

  /**
   * Every resource for xDS publishing: type URL to (resource name to resource), types in
   * {@link Type} order, names sorted. Every type is present, possibly with no resources.
   */
  public Map<String, Map<String, Message>> byTypeUrl() {
    Map<String, Map<String, Message>> out = new LinkedHashMap<>();
    for (Type t : Type.values()) {
      Map<String, Message> byName = new TreeMap<>();
      for (Message m : get(t)) {
        byName.put(nameOf(m), m);
      }
      out.put(t.typeUrl(), Collections.unmodifiableMap(byName));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The JSON type registry covering every message type packed in an {@code Any} of these resources. */
  public JsonFormat.TypeRegistry typeRegistry() {
    return typeRegistry;
  }

  /** The resources of {@code type} as a JSON array tree (proto3 JSON, Envoy field names). */
  public ArrayNode toTree(Type type) {
    JsonFormat.Printer printer =
        JsonFormat.printer().usingTypeRegistry(typeRegistry).preservingProtoFieldNames().sortingMapKeys().omittingInsignificantWhitespace();
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Message m : get(type)) {
      try {
        array.add(JSON.readTree(printer.print(m)));
      } catch (InvalidProtocolBufferException | JsonProcessingException e) {
        throw new IllegalStateException(
            "cannot print " + type.key() + " '" + nameOf(m) + "' (was a message packed without Protos.pack / a context's pack?)", e);
      }
    }
    return array;
  }

  /** Everything as one JSON tree: {@code {"listeners":[...],"routes":[...],"clusters":[...],"endpoints":[...],"secrets":[...]}}. */
  public ObjectNode toTree() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (Type t : Type.values()) {
      root.set(t.key(), toTree(t));
    }
    return root;
  }

  /** {@link #toTree()} as indented JSON. */
  public String toJson() {
    return write(JSON, toTree());
  }

  /** {@link #toTree(Type)} as indented JSON. */
  public String toJson(Type type) {
    return write(JSON, toTree(type));
  }

  /** {@link #toTree()} as YAML. */
  public String toYaml() {
    return write(YAML, toTree());
  }

  /** {@link #toTree(Type)} as a YAML list; {@code []} when there are none. */
  public String toYaml(Type type) {
    return write(YAML, toTree(type));
  }

  private static String write(ObjectMapper mapper, JsonNode tree) {
    try {
      String s = mapper.writeValueAsString(tree);
      return s.endsWith("\n") ? s : s + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvoyResources r
        && r.listeners.equals(listeners)
        && r.routes.equals(routes)
        && r.clusters.equals(clusters)
        && r.endpoints.equals(endpoints)
        && r.secrets.equals(secrets);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(listeners, routes, clusters, endpoints, secrets);
  }

  @Override
  public String toString() {
    return "EnvoyResources{listeners=" + listeners.size() + ", routes=" + routes.size() + ", clusters=" + clusters.size()
        + ", endpoints=" + endpoints.size() + ", secrets=" + secrets.size() + "}";
  }

  /** Builds {@link EnvoyResources}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Listener> listeners = new TreeMap<>();
    private final Map<String, RouteConfiguration> routes = new TreeMap<>();
    private final Map<String, Cluster> clusters = new TreeMap<>();
    private final Map<String, ClusterLoadAssignment> endpoints = new TreeMap<>();
    private final Map<String, Secret> secrets = new TreeMap<>();
    private final Set<Descriptor> types = new LinkedHashSet<>();

    private Builder() {
      types.add(Listener.getDescriptor());
      types.add(RouteConfiguration.getDescriptor());
      types.add(Cluster.getDescriptor());
      types.add(ClusterLoadAssignment.getDescriptor());
      types.add(Secret.getDescriptor());
    }

    public Builder addListener(Listener l) {
      listeners.put(requireNonNull(l, "listener").getName(), l);
      return this;
    }

    public Builder addRoute(RouteConfiguration r) {
      routes.put(requireNonNull(r, "route").getName(), r);
      return this;
    }

    public Builder addCluster(Cluster c) {
      clusters.put(requireNonNull(c, "cluster").getName(), c);
      return this;
    }

    public Builder addEndpoints(ClusterLoadAssignment e) {
      endpoints.put(requireNonNull(e, "endpoints").getClusterName(), e);
      return this;
    }

    public Builder addSecret(Secret s) {
      secrets.put(requireNonNull(s, "secret").getName(), s);
      return this;
    }

    /** Makes a message type packed in an {@code Any} known to the JSON/YAML writer (its whole file is added). */
    public Builder addType(Descriptor type) {
      types.add(requireNonNull(type, "type"));
      return this;
    }

    public EnvoyResources build() {
      return new EnvoyResources(this);
    }
  }
}
