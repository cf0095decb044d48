package io.hango.xds.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** State of one type on an incremental (delta) stream. */
final class DeltaTypeState extends TypeState {

  /** Marks a subscribed name the client was told does not exist, so it is told only once. */
  static final String ABSENT = "";

  /** Responses older than this many unanswered ones are forgotten: their nonces are stale. */
  private static final int MAX_OUTSTANDING = 32;

  /** A response awaiting ACK/NACK: its system version and the resource versions it carried. */
  record Sent(String systemVersion, Map<String, String> versions) {}

  /** What the client holds, name to version (or {@link #ABSENT}). */
  final Map<String, String> clientVersions = new HashMap<>();
  /** Names to send even if the client holds the same version (re-subscribe, EDS after CDS). */
  final Set<String> forced = new HashSet<>();
  /** Versions the client rejected, by name: never sent again to this stream. */
  final Map<String, String> nacked = new HashMap<>();

  final Map<String, Sent> outstanding =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
          return size() > MAX_OUTSTANDING;
        }
      };

  DeltaTypeState(String typeUrl) {
    super(typeUrl);
  }

  /**
   * Applies a request's subscription changes.
   *
   * @return whether the subscription changed
   */
  boolean applySubscriptions(
      Collection<String> subscribe,
      Collection<String> unsubscribe,
      Map<String, String> initialVersions,
      boolean legacyWildcardType) {
    boolean first = !seen;
    boolean changed = first;
    if (first) {
      seen = true;
      clientVersions.putAll(initialVersions);
      wildcard = subscribe.isEmpty() && legacyWildcardType;
    }
    for (String n : subscribe) {
      if (n.equals("*")) {
        changed |= !wildcard;
        wildcard = true;
      } else {
        names.add(n);
        changed = true;
        // A re-subscription asks for the resource again; on the first request the client's
        // initial versions say what it already has.
        if (!first) {
          clientVersions.remove(n);
        }
      }
    }
    boolean wildcardDropped = false;
    for (String n : unsubscribe) {
      if (n.equals("*")) {
        wildcardDropped |= wildcard;
        wildcard = false;
      } else if (names.remove(n)) {
        changed = true;
        forced.remove(n);
        if (!wildcard) {
          clientVersions.remove(n);
        }
      }
    }
    if (first || wildcardDropped) {
      changed |= wildcardDropped;
      if (!wildcard) {
        clientVersions.keySet().retainAll(names);
      }
    }
    return changed;
  }
}
