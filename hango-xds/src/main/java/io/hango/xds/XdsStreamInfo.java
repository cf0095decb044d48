package io.hango.xds;

import io.envoyproxy.envoy.config.core.v3.Node;

/**
 * Identifies a stream in {@link XdsListener} callbacks.
 *
 * @param streamId unique within the server
 * @param service {@code "ADS"} or the type URL of a per-type service
 * @param delta whether the stream speaks the incremental (delta) protocol
 * @param node the node from the first request
 * @param group the snapshot group the stream reads
 */
public record XdsStreamInfo(long streamId, String service, boolean delta, Node node, String group) {

  /** The node id, for logs. */
  public String nodeId() {
    return node.getId();
  }
}
