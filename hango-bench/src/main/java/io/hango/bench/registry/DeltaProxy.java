package io.hango.bench.registry;

import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.hango.xds.TypeUrls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SimulatedProxy} on an incremental (delta) ADS stream: CDS and LDS wildcard (the legacy
 * empty first request), EDS and RDS subscribed by name as clusters and listeners arrive; every
 * response ACKed with its nonce; an EDS response adds, replaces and removes single assignments.
 */
final class DeltaProxy extends SimulatedProxy implements StreamObserver<DeltaDiscoveryResponse> {

  private final Set<String> edsNames = new HashSet<>();
  private final Set<String> rdsNames = new HashSet<>();
  private final Map<String, Set<String>> assignments = new HashMap<>();
  private StreamObserver<DeltaDiscoveryRequest> requests;
  private boolean ldsRequested;

  DeltaProxy(Fleet fleet, int id) {
    super(fleet, id);
  }

  @Override
  synchronized void start(Channel channel) {
    requests = AggregatedDiscoveryServiceGrpc.newStub(channel).deltaAggregatedResources(this);
    requests.onNext(DeltaDiscoveryRequest.newBuilder().setNode(node()).setTypeUrl(TypeUrls.CLUSTER).build());
  }

  @Override
  public synchronized void onNext(DeltaDiscoveryResponse response) {
    long receivedNanos = System.nanoTime();
    String type = response.getTypeUrl();
    requests.onNext(DeltaDiscoveryRequest.newBuilder().setTypeUrl(type).setResponseNonce(response.getNonce()).build());
    Traffic traffic = fleet.traffic();
    int resources = response.getResourcesCount() + response.getRemovedResourcesCount();
    int unchanged = resources;
    switch (type) {
      case TypeUrls.CLUSTER -> {
        List<String> added = new ArrayList<>();
        for (Resource r : response.getResourcesList()) {
          fleet.names().edsName(r.getName() + "@" + r.getVersion(), r.getResource())
              .filter(edsNames::add)
              .ifPresent(added::add);
        }
        subscribe(TypeUrls.ENDPOINT, added);
        if (!ldsRequested) {
          ldsRequested = true;
          requests.onNext(DeltaDiscoveryRequest.newBuilder().setTypeUrl(TypeUrls.LISTENER).build());
        }
      }
      case TypeUrls.LISTENER -> {
        List<String> added = new ArrayList<>();
        for (Resource r : response.getResourcesList()) {
          for (String name : fleet.names().rdsNames(r.getName() + "@" + r.getVersion(), r.getResource())) {
            if (rdsNames.add(name)) {
              added.add(name);
            }
          }
        }
        subscribe(TypeUrls.ROUTE, added);
      }
      case TypeUrls.ENDPOINT -> {
        for (Resource r : response.getResourcesList()) {
          if (r.hasResource()) {
            assignments.put(r.getName(), fleet.cache().delta(r.getName(), r.getVersion(), r.getResource()));
          }
          if (traffic.changed().contains(r.getName())) {
            unchanged--;
          }
        }
        response.getRemovedResourcesList().forEach(assignments::remove);
      }
      default -> { }
    }
    traffic.record(id, type.equals(TypeUrls.ENDPOINT), response.getSerializedSize(), resources, unchanged);
    received(type);
    if (type.equals(TypeUrls.ENDPOINT)) {
      assignmentsChanged(receivedNanos);
    }
  }

  private void subscribe(String type, List<String> names) {
    if (!names.isEmpty()) {
      requests.onNext(DeltaDiscoveryRequest.newBuilder().setTypeUrl(type).addAllResourceNamesSubscribe(names).build());
    }
  }

  @Override
  protected Map<String, Set<String>> assignments() {
    return assignments;
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
