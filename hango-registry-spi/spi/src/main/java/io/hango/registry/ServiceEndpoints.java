package io.hango.registry;

import static java.util.Objects.requireNonNull;

import io.hango.model.service.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What discovery currently knows of one {@code Service} document: the endpoints served, the
 * instances left out (with the reason) and the state of the empty-answer policy.
 *
 * @param service the {@code Service} document's name
 * @param registry the {@code Registry} document's name
 * @param ref the service as the registry knows it
 * @param endpoints the endpoints served now
 * @param excluded the instances of the last answer that receive no traffic, with the reason
 * @param state where the service stands
 * @param lastAnswer when the registry last answered for it
 */
public record ServiceEndpoints(
    String service,
    String registry,
    ServiceRef ref,
    List<Endpoint> endpoints,
    List<Excluded> excluded,
    State state,
    Optional<Instant> lastAnswer) {

  public ServiceEndpoints {
    requireNonNull(service, "service");
    requireNonNull(registry, "registry");
    requireNonNull(ref, "ref");
    endpoints = List.copyOf(endpoints);
    excluded = List.copyOf(excluded);
    requireNonNull(state, "state");
    requireNonNull(lastAnswer, "lastAnswer");
  }

  /** An instance that receives no traffic, and why. */
  public record Excluded(Instance instance, String reason) {
    public Excluded {
      requireNonNull(instance, "instance");
      requireNonNull(reason, "reason");
    }
  }

  /** Where a service stands. */
  public enum State {
    /** No answer from the registry yet. */
    WAITING,
    /** The endpoints are the registry's last answer. */
    SYNCED,
    /** The registry answered empty; the last endpoints are kept until the grace period ends. */
    EMPTY_PENDING,
    /** The registry answered empty and {@code onEmpty: keepLast} keeps the last endpoints. */
    KEEPING_LAST,
    /** The registry failed (error or outage); the last endpoints are kept. */
    STALE
  }
}
