package io.hango.bench.xds;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint-only update round as the clients see it: which assignment it changes and to
 * what (the {@link Workload#marker} address), the clients still to receive it, and the bytes
 * sent to them meanwhile.
 *
 * <p>A client has the round's update when an EDS response carries the target assignment with
 * the round's address. The check reads the serialized bytes only: the assignment's name is its
 * first field (protobuf writes fields in number order), so other assignments are skipped after a
 * prefix comparison, and only the target's bytes are searched for the address.
 */
final class Round {

  final int number;
  final long startNanos = System.nanoTime();
  final CountDownLatch pending;
  final AtomicLong bytes = new AtomicLong();
  final AtomicLong responses = new AtomicLong();
  private final String target;
  private final ByteString namePrefix;
  private final byte[] marker;

  Round(int number, String target, int clients) {
    this.number = number;
    this.target = target;
    this.pending = new CountDownLatch(clients);
    this.namePrefix = ClusterLoadAssignment.newBuilder().setClusterName(target).build().toByteString();
    this.marker = SocketAddress.newBuilder().setAddress(Workload.marker(number)).build().toByteArray();
  }

  /** Whether {@code assignment}, a packed ClusterLoadAssignment, is this round's target as this round set it. */
  boolean carries(Any assignment) {
    ByteString value = assignment.getValue();
    return value.startsWith(namePrefix) && contains(value.toByteArray(), marker);
  }

  /** Whether a Delta resource named {@code name} is this round's target as this round set it. */
  boolean carries(String name, Any assignment) {
    return name.equals(target) && contains(assignment.getValue().toByteArray(), marker);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
