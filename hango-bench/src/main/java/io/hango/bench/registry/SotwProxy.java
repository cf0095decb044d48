package io.hango.bench.registry;

import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.hango.xds.TypeUrls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SimulatedProxy} on a state-of-the-world ADS stream: every response ACKed with its
 * version, nonce and the names subscribed. An EDS response with an assignment for every
 * subscribed name replaces the held ones; one with fewer updates those it carries and keeps the
 * others, as Envoy and grpc-java do (in SotW only LDS and CDS responses are the whole state).
 */
final class SotwProxy extends SimulatedProxy implements StreamObserver<DiscoveryResponse> {

  private StreamObserver<DiscoveryRequest> requests;
  private List<String> edsNames = List.of();
  private List<String> rdsNames = List.of();
  private boolean ldsRequested;
  private Map<String, Set<String>> assignments = Map.of();

  SotwProxy(Fleet fleet, int id) {
    super(fleet, id);
  }

  @Override
  synchronized void start(Channel channel) {
    requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(this);
    requests.onNext(request(TypeUrls.CLUSTER, List.of()).setNode(node()).build());
  }

  @Override
  public synchronized void onNext(DiscoveryResponse response) {
    long receivedNanos = System.nanoTime();
    String type = response.getTypeUrl();
    boolean eds = type.equals(TypeUrls.ENDPOINT);
    switch (type) {
      case TypeUrls.CLUSTER -> {
        ack(response, List.of());
        List<String> names = fleet.names().edsNames(response.getVersionInfo(), response.getResourcesList());
        if (!names.equals(edsNames)) {
          edsNames = names;
          requests.onNext(request(TypeUrls.ENDPOINT, edsNames).build());
        }
        if (!ldsRequested) {
          ldsRequested = true;
          requests.onNext(request(TypeUrls.LISTENER, List.of()).build());
        }
      }
      case TypeUrls.ENDPOINT -> {
        ack(response, edsNames);
        if (response.getResourcesCount() >= edsNames.size()) {
          assignments = fleet.cache().sotw(response.getVersionInfo(), response.getResourcesList());
        } else {
          Map<String, Set<String>> updated = new HashMap<>(assignments);
          updated.putAll(fleet.cache().parse(response.getResourcesList()));
          assignments = updated;
        }
      }
      case TypeUrls.LISTENER -> {
        ack(response, List.of());
        List<String> names = fleet.names().rdsNames(response.getVersionInfo(), response.getResourcesList());
        if (!names.equals(rdsNames)) {
          rdsNames = names;
          requests.onNext(request(TypeUrls.ROUTE, rdsNames).build());
        }
      }
      case TypeUrls.ROUTE -> ack(response, rdsNames);
      default -> ack(response, List.of());
    }
    Traffic traffic = fleet.traffic();
    int resources = response.getResourcesCount();
    int unchanged = resources;
    if (eds) {
      for (String cluster : traffic.changed()) {
        if (assignments.containsKey(cluster)) {
          unchanged--;
        }
      }
    }
    traffic.record(id, eds, response.getSerializedSize(), resources, unchanged);
    received(type);
    if (eds) {
      assignmentsChanged(receivedNanos);
    }
  }

  @Override
  protected Map<String, Set<String>> assignments() {
    return assignments;
  }

  private static DiscoveryRequest.Builder request(String type, List<String> names) {
    return DiscoveryRequest.newBuilder().setTypeUrl(type).addAllResourceNames(names);
  }

  private void ack(DiscoveryResponse response, List<String> names) {
    requests.onNext(request(response.getTypeUrl(), names)
        .setVersionInfo(response.getVersionInfo())
        .setResponseNonce(response.getNonce())
        .build());
  }

  @Override
  public void onError(Throwable t) {
    fleet.streamFailed(t);
  }

  @Override
  public void onCompleted() {}

  @Override
  synchronized void stop() {
    if (requests != null) {
      requests.onCompleted();
    }
  }
}
