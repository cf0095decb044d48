package io.hango.xds;

/**
 * Decides, on a stream's first request, whether a client may read xDS resources and from
 * which snapshot group. A denied stream is closed with {@code PERMISSION_DENIED}.
 *
 * <p>Called once per stream, on the server's callback executor ({@code
 * XdsServer.Builder.callbackExecutor}), never on the threads that push to streams: it may be
 * slow (a lookup) without delaying other clients, but must not block indefinitely, as the
 * stream waits for its answer (and the callback executor's threads are shared).
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
