package io.hango.registry.internal;

import io.hango.model.service.Endpoint;
import io.hango.registry.ServiceEndpoints;
import io.hango.registry.ServiceEndpoints.Excluded;
import io.hango.registry.ServiceEndpoints.State;
import io.hango.registry.ServiceRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;

/**
 * What is known of one watched service of one registry: the endpoints served, the last answer's
 * exclusions, the policy state and the {@code Service} documents that use it. Guarded by the
 * runtime's lock. Internal.
 */
final class WatchedService {

  final ServiceRef ref;
  final Set<String> services = new TreeSet<>();
  List<Endpoint> endpoints = List.of();
  List<Excluded> excluded = List.of();
  State state = State.WAITING;
  Instant lastAnswer;
  ScheduledFuture<?> emptyTimer;

  WatchedService(ServiceRef ref) {
    this.ref = ref;
  }

  void cancelEmptyTimer() {
    if (emptyTimer != null) {
      emptyTimer.cancel(false);
      emptyTimer = null;
    }
  }

  List<ServiceEndpoints> views(String registry) {
    return services.stream()
        .map(s -> new ServiceEndpoints(s, registry, ref, endpoints, excluded, state, Optional.ofNullable(lastAnswer)))
        .toList();
  }
}
