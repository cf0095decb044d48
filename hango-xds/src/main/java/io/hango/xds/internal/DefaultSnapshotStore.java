package io.hango.xds.internal;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import io.hango.xds.Snapshot;
import io.hango.xds.SnapshotStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Snapshots by group in a concurrent map. A change only swaps the group's entry and tells the
 * debouncer; streams pull the latest entry when they are ready to send.
 */
final class DefaultSnapshotStore implements SnapshotStore {

  private final ConcurrentHashMap<String, GroupSnapshot> groups = new ConcurrentHashMap<>();
  private final Consumer<String> onChange;

  DefaultSnapshotStore(Consumer<String> onChange) {
    this.onChange = onChange;
  }

  @Override
  public void publish(String group, Snapshot snapshot) {
    requireNonNull(group, "group");
    requireNonNull(snapshot, "snapshot");
    groups.put(group, new GroupSnapshot(snapshot, System.nanoTime()));
    onChange.accept(group);
  }

  @Override
  public Snapshot update(
      String group, String typeUrl, Map<String, ? extends Message> upserts, Collection<String> removals) {
    requireNonNull(group, "group");
    GroupSnapshot next =
        groups.compute(
            group,
            (g, old) ->
                new GroupSnapshot(
                    (old == null ? Snapshot.empty() : old.snapshot())
                        .withChanges(typeUrl, upserts, removals),
                    System.nanoTime()));
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
    groups.remove(requireNonNull(group, "group"));
  }

  GroupSnapshot current(String group) {
    return groups.get(group);
  }
}
