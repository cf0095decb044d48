package io.hango.registry.internal;

import com.google.common.net.InetAddresses;
import io.hango.model.service.Endpoint;
import io.hango.registry.Instance;
import io.hango.registry.ServiceEndpoints.Excluded;
import io.hango.registry.ServiceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rule for which instances of a registry's answer receive traffic, and the one wording of
 * why an instance does not. Internal.
 */
public final class Selection {

  /** The endpoints to serve (sorted by address and port) and the instances left out. */
  public record Result(List<Endpoint> endpoints, List<Excluded> excluded) {}

  private Selection() {}

  /** Selects the instances of {@code instances} that receive traffic for {@code ref}. */
  public static Result select(ServiceRef ref, List<Instance> instances) {
    List<Endpoint> endpoints = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    List<Instance> ordered = new ArrayList<>(instances);
    ordered.sort(Comparator.comparing(Instance::address).thenComparingInt(Instance::port).thenComparing(Instance::id));
    for (Instance i : ordered) {
      String reason = reason(ref, i);
      if (reason == null) {
        String first = seen.putIfAbsent(i.address() + ":" + i.port(), i.id());
        if (first != null) {
          reason = "same address and port as instance " + first;
        }
      }
      if (reason != null) {
        excluded.add(new Excluded(i, reason));
        continue;
      }
      endpoints.add(Endpoint.builder()
          .address(i.address())
          .port(i.port())
          .weight(i.weight())
          .labels(i.labels())
          .zone(i.zone())
          .region(i.region())
          .build());
    }
    return new Result(List.copyOf(endpoints), List.copyOf(excluded));
  }

  private static String reason(ServiceRef ref, Instance i) {
    switch (i.status()) {
      case DOWN:
        return "unhealthy (" + i.statusDetail() + ")";
      case DISABLED:
        return "disabled (" + i.statusDetail() + ")";
      case TERMINATING:
        return "terminating (" + i.statusDetail() + "): no new requests";
      default:
        break;
    }
    if (i.weight() <= 0) {
      return "weight " + i.weight() + ": no traffic";
    }
    if (!InetAddresses.isInetAddress(i.address())) {
      return "address '" + i.address() + "' is not an IP address: Envoy's EDS takes IP addresses only (register the IP)";
    }
    if (i.port() < 1 || i.port() > 65535) {
      return "port " + i.port() + " is not in 1-65535";
    }
    if (ref.port().isPresent() && ref.port().getAsInt() != i.port()) {
      return "port " + i.port() + ", not the port " + ref.port().getAsInt() + " that spec.discovery.port asks for";
    }
    return null;
  }
}
