package io.hango.xds;

/**
 * Decides, on a stream's first request, whether a client may read xDS resources and from
 * which snapshot group. A denied stream is closed with {@code PERMISSION_DENIED}.
 *
 * <p>Called once per stream, on the stream's own serialized executor; it may be slow-ish
 * (a lookup) but must not block indefinitely.
 */
@FunctionalInterface
public interface XdsAuthorizer {

  /** The decision for a client. */
  XdsAuthorization authorize(XdsClientIdentity client);

  /** Allows every client, in the group chosen by the node-group function. */
  static XdsAuthorizer allowAll() {
    return client -> XdsAuthorization.allow();
  }
}
