package io.hango.registry.eureka.internal;

import java.util.Map;
import java.util.Optional;

/**
 * One instance as Eureka lists it, with the fields the mapping needs, as read from the JSON of
 * {@code /apps} or {@code /apps/delta}. Internal.
 *
 * @param app the application name, upper case (Eureka's key)
 * @param id {@code instanceId}, else {@code hostName} (Eureka's identity of an instance)
 * @param hostName {@code hostName}, or empty
 * @param ipAddr {@code ipAddr}, or empty
 * @param status {@code status} as written ({@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, ...)
 * @param overriddenStatus {@code overriddenStatus} (or the older {@code overriddenstatus}), {@code UNKNOWN} when absent
 * @param port {@code port}
 * @param securePort {@code securePort}
 * @param metadata {@code metadata}, without Eureka's {@code @class} marker
 * @param dataCenter {@code dataCenterInfo.name}, or empty
 * @param availabilityZone {@code dataCenterInfo.metadata.availability-zone} of an {@code Amazon} data center
 * @param action the {@code actionType} of a delta entry
 */
public record EurekaInstance(
    String app,
    String id,
    String hostName,
    String ipAddr,
    String status,
    String overriddenStatus,
    Port port,
    Port securePort,
    Map<String, String> metadata,
    String dataCenter,
    Optional<String> availabilityZone,
    Action action) {

  /** A port and whether Eureka lists it as enabled ({@code {"$": 8080, "@enabled": "true"}}). */
  public record Port(int number, boolean enabled) {}

  /** What a delta says happened to an instance. */
  public enum Action {
    /** Registered. */
    ADDED,
    /** Changed (status, metadata, ...): the entry is the instance as it is now. */
    MODIFIED,
    /** Deregistered or evicted. */
    DELETED
  }

  public EurekaInstance {
    metadata = Map.copyOf(metadata);
  }

  /** The status that counts: {@code overriddenStatus} unless it is {@code UNKNOWN}, else {@code status}. */
  public String effectiveStatus() {
    return overriddenStatus.isEmpty() || overriddenStatus.equals("UNKNOWN") ? status : overriddenStatus;
  }
}
