package io.hango.xds;

import com.google.protobuf.Message;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources served to each node group. A node's group comes from the server's
 * {@link NodeGroupFunction} (and possibly its {@link XdsAuthorizer}).
 *
 * <p>All methods are thread-safe and cheap: publishing replaces a reference and schedules a
 * debounced notification; it never waits for clients, however slow. Streams read the latest
 * snapshot when they are ready to send, so a slow client skips intermediate versions.
 *
 * <p>A group without a snapshot is not served yet: its clients get no responses until the
 * first publish, as Envoy would otherwise start with an empty configuration.
 */
public interface SnapshotStore {

  /** Replaces the snapshot of a group. */
  void publish(String group, Snapshot snapshot);

  /**
   * Upserts and removes resources of one type of a group, keeping everything else (for
   * example: endpoints only). A group without a snapshot starts from an empty one.
   *
   * @return the new snapshot of the group
   */
  Snapshot update(
      String group, String typeUrl, Map<String, ? extends Message> upserts, Collection<String> removals);

  /** The current snapshot of a group. */
  Optional<Snapshot> snapshot(String group);

  /** Groups with a snapshot. */
  Set<String> groups();

  /**
   * Removes a group's snapshot. Connected clients keep what they have and get nothing more
   * until a new snapshot is published.
   */
  void clear(String group);
}
