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
   * example: endpoints only).
   *
   * <p>Only a group with a snapshot can be updated: serving the changes of one type alone
   * would tell clients that every other type is empty (a reconnecting Envoy would drop its
   * clusters and listeners), so a group that was never published, or was cleared, rejects
   * updates and stays unserved until its next {@link #publish}.
   *
   * @return the new snapshot of the group
   * @throws IllegalStateException if the group has no snapshot
   */
  Snapshot update(
      String group, String typeUrl, Map<String, ? extends Message> upserts, Collection<String> removals);

  /** The current snapshot of a group. */
  Optional<Snapshot> snapshot(String group);

  /** Groups with a snapshot. */
  Set<String> groups();

  /**
   * Removes a group's snapshot and ends its streams with {@code UNAVAILABLE}: their clients
   * reconnect and are grouped again (the {@link NodeGroupFunction}, then the {@link
   * XdsAuthorizer}), so they move to whatever group serves them now instead of keeping the
   * removed group's configuration for ever. A reconnecting Delta client says what it holds,
   * so nothing unchanged is sent again. A client grouped into a group without a snapshot waits
   * for its first publish. Clearing a group that has no snapshot does nothing.
   */
  void clear(String group);
}
