package io.hango.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of one running registry, for status pages and meters. Never holds credentials: error
 * messages have the registry's secrets replaced by {@code ***}.
 *
 * @param name the {@code Registry} document's name
 * @param type its type
 * @param connected whether the registry is reachable now
 * @param lastSync when it last answered for any service
 * @param lastError the last error, if any, with its time
 * @param lastErrorAt when that error happened
 * @param events answers received so far
 * @param errors errors so far
 * @param services the watched services
 */
public record RegistryStatus(
    String name,
    String type,
    boolean connected,
    Optional<Instant> lastSync,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    long events,
    long errors,
    List<ServiceEndpoints> services) {

  public RegistryStatus {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(lastSync, "lastSync");
    requireNonNull(lastError, "lastError");
    requireNonNull(lastErrorAt, "lastErrorAt");
    services = List.copyOf(services);
  }
}
