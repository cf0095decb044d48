package io.hango.bench.registry;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which providers are registered, as the harness has asked ZooKeeper (the expected state the
 * proxies must reach), and the choice of the next changes: random ones, and for the churn's
 * samples random ones on services that have been quiet for a while. A change never removes a service's last
 * provider: an empty service would be held for the registry's empty grace period instead of
 * changing at once. Not thread-safe: one thread makes the changes.
 */
final class ProviderSet {

  private final ProviderNames names;
  private final BitSet[] registered;
  private final BitSet pinned;
  /** Per service, the number of the change that last touched it (changes are numbered from 1). */
  private final long[] lastChange;
  private long changes;
  private int pinnedCount;

  /** Every provider of every service registered, none pinned. */
  ProviderSet(ProviderNames names) {
    this.names = names;
    this.registered = new BitSet[names.services()];
    for (int s = 0; s < registered.length; s++) {
      registered[s] = new BitSet(names.instances());
      registered[s].set(0, names.instances());
    }
    this.pinned = new BitSet(names.services());
    this.lastChange = new long[names.services()];
    Arrays.fill(lastChange, Long.MIN_VALUE / 2); // never: as long ago as can be without overflow
  }

  ProviderNames names() {
    return names;
  }

  /** Records a change made in the registry. */
  void apply(ProviderChange change) {
    BitSet providers = registered[change.service()];
    if (providers.get(change.instance()) == change.add()) {
      throw new IllegalStateException("provider already " + (change.add() ? "registered" : "gone") + ": " + change);
    }
    if (!change.add() && providers.cardinality() == 1) {
      throw new IllegalStateException("would remove the last provider: " + change);
    }
    providers.set(change.instance(), change.add());
    lastChange[change.service()] = ++changes;
  }

  /** The endpoints a service's ClusterLoadAssignment must have now. */
  Set<String> endpoints(int service) {
    return registered[service].stream()
        .mapToObj(i -> names.endpoint(service, i))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The endpoints a service's ClusterLoadAssignment must have once {@code change} is made. */
  Set<String> endpointsAfter(ProviderChange change) {
    Set<String> out = new HashSet<>(endpoints(change.service()));
    String endpoint = names.endpoint(change.service(), change.instance());
    if (change.add()) {
      out.add(endpoint);
    } else {
      out.remove(endpoint);
    }
    return Set.copyOf(out);
  }

  /** Every service's expected endpoints, by cluster name. */
  Map<String, Set<String>> expectedAssignments() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (int s = 0; s < registered.length; s++) {
      out.put(names.service(s), endpoints(s));
    }
    return out;
  }

  /** The deregistration of a random provider of a random service that has more than one. */
  ProviderChange randomRemoval(Random random) {
    int service = random.nextInt(registered.length);
    for (int tried = 0; registered[service].cardinality() < 2; tried++) {
      if (tried == registered.length) {
        throw new IllegalStateException("no service has two providers");
      }
      service = (service + 1) % registered.length;
    }
    return new ProviderChange(service, randomMember(registered[service], true, random), false);
  }

  /**
   * A random provider of a random service that is not pinned, toggled: a registered one
   * deregisters, unless it is the service's last, in which case another provider of it registers.
   */
  ProviderChange randomToggle(Random random) {
    if (pinnedCount == registered.length) {
      throw new IllegalStateException("every service is pinned");
    }
    int service = random.nextInt(registered.length);
    while (pinned.get(service)) {
      service = (service + 1) % registered.length;
    }
    return toggle(service, random);
  }

  /**
   * Like {@link #randomToggle}, on a random service that no change has touched among the last
   * {@code quietChanges} changes, then pins that service: later random toggles leave it alone. So
   * the service's state before this change has long reached the proxies, its state after it stays
   * as it is, and the time every proxy takes to get there can be measured. Empty when at least half
   * of the services are pinned already, or no quiet service is found in as many tries as services.
   */
  Optional<ProviderChange> randomQuietToggleAndPin(Random random, long quietChanges) {
    if (pinnedCount >= registered.length / 2) {
      return Optional.empty();
    }
    for (int tried = 0; tried < registered.length; tried++) {
      int service = random.nextInt(registered.length);
      if (!pinned.get(service) && changes - lastChange[service] >= quietChanges) {
        pinned.set(service);
        pinnedCount++;
        return Optional.of(toggle(service, random));
      }
    }
    return Optional.empty();
  }

  private ProviderChange toggle(int service, Random random) {
    BitSet providers = registered[service];
    int instance = random.nextInt(names.instances());
    if (!providers.get(instance)) {
      return new ProviderChange(service, instance, true);
    }
    if (providers.cardinality() > 1) {
      return new ProviderChange(service, instance, false);
    }
    return new ProviderChange(service, randomMember(providers, false, random), true);
  }

  /** A random instance that is ({@code registered}) or is not registered; there must be one. */
  private int randomMember(BitSet providers, boolean isRegistered, Random random) {
    int count = isRegistered ? providers.cardinality() : names.instances() - providers.cardinality();
    int skip = random.nextInt(count);
    int i = isRegistered ? providers.nextSetBit(0) : providers.nextClearBit(0);
    for (; skip > 0; skip--) {
      i = isRegistered ? providers.nextSetBit(i + 1) : providers.nextClearBit(i + 1);
    }
    return i;
  }
}
