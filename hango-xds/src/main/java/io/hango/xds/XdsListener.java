package io.hango.xds;

import com.google.protobuf.Message;

/**
 * Callbacks on xDS stream events. Every method defaults to doing nothing, so an
 * implementation overrides only what it needs.
 *
 * <p>Methods run on the server's callback executor ({@code XdsServer.Builder.callbackExecutor}),
 * never on the threads that push to streams, so a slow listener does not delay clients. Events
 * of one stream arrive in order (possibly after the client already saw the response), events
 * of different streams may run concurrently. A listener that falls more than 1,000 events
 * behind on one stream loses the newer ones (logged, counted in {@code
 * hango.xds.listener.dropped}). An exception thrown is logged and ignored.
 */
public interface XdsListener {

  /** A stream was authorized on its first request. */
  default void onStreamOpen(XdsStreamInfo stream) {}

  /**
   * An authorized stream ended.
   *
   * @param error null when the client or the server completed the stream normally
   */
  default void onStreamClose(XdsStreamInfo stream, Throwable error) {}

  /**
   * A request arrived: a {@code DiscoveryRequest} or a {@code DeltaDiscoveryRequest}.
   */
  default void onRequest(XdsStreamInfo stream, String typeUrl, Message request) {}

  /** The client accepted the response of this version. */
  default void onAck(XdsStreamInfo stream, String typeUrl, String version) {}

  /** The client rejected the response of this version. */
  default void onNack(XdsStreamInfo stream, String typeUrl, String version, String message) {}

  /**
   * A response was sent: a {@code DiscoveryResponse} or a {@code DeltaDiscoveryResponse}.
   *
   * @param version the response's version (SotW {@code version_info}, Delta {@code
   *     system_version_info})
   */
  default void onPush(XdsStreamInfo stream, String typeUrl, String version, Message response) {}
}
