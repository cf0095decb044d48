package io.hango.xds.internal;

import io.hango.xds.XdsResource;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * State of one type on an incremental (delta) stream.
 *
 * <p>A request costs what it changes: names it subscribes are marked {@link #dirty}; a publish
 * costs what it changes: the names its {@link TypeGeneration} changed since the last response.
 * Only those are looked at. The first request, a change of wildcard, a change of the clusters
 * (for endpoints) or changes too old to be known make the next response walk everything
 * ({@link #fullSync}).
 */
final class DeltaTypeState extends TypeState {

  /** Responses older than this many unanswered ones are forgotten: their nonces are stale. */
  private static final int MAX_OUTSTANDING = 32;

  /** A response awaiting ACK/NACK: its system version and the resource versions it carried. */
  record Sent(String systemVersion, Map<String, String> versions) {}

  /** What the client holds. */
  final HeldVersions clientVersions = new HeldVersions();
  /** Names to send even if the client holds the same version (re-subscribe, EDS after CDS). */
  final Set<String> forced = new HashSet<>();
  /**
   * Versions the client rejected, by name: not sent again until the client accepts another
   * version of the name or subscribes to it anew.
   */
  final Map<String, String> nacked = new HashMap<>();
  /** Names to look at in the next response, when it need not walk everything. */
  final TreeSet<String> dirty = new TreeSet<>();
  /** The next response walks everything the subscription selects. */
  boolean fullSync = true;
  /** The resources of this type the last response was built from. */
  Map<String, XdsResource> synced;

  /** Nonce of the last response sent; a request carrying it answers everything sent. */
  String lastNonce;

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
    boolean wasWildcard = wildcard;
    if (first) {
      seen = true;
      clientVersions.putAll(initialVersions);
      wildcard = subscribe.isEmpty() && legacyWildcardType;
    }
    for (String n : subscribe) {
      if (n.equals("*")) {
        wildcard = true;
      } else {
        names.add(n);
        nacked.remove(n);
        dirty.add(n);
        changed = true;
        // A re-subscription asks for the resource again; on the first request the client's
        // initial versions say what it already has.
        if (!first) {
          clientVersions.remove(n);
        }
      }
    }
    for (String n : unsubscribe) {
      if (n.equals("*")) {
        wildcard = false;
      } else if (names.remove(n)) {
        changed = true;
        forced.remove(n);
        nacked.remove(n);
        dirty.remove(n);
        // Under a wildcard the client keeps what the wildcard covers; anything else (a name
        // it was told does not exist, an assignment it had by name only) it drops.
        if (!wildcard || synced == null || !synced.containsKey(n)) {
          clientVersions.remove(n);
        }
      }
    }
    if (changed) {
      namesChanged();
    }
    if (wildcard != wasWildcard) {
      changed = true;
      fullSync = true;
    }
    if ((first || wasWildcard) && !wildcard) {
      clientVersions.retainOnly(names);
    }
    return changed;
  }
}
