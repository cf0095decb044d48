package io.hango.xds.internal;

import io.hango.xds.XdsResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resources of one type in a group's snapshot, numbered, with the names that changed since
 * earlier generations (the last {@value #MAX_HISTORY} at most). Computed once per publish and shared by every stream of the
 * group: a stream remembers the generation it last built a response from, skips a type whose
 * generation is still the same, and otherwise looks only at the names that changed since.
 *
 * <p>A publish that leaves a type's resources as they were keeps its generation, whatever the
 * identity of the maps. State-of-the-world streams share the {@linkplain #selection selections}
 * of a generation.
 */
final class TypeGeneration {

  /** Generation numbers, unique in the JVM: a cleared and republished group never repeats one. */
  private static final AtomicLong NUMBERS = new AtomicLong();

  /**
   * How many earlier generations' changes are kept: enough for the updates of a debounce
   * period (one per registry change at worst), over which a stream is told of them once.
   */
  private static final int MAX_HISTORY = 1_024;

  /** Changed names kept over all kept generations; beyond, looking at everything is as cheap. */
  private static final int MAX_HISTORY_NAMES = 4_096;

  /**
   * Distinct subscriptions whose selection is kept per generation; streams subscribing
   * otherwise compute their own. Subscriptions come from clients, so this bounds the memory.
   */
  private static final int MAX_SELECTIONS = 64;

  /** The generation of a type that is in no snapshot yet; never changes. */
  static final TypeGeneration ABSENT = new TypeGeneration(Map.of(), 0, null);

  /** The names that changed from generation {@code from} to the next, and the changes before. */
  private record Change(long from, Set<String> names, Change older) {}

  private final Map<String, XdsResource> resources;
  private final long number;
  private final Change history;
  private final ConcurrentHashMap<SotwSelection.Subscription, SotwSelection> selections =
      new ConcurrentHashMap<>();

  private TypeGeneration(Map<String, XdsResource> resources, long number, Change history) {
    this.resources = resources;
    this.number = number;
    this.history = history;
  }

  /** The first generation of a type; nothing is known of earlier ones. */
  static TypeGeneration first(Map<String, XdsResource> resources) {
    return new TypeGeneration(resources, NUMBERS.incrementAndGet(), null);
  }

  /**
   * The generation that follows this one for the type's new resources: this one if they are
   * equal (same names and versions), else a new one that knows which names changed.
   *
   * @param candidates null, or every name that may differ (those an update upserted or removed)
   */
  TypeGeneration next(Map<String, XdsResource> next, Collection<String> candidates) {
    if (next == resources) {
      return this;
    }
    Set<String> changed = new HashSet<>();
    if (candidates != null) {
      for (String name : candidates) {
        if (!Objects.equals(next.get(name), resources.get(name))) {
          changed.add(name);
        }
      }
    } else {
      next.forEach(
          (name, r) -> {
            if (!r.equals(resources.get(name))) {
              changed.add(name);
            }
          });
      for (String name : resources.keySet()) {
        if (!next.containsKey(name)) {
          changed.add(name);
        }
      }
    }
    if (changed.isEmpty()) {
      return this;
    }
    return new TypeGeneration(next, NUMBERS.incrementAndGet(), kept(new Change(number, Set.copyOf(changed), history)));
  }

  /** The newest changes, at most {@link #MAX_HISTORY} generations and about {@link #MAX_HISTORY_NAMES} names. */
  private static Change kept(Change newest) {
    int generations = 0;
    int names = 0;
    for (Change c = newest; c != null; c = c.older()) {
      generations++;
      names += c.names().size();
      if (generations >= MAX_HISTORY || names >= MAX_HISTORY_NAMES) {
        return truncated(newest, c);
      }
    }
    return newest;
  }

  /** The changes from {@code newest} down to {@code last}, without anything older. */
  private static Change truncated(Change newest, Change last) {
    List<Change> kept = new ArrayList<>();
    for (Change c = newest; c != last; c = c.older()) {
      kept.add(c);
    }
    Change copy = new Change(last.from(), last.names(), null);
    for (int i = kept.size() - 1; i >= 0; i--) {
      copy = new Change(kept.get(i).from(), kept.get(i).names(), copy);
    }
    return copy;
  }

  /** The resources by name, sorted by name. */
  Map<String, XdsResource> resources() {
    return resources;
  }

  /** The number of this generation. */
  long number() {
    return number;
  }

  /** What a state-of-the-world subscription selects from this generation, shared. */
  SotwSelection selection(SotwSelection.Subscription subscription) {
    SotwSelection cached = selections.get(subscription);
    if (cached != null) {
      return cached;
    }
    if (selections.size() >= MAX_SELECTIONS) {
      return SotwSelection.of(subscription, resources);
    }
    return selections.computeIfAbsent(subscription, sub -> SotwSelection.of(sub, resources));
  }

  /**
   * The names added, changed or removed since the generation numbered {@code earlier}, or null
   * if that is not known (too old, or not an earlier generation of this type in this group).
   */
  Set<String> changedSince(long earlier) {
    if (earlier == number) {
      return Set.of();
    }
    Set<String> union = null;
    for (Change c = history; c != null; c = c.older()) {
      if (c.from() == earlier && union == null) {
        return c.names();
      }
      if (union == null) {
        union = new HashSet<>(c.names());
      } else {
        union.addAll(c.names());
      }
      if (c.from() == earlier) {
        return union;
      }
    }
    return null;
  }
}
