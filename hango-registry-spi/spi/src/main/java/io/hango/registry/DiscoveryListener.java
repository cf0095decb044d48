package io.hango.registry;

import io.hango.model.service.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Receives the debounced endpoint changes of {@link ServiceDiscovery}. */
@FunctionalInterface
public interface DiscoveryListener {

  /**
   * The endpoints of these services changed.
   *
   * @param endpointsByService the new endpoints, by {@code Service} document name (an empty list
   *     means the service has no endpoints now)
   * @param firstEvent when the earliest registry event behind this change arrived (for the
   *     event-to-publish time)
   */
  void endpointsChanged(Map<String, List<Endpoint>> endpointsByService, Instant firstEvent);
}
