package io.hango.bench.xds;

import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One simulated Envoy on an incremental (delta) ADS stream: CDS and LDS wildcard (legacy: no
 * names on the first request), EDS and RDS subscribed by name as clusters and listeners arrive;
 * every response ACKed with its nonce. The client has an update round once an EDS response
 * carries the round's assignment.
 */
final class DeltaClient implements AdsClient, StreamObserver<DeltaDiscoveryResponse> {

  private final ClientRun run;
  private final int id;
  private final Set<String> received = new HashSet<>();
  private final Set<String> edsNames = new HashSet<>();
  private final Set<String> rdsNames = new HashSet<>();
  private StreamObserver<DeltaDiscoveryRequest> requests;
  private boolean ldsRequested;
  private boolean synced;
  private int lastRound;

  DeltaClient(ClientRun run, int id) {
    this.run = run;
    this.id = id;
  }

  @Override
  public synchronized void start(Channel channel) {
    requests = AggregatedDiscoveryServiceGrpc.newStub(channel).deltaAggregatedResources(this);
    requests.onNext(DeltaDiscoveryRequest.newBuilder().setNode(ClientRun.node(id)).setTypeUrl(ClientRun.CDS).build());
  }

  @Override
  public synchronized void onNext(DeltaDiscoveryResponse response) {
    run.countResponse(response.getSerializedSize());
    String type = response.getTypeUrl();
    requests.onNext(DeltaDiscoveryRequest.newBuilder().setTypeUrl(type).setResponseNonce(response.getNonce()).build());
    switch (type) {
      case ClientRun.CDS -> {
        List<String> added = new ArrayList<>();
        for (Resource r : response.getResourcesList()) {
          run.names.edsName(r.getName() + "@" + r.getVersion(), r.getResource())
              .filter(edsNames::add)
              .ifPresent(added::add);
        }
        if (!added.isEmpty()) {
          requests.onNext(subscribe(ClientRun.EDS, added));
        }
        if (!ldsRequested) {
          ldsRequested = true;
          requests.onNext(DeltaDiscoveryRequest.newBuilder().setTypeUrl(ClientRun.LDS).build());
        }
      }
      case ClientRun.LDS -> {
        List<String> added = new ArrayList<>();
        for (Resource r : response.getResourcesList()) {
          for (String name : run.names.rdsNames(r.getName() + "@" + r.getVersion(), r.getResource())) {
            if (rdsNames.add(name)) {
              added.add(name);
            }
          }
        }
        if (!added.isEmpty()) {
          requests.onNext(subscribe(ClientRun.RDS, added));
        }
      }
      case ClientRun.EDS -> {
        Round round = run.round();
        if (round != null && lastRound < round.number && carries(round, response)) {
          lastRound = round.number;
          round.pending.countDown();
        }
      }
      default -> { }
    }
    received.add(type);
    if (!synced && received.containsAll(ClientRun.ALL)) {
      synced = true;
      run.synced();
    }
  }

  private static boolean carries(Round round, DeltaDiscoveryResponse response) {
    for (Resource r : response.getResourcesList()) {
      if (round.carries(r.getName(), r.getResource())) {
        return true;
      }
    }
    return false;
  }

  private static DeltaDiscoveryRequest subscribe(String type, List<String> names) {
    return DeltaDiscoveryRequest.newBuilder().setTypeUrl(type).addAllResourceNamesSubscribe(names).build();
  }

  @Override
  public void onError(Throwable t) {
    run.failed(t);
  }

  @Override
  public void onCompleted() {}

  @Override
  public synchronized void stop() {
    if (requests != null) {
      requests.onCompleted();
    }
  }
}
