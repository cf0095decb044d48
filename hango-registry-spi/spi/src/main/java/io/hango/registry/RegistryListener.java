package io.hango.registry;

import java.util.List;

/**
 * Where a {@link RegistryClient} reports. Thread-safe; calls return quickly. Every method has a
 * no-op default, so a listener implements only what it needs.
 */
public interface RegistryListener {

  /**
   * The registry's complete, authoritative answer for {@code service}: every instance it lists,
   * healthy or not (the runtime decides which receive traffic), possibly none.
   */
  default void onInstances(ServiceRef service, List<Instance> instances) {}

  /**
   * The registry could not answer for {@code service} (an error, not an empty answer). The service
   * keeps its last endpoints.
   */
  default void onServiceError(ServiceRef service, String message) {}

  /** The registry is reachable again (or for the first time). */
  default void onConnected() {}

  /** The registry cannot be reached; every service keeps its last endpoints. */
  default void onDisconnected(String reason) {}
}
