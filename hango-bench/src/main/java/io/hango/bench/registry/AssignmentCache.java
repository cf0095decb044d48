package io.hango.bench.registry;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The endpoints ({@code ip:port}) of the ClusterLoadAssignments the simulated proxies receive,
 * parsed once for all of them: a whole state-of-the-world response by its version (the same for
 * every proxy with the same subscription), a delta resource by name and version. A
 * state-of-the-world response with only the changed assignments is parsed as it comes (it
 * carries a few). So the CPU spent is
 * mostly the server's, not the harness's parsing the same bytes a thousand times.
 */
final class AssignmentCache {

  /** State-of-the-world responses kept: the proxies all converge on the newest few. */
  private static final int SOTW_VERSIONS = 16;

  private final Map<String, Map<String, Set<String>>> sotw = new ConcurrentHashMap<>();
  private final Queue<String> sotwOrder = new ConcurrentLinkedQueue<>();
  private final Map<String, Set<String>> delta = new ConcurrentHashMap<>();

  /** A whole state-of-the-world EDS response: endpoints by cluster name. */
  Map<String, Set<String>> sotw(String version, List<Any> assignments) {
    Map<String, Set<String>> parsed = sotw.get(version);
    if (parsed != null) {
      return parsed;
    }
    parsed = sotw.computeIfAbsent(version, v -> {
      sotwOrder.add(v);
      return parse(assignments);
    });
    while (sotwOrder.size() > SOTW_VERSIONS) {
      String oldest = sotwOrder.poll();
      if (oldest != null) {
        sotw.remove(oldest);
      }
    }
    return parsed;
  }

  /** Some assignments, not cached: endpoints by cluster name. */
  Map<String, Set<String>> parse(List<Any> assignments) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Any a : assignments) {
      ClusterLoadAssignment cla = unpack(a);
      out.put(cla.getClusterName(), endpoints(cla));
    }
    return Map.copyOf(out);
  }

  /** One delta resource's endpoints. */
  Set<String> delta(String name, String version, Any assignment) {
    return delta.computeIfAbsent(name + "@" + version, k -> endpoints(unpack(assignment)));
  }

  private static Set<String> endpoints(ClusterLoadAssignment cla) {
    Set<String> out = new HashSet<>();
    for (LocalityLbEndpoints locality : cla.getEndpointsList()) {
      for (LbEndpoint e : locality.getLbEndpointsList()) {
        SocketAddress address = e.getEndpoint().getAddress().getSocketAddress();
        out.add(address.getAddress() + ":" + address.getPortValue());
      }
    }
    return Set.copyOf(out);
  }

  private static ClusterLoadAssignment unpack(Any any) {
    try {
      return any.unpack(ClusterLoadAssignment.class);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("not a ClusterLoadAssignment: " + any.getTypeUrl(), e);
    }
  }
}
