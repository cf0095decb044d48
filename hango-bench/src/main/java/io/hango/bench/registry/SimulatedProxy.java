package io.hango.bench.registry;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.grpc.Channel;
import io.hango.xds.TypeUrls;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One simulated Envoy on its own ADS stream: subscribes like Envoy (CDS and LDS wildcard, EDS and
 * RDS by name), ACKs every response, and keeps the endpoints of the assignments it holds, which
 * it checks against the {@link Fleet}'s expectations as they change. Subclasses speak one protocol
 * variant; their response handlers hold this object's lock, as {@link #recheck} does.
 */
abstract class SimulatedProxy {

  private static final Set<String> SUBSCRIBED =
      Set.of(TypeUrls.CLUSTER, TypeUrls.ENDPOINT, TypeUrls.LISTENER, TypeUrls.ROUTE);

  protected final Fleet fleet;
  protected final int id;
  private final Set<String> typesReceived = new HashSet<>();
  private boolean synced;
  private long lastEndpointsNanos;

  SimulatedProxy(Fleet fleet, int id) {
    this.fleet = fleet;
    this.id = id;
  }

  /** Opens the stream on {@code channel} and sends the first request. */
  abstract void start(Channel channel);

  /** Half-closes the stream. */
  abstract void stop();

  /** The endpoints of the assignments held now, by cluster name. */
  protected abstract Map<String, Set<String>> assignments();

  protected Node node() {
    return Node.newBuilder().setId("registry-bench-" + id).setCluster("bench").build();
  }

  /** Counts a response of {@code typeUrl}; the proxy is synced once it has had all four types. */
  protected final void received(String typeUrl) {
    typesReceived.add(typeUrl);
    if (!synced && typesReceived.containsAll(SUBSCRIBED)) {
      synced = true;
      fleet.synced().countDown();
    }
  }

  /** The held assignments changed with the response received at {@code receivedNanos}. */
  protected final void assignmentsChanged(long receivedNanos) {
    lastEndpointsNanos = receivedNanos;
    Map<String, Set<String>> now = assignments();
    for (Expectation e : fleet.expectations()) {
      e.check(id, now, receivedNanos);
    }
  }

  /** Checks a new expectation against what this proxy already holds. */
  final synchronized void recheck(Expectation e) {
    if (lastEndpointsNanos != 0) {
      e.check(id, assignments(), lastEndpointsNanos);
    }
  }
}
