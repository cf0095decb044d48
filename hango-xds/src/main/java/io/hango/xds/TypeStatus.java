package io.hango.xds;

import java.time.Instant;
import java.util.List;

/**
 * The state of one resource type on one stream. Versions and times are null when the event
 * has not happened yet.
 *
 * @param typeUrl the type
 * @param versionSent version of the last response sent
 * @param versionAcked version of the last response the client accepted
 * @param versionNacked version of the last response the client rejected
 * @param lastNackMessage the client's error message for that rejection
 * @param lastSentAt when the last response was sent
 * @param lastAckAt when the last ACK arrived
 * @param lastNackAt when the last NACK arrived
 * @param wildcard whether the client subscribed to every resource of the type
 * @param subscriptions explicitly subscribed resource names, sorted
 * @param resourceCount number of resources the client holds after the last response
 */
public record TypeStatus(
    String typeUrl,
    String versionSent,
    String versionAcked,
    String versionNacked,
    String lastNackMessage,
    Instant lastSentAt,
    Instant lastAckAt,
    Instant lastNackAt,
    boolean wildcard,
    List<String> subscriptions,
    int resourceCount) {

  /** Copies the subscriptions. */
  public TypeStatus {
    subscriptions = List.copyOf(subscriptions);
  }

  /** Whether the last response sent was rejected and nothing newer was sent since. */
  public boolean nacked() {
    return versionNacked != null && versionNacked.equals(versionSent);
  }
}
