package io.hango.xds.internal;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import io.hango.xds.Snapshot;
import io.hango.xds.SnapshotStore;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Snapshots by group in a concurrent map. A change swaps the group's entry (working out, once
 * for all its streams, which names of which types changed) and tells the debouncer; streams
 * pull the latest entry when they are ready to send.
 */
final class DefaultSnapshotStore implements SnapshotStore {

  private final ConcurrentHashMap<String, GroupSnapshot> groups = new ConcurrentHashMap<>();
  private final Consumer<String> onChange;
  private final Consumer<String> onClear;

  /**
   * @param onChange told the group of every publish and update
   * @param onClear told a group whose snapshot was removed
   */
  DefaultSnapshotStore(Consumer<String> onChange, Consumer<String> onClear) {
    this.onChange = onChange;
    this.onClear = onClear;
  }

  @Override
  public void publish(String group, Snapshot snapshot) {
    requireNonNull(group, "group");
    requireNonNull(snapshot, "snapshot");
    groups.compute(group, (g, old) -> new GroupSnapshot(snapshot, System.nanoTime(), old, null));
    onChange.accept(group);
  }

  @Override
  public Snapshot update(
      String group, String typeUrl, Map<String, ? extends Message> upserts, Collection<String> removals) {
    requireNonNull(group, "group");
    GroupSnapshot next =
        groups.computeIfPresent(
            group,
            (g, old) ->
                new GroupSnapshot(
                    old.snapshot().withChanges(typeUrl, upserts, removals),
                    System.nanoTime(),
                    old,
                    changedNames(upserts, removals)));
    if (next == null) {
      throw new IllegalStateException(
          "snapshot group '" + group + "' has no snapshot to update: publish one first");
    }
    onChange.accept(group);
    return next.snapshot();
  }

  @Override
  public Optional<Snapshot> snapshot(String group) {
    GroupSnapshot g = groups.get(requireNonNull(group, "group"));
    return g == null ? Optional.empty() : Optional.of(g.snapshot());
  }

  @Override
  public Set<String> groups() {
    return Set.copyOf(groups.keySet());
  }

  @Override
  public void clear(String group) {
    if (groups.remove(requireNonNull(group, "group")) != null) {
      onClear.accept(group);
    }
  }

  /** The names an update may change: it keeps every other resource as it was. */
  private static Set<String> changedNames(Map<String, ?> upserts, Collection<String> removals) {
    Set<String> names = new HashSet<>(upserts.keySet());
    names.addAll(removals);
    return names;
  }

  GroupSnapshot current(String group) {
    return groups.get(group);
  }
}
