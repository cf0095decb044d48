package io.hango.registry.kubernetes.internal;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.hango.registry.Instance;
import io.hango.registry.ServiceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Maps the EndpointSlices of one Service to the instances Hango reports: the port chosen by
 * {@code spec.discovery.portName} or {@code port} (or the only port), one instance per address of
 * every endpoint, its status from the endpoint's conditions, its labels from the slice and the
 * endpoint, its zone from the endpoint. Stateless. Internal.
 */
final class EndpointSliceMapping {

  /** The label the EndpointSlice controller puts on every slice, naming the slice's Service. */
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  static final String ZONE_LABEL = "topology.kubernetes.io/zone";
  static final String REGION_LABEL = "topology.kubernetes.io/region";

  private EndpointSliceMapping() {}

  /** What the slices of a service say: its instances, or why they cannot be told. */
  sealed interface Answer {}

  /** Every instance of the service, possibly none. */
  record Instances(List<Instance> instances) implements Answer {}

  /** The slices cannot be mapped (no such port, several ports and none chosen). */
  record Failure(String message) implements Answer {}

  /**
   * The answer for {@code ref}, whose slices in {@code namespace} are {@code slices} (all of them;
   * none means the Service has no endpoints or does not exist).
   */
  static Answer map(ServiceRef ref, String namespace, List<EndpointSlice> slices) {
    List<EndpointSlice> ordered = new ArrayList<>(slices);
    ordered.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    if (ordered.stream().noneMatch(EndpointSliceMapping::hasAddresses)) {
      return new Instances(List.of());
    }
    Predicate<EndpointPort> chosen;
    if (ref.portName().isPresent()) {
      String name = ref.portName().get();
      chosen = p -> name.equals(nameOf(p));
      if (noSliceHas(ordered, chosen)) {
        return new Failure("no port named '" + name + "' in the EndpointSlices of " + namespace + "/" + ref.name()
            + " (ports: " + describePorts(ordered) + ")");
      }
    } else if (ref.port().isPresent()) {
      int number = ref.port().getAsInt();
      chosen = p -> p.getPort() != null && p.getPort() == number;
      if (noSliceHas(ordered, chosen)) {
        return new Failure("no port " + number + " in the EndpointSlices of " + namespace + "/" + ref.name()
            + " (ports: " + describePorts(ordered) + "; an EndpointSlice lists the pods' target ports, not the Service's port)");
      }
    } else {
      TreeSet<String> names = new TreeSet<>();
      ordered.forEach(s -> ports(s).forEach(p -> names.add(nameOf(p))));
      if (names.isEmpty()) {
        return new Failure("the EndpointSlices of " + namespace + "/" + ref.name() + " list no ports");
      }
      if (names.size() > 1) {
        return new Failure(namespace + "/" + ref.name() + " has several ports (" + describePorts(ordered)
            + "): choose one with spec.discovery.portName or port");
      }
      String only = names.first();
      chosen = p -> only.equals(nameOf(p));
    }
    List<Instance> out = new ArrayList<>();
    for (EndpointSlice slice : ordered) {
      Optional<EndpointPort> port = ports(slice).stream().filter(chosen).findFirst();
      if (port.isEmpty()) {
        // This slice groups pods that do not expose the chosen port (a named target port they lack).
        continue;
      }
      for (Endpoint e : list(slice.getEndpoints())) {
        for (String address : list(e.getAddresses())) {
          out.add(instance(slice, port.get(), e, address));
        }
      }
    }
    out.sort(Comparator.comparing(Instance::id));
    return new Instances(List.copyOf(out));
  }

  private static Instance instance(EndpointSlice slice, EndpointPort port, Endpoint e, String address) {
    Map<String, String> labels = new TreeMap<>();
    Map<String, String> sliceLabels = slice.getMetadata().getLabels();
    if (sliceLabels != null) {
      labels.putAll(sliceLabels);
    }
    put(labels, "nodeName", e.getNodeName());
    put(labels, "hostname", e.getHostname());
    ObjectReference target = e.getTargetRef();
    if (target != null) {
      put(labels, "targetRef.kind", target.getKind());
      put(labels, "targetRef.name", target.getName());
    }
    put(labels, "appProtocol", port.getAppProtocol());
    Map<String, String> topology = e.getDeprecatedTopology() == null ? Map.of() : e.getDeprecatedTopology();
    Optional<String> zone = first(e.getZone(), topology.get(ZONE_LABEL), labels.get(ZONE_LABEL), labels.get("zone"));
    Optional<String> region = first(topology.get(REGION_LABEL), labels.get(REGION_LABEL), labels.get("region"));
    EndpointConditions c = e.getConditions();
    Boolean ready = c == null ? null : c.getReady();
    Boolean serving = c == null ? null : c.getServing();
    Boolean terminating = c == null ? null : c.getTerminating();
    Instance.Status status;
    String detail;
    if (Boolean.TRUE.equals(terminating)) {
      status = Instance.Status.TERMINATING;
      detail = "kubernetes terminating=true, serving=" + (serving == null ? "unset" : serving);
    } else if (Boolean.FALSE.equals(ready)) {
      status = Instance.Status.DOWN;
      detail = "kubernetes ready=false";
    } else {
      status = Instance.Status.UP;
      detail = ready == null ? "kubernetes ready unset (ready, as the API says)" : "kubernetes ready=true";
    }
    int number = port.getPort() == null ? 0 : port.getPort();
    return new Instance(slice.getMetadata().getName() + "/" + address, address, number, Instance.DEFAULT_WEIGHT,
        status, detail, region, zone, labels);
  }

  private static boolean hasAddresses(EndpointSlice s) {
    return list(s.getEndpoints()).stream().anyMatch(e -> !list(e.getAddresses()).isEmpty());
  }

  private static boolean noSliceHas(List<EndpointSlice> slices, Predicate<EndpointPort> port) {
    return slices.stream().noneMatch(s -> ports(s).stream().anyMatch(port));
  }

  /** The distinct ports of {@code slices}, e.g. {@code grpc=9090/TCP, http=8080/TCP}. */
  private static String describePorts(List<EndpointSlice> slices) {
    TreeSet<String> out = new TreeSet<>();
    for (EndpointSlice s : slices) {
      for (EndpointPort p : ports(s)) {
        String number = (p.getPort() == null ? "any" : String.valueOf(p.getPort()))
            + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol());
        out.add(nameOf(p).isEmpty() ? "(unnamed)=" + number : nameOf(p) + "=" + number);
      }
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static List<EndpointPort> ports(EndpointSlice s) {
    return list(s.getPorts());
  }

  /** A port's name; the only port of a Service may be unnamed (empty). */
  private static String nameOf(EndpointPort p) {
    return p.getName() == null ? "" : p.getName();
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static void put(Map<String, String> labels, String key, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(key, value);
    }
  }

  private static Optional<String> first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
