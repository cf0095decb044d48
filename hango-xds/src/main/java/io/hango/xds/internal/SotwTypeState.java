package io.hango.xds.internal;

import io.hango.xds.XdsResource;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** State of one type on a state-of-the-world stream. */
final class SotwTypeState extends TypeState {

  /**
   * Nonce of the last response, null until one is sent; only a request carrying it can ACK or
   * NACK, and until then any nonce is accepted (a reconnect carries another stream's).
   */
  String nonce;
  /**
   * What the client was sent and holds, by name: the resources of the last full response and
   * the changes sent since. Kept to hold removals back (make-before-break) and to send only
   * what changed. Possibly shared with other streams until {@link #changeSent} copies it.
   */
  private SortedMap<String, XdsResource> sent = Collections.emptySortedMap();

  private boolean sentOwned;
  /**
   * Whether {@link #sent} is exactly what the subscription selects from the generation synced
   * with (nothing held back), so that its version is the shared selection's.
   */
  boolean sentIsSelection;
  /** Subscribed by an empty first request of CDS/LDS; ends with the first named request. */
  boolean legacyWildcard;
  /** The subscription, shared with every stream that subscribes alike. */
  SotwSelection.Subscription subscription;
  /** The names of the last request, as sent: the same list again changes nothing. */
  private List<String> lastRequested;
  /**
   * The version the client rejected: not sent again (that would loop) until the client accepts
   * another version or changes its subscription, after which it may be what the client wants.
   */
  String rejected;
  /** Send even if the version is unchanged (EDS after a CDS change). */
  boolean forceResend;
  /**
   * The version a request without this stream's nonce says the client holds (a reconnect, to this
   * replica or another: versions are content hashes), until the first answer is built. If that
   * answer would carry exactly this version, the client has it and nothing is sent.
   */
  String claimedVersion;

  SotwTypeState(String typeUrl) {
    super(typeUrl);
  }

  SortedMap<String, XdsResource> sent() {
    return sent;
  }

  /** A full response went out: the client holds these (shared, not modified here). */
  void fullySent(SortedMap<String, XdsResource> resources, boolean isSelection) {
    sent = resources;
    sentOwned = false;
    sentIsSelection = isSelection;
  }

  /** A resource changed ({@code r} not null) or was dropped for the client. */
  void changeSent(String name, XdsResource r) {
    if (!sentOwned) {
      sent = new TreeMap<>(sent);
      sentOwned = true;
    }
    if (r == null) {
      sent.remove(name);
    } else {
      sent.put(name, r);
    }
  }

  /**
   * Applies a request's resource names. In SotW every request carries the full
   * subscription.
   *
   * @return whether the subscription changed
   */
  boolean subscribe(List<String> requested, boolean legacyWildcardType) {
    if (seen && requested.equals(lastRequested)) {
      // Every ACK repeats the subscription: comparing the lists is cheaper than a rebuild.
      return false;
    }
    lastRequested = requested;
    boolean first = !seen;
    seen = true;
    TreeSet<String> newNames = new TreeSet<>(requested);
    boolean explicitWildcard = newNames.remove("*");
    legacyWildcard = requested.isEmpty() && legacyWildcardType && (first || legacyWildcard);
    boolean newWildcard = explicitWildcard || legacyWildcard;
    boolean changed = newWildcard != wildcard || !newNames.equals(names);
    wildcard = newWildcard;
    names.clear();
    names.addAll(newNames);
    namesChanged();
    if (changed || subscription == null) {
      subscription = SotwSelection.Subscription.of(typeUrl, wildcard, names);
    }
    return changed;
  }
}
