package io.hango.xds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of one connected, authorized stream (a node may hold several, e.g. one per
 * type with per-type services).
 *
 * @param streamId unique within the server
 * @param nodeId the node's id
 * @param nodeCluster the node's cluster
 * @param group the snapshot group the stream reads
 * @param service {@code "ADS"} or the type URL of a per-type service
 * @param delta whether the stream uses the incremental protocol
 * @param remoteAddress the peer address, or null
 * @param connectedAt when the stream opened
 * @param responsesSent responses sent on the stream
 * @param bytesSent serialized bytes of those responses
 * @param pendingTypes types with a response waiting for the transport (bounded by the
 *     number of types: a waiting type holds a flag, not a message)
 * @param types per-type state in push order
 */
public record NodeStatus(
    long streamId,
    String nodeId,
    String nodeCluster,
    String group,
    String service,
    boolean delta,
    String remoteAddress,
    Instant connectedAt,
    long responsesSent,
    long bytesSent,
    int pendingTypes,
    List<TypeStatus> types) {

  /** Copies the types. */
  public NodeStatus {
    types = List.copyOf(types);
  }

  /** The state of one type, if the stream has requested it. */
  public Optional<TypeStatus> type(String typeUrl) {
    return types.stream().filter(t -> t.typeUrl().equals(typeUrl)).findFirst();
  }
}
