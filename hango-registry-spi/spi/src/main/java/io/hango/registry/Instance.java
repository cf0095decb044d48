package io.hango.registry;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One instance of a service as a registry lists it, already mapped to Hango's terms by the
 * registry's client (see {@code docs/registries.md} for each registry's mapping).
 *
 * @param id the registry's id of the instance (for status and {@code hango discover})
 * @param address IP address (a host name is listed but receives no traffic: EDS carries IPs)
 * @param port port
 * @param weight weight in Envoy's terms: 100 is the default weight of every registry, 0 means no
 *     traffic
 * @param status whether the registry says it may receive traffic
 * @param statusDetail the registry's own words for the status, e.g. {@code eureka status OUT_OF_SERVICE}
 * @param region locality region
 * @param zone locality zone
 * @param labels instance metadata (or Dubbo URL parameters), for subsets
 */
public record Instance(
    String id,
    String address,
    int port,
    int weight,
    Status status,
    String statusDetail,
    Optional<String> region,
    Optional<String> zone,
    Map<String, String> labels) {

  /** The default weight of an instance, in every registry's mapping. */
  public static final int DEFAULT_WEIGHT = 100;

  /** What the registry says about an instance. */
  public enum Status {
    /** Healthy and enabled: receives traffic. */
    UP,
    /** Failing its health checks, or down. */
    DOWN,
    /** Taken out of service on purpose (disabled, out of service). */
    DISABLED,
    /** Shutting down: no new requests. */
    TERMINATING
  }

  public Instance {
    requireNonNull(id, "id");
    requireNonNull(address, "address");
    requireNonNull(status, "status");
    requireNonNull(statusDetail, "statusDetail");
    requireNonNull(region, "region");
    requireNonNull(zone, "zone");
    labels = Map.copyOf(new TreeMap<>(requireNonNull(labels, "labels")));
  }

  /** An instance that is up, with the default weight and no locality or labels. */
  public static Instance up(String id, String address, int port) {
    return new Instance(id, address, port, DEFAULT_WEIGHT, Status.UP, "up", Optional.empty(), Optional.empty(), Map.of());
  }
}
