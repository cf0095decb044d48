package io.hango.translate;

import static java.util.Objects.requireNonNull;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.StaticEndpoints;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The discovered endpoints of each service, by {@code Service} name: the second input of the
 * {@link Translator}. Immutable; {@link #with} returns a copy, which is how registries feed
 * updates. Changing only the endpoints changes only the translated ClusterLoadAssignments.
 *
 * <p>A service without an entry has no endpoints (its clusters are still emitted, with an empty
 * ClusterLoadAssignment).
 */
public final class Endpoints {

  private static final Endpoints EMPTY = new Endpoints(new TreeMap<>());

  private final Map<String, List<Endpoint>> byService;

  private Endpoints(TreeMap<String, List<Endpoint>> byService) {
    this.byService = Collections.unmodifiableMap(byService);
  }

  /** No endpoints at all. */
  public static Endpoints empty() {
    return EMPTY;
  }

  /** These endpoints, by service name. */
  public static Endpoints of(Map<String, ? extends List<Endpoint>> byService) {
    requireNonNull(byService, "byService");
    TreeMap<String, List<Endpoint>> copy = new TreeMap<>();
    byService.forEach((k, v) -> copy.put(requireNonNull(k, "service"), List.copyOf(v)));
    return new Endpoints(copy);
  }

  /**
   * The endpoints written in the config itself: each service's static {@code endpoints}, and for
   * services discovered from a {@code static} registry, that registry's list for the service's
   * {@code serviceName} (only the given {@code port}, when one is set). Services discovered from
   * other registries have no entry.
   */
  public static Endpoints fromStaticConfig(GatewayConfig config) {
    requireNonNull(config, "config");
    TreeMap<String, List<Endpoint>> out = new TreeMap<>();
    for (Service s : config.services()) {
      if (s.spec().discoveryKind() instanceof StaticEndpoints st) {
        out.put(s.name(), List.copyOf(st.endpoints()));
      } else if (s.spec().discoveryKind() instanceof RegistryDiscovery rd) {
        Optional<RegistrySpec> reg = config.registry(rd.registry()).map(Registry::spec);
        if (reg.isPresent() && reg.get() instanceof RegistrySpec.Static st) {
          List<Endpoint> eps = st.services().getOrDefault(rd.serviceName(), List.of());
          out.put(
              s.name(),
              eps.stream().filter(e -> rd.port().isEmpty() || rd.port().get() == e.port()).toList());
        }
      }
    }
    return new Endpoints(out);
  }

  /** A copy with the endpoints of {@code service} replaced by {@code endpoints}. */
  public Endpoints with(String service, List<Endpoint> endpoints) {
    requireNonNull(service, "service");
    requireNonNull(endpoints, "endpoints");
    TreeMap<String, List<Endpoint>> copy = new TreeMap<>(byService);
    copy.put(service, List.copyOf(endpoints));
    return new Endpoints(copy);
  }

  /** A copy without an entry for {@code service}. */
  public Endpoints without(String service) {
    requireNonNull(service, "service");
    TreeMap<String, List<Endpoint>> copy = new TreeMap<>(byService);
    copy.remove(service);
    return new Endpoints(copy);
  }

  /** The endpoints of {@code service}; empty if it has none. */
  public List<Endpoint> forService(String service) {
    return byService.getOrDefault(requireNonNull(service, "service"), List.of());
  }

  /** The services that have an entry, sorted. */
  public Set<String> services() {
    return byService.keySet();
  }

  /** Every entry, sorted by service name. */
  public Map<String, List<Endpoint>> asMap() {
    return byService;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Endpoints e && e.byService.equals(byService);
  }

  @Override
  public int hashCode() {
    return byService.hashCode();
  }

  @Override
  public String toString() {
    return "Endpoints" + byService;
  }
}
