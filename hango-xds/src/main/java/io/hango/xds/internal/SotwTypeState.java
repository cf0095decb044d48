package io.hango.xds.internal;

import io.hango.xds.XdsResource;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/** State of one type on a state-of-the-world stream. */
final class SotwTypeState extends TypeState {

  /**
   * Nonce of the last response, null until one is sent; only a request carrying it can ACK or
   * NACK, and until then any nonce is accepted (a reconnect carries another stream's).
   */
  String nonce;
  /** The resources of the last response, kept to hold removals back (make-before-break). */
  SortedMap<String, XdsResource> sent = Collections.emptySortedMap();
  /** Subscribed by an empty first request of CDS/LDS; ends with the first named request. */
  boolean legacyWildcard;
  /**
   * The version the client rejected: not sent again (that would loop) until the client accepts
   * another version or changes its subscription, after which it may be what the client wants.
   */
  String rejected;
  /** Send even if the version is unchanged (EDS after a CDS change). */
  boolean forceResend;

  SotwTypeState(String typeUrl) {
    super(typeUrl);
  }

  /**
   * Applies a request's resource names. In SotW every request carries the full
   * subscription.
   *
   * @return whether the subscription changed
   */
  boolean subscribe(List<String> requested, boolean legacyWildcardType) {
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
    return changed;
  }
}
