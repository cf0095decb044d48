package io.hango.xds;

import io.hango.xds.internal.JsonWriter;
import java.time.Instant;
import java.util.List;

/**
 * A point-in-time view of every connected stream, like Istio's syncz: per node and type, what
 * was sent, accepted and rejected. Available as records and as JSON.
 *
 * @param at when the view was taken
 * @param nodes one entry per authorized stream, by stream id
 */
public record XdsStatus(Instant at, List<NodeStatus> nodes) {

  /** Copies the nodes. */
  public XdsStatus {
    nodes = List.copyOf(nodes);
  }

  /** The streams of one node id. */
  public List<NodeStatus> node(String nodeId) {
    return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).toList();
  }

  /** The status as a JSON document (stable field order, ISO-8601 times). */
  public String toJson() {
    JsonWriter w = new JsonWriter();
    w.beginObject().name("at").value(at).name("nodes").beginArray();
    for (NodeStatus n : nodes) {
      w.beginObject()
          .name("streamId").value(n.streamId())
          .name("nodeId").value(n.nodeId())
          .name("nodeCluster").value(n.nodeCluster())
          .name("group").value(n.group())
          .name("service").value(n.service())
          .name("delta").value(n.delta())
          .name("remoteAddress").value(n.remoteAddress())
          .name("connectedAt").value(n.connectedAt())
          .name("responsesSent").value(n.responsesSent())
          .name("bytesSent").value(n.bytesSent())
          .name("pendingTypes").value(n.pendingTypes())
          .name("types").beginArray();
      for (TypeStatus t : n.types()) {
        w.beginObject()
            .name("typeUrl").value(t.typeUrl())
            .name("versionSent").value(t.versionSent())
            .name("versionAcked").value(t.versionAcked())
            .name("versionNacked").value(t.versionNacked())
            .name("lastNackMessage").value(t.lastNackMessage())
            .name("lastSentAt").value(t.lastSentAt())
            .name("lastAckAt").value(t.lastAckAt())
            .name("lastNackAt").value(t.lastNackAt())
            .name("wildcard").value(t.wildcard())
            .name("subscriptions").beginArray();
        t.subscriptions().forEach(w::value);
        w.endArray().name("resourceCount").value(t.resourceCount()).endObject();
      }
      w.endArray().endObject();
    }
    return w.endArray().endObject().toString();
  }
}
