package io.hango.bench.xds;

import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One simulated Envoy on a state-of-the-world ADS stream: CDS wildcard, then EDS for the EDS
 * clusters and LDS wildcard, then RDS for the listeners' route configurations; every response
 * ACKed with its version and nonce.
 */
final class SotwClient implements StreamObserver<DiscoveryResponse> {

  private final ClientRun run;
  private final int id;
  private final Set<String> acked = new HashSet<>();
  private StreamObserver<DiscoveryRequest> requests;
  private List<String> edsNames = List.of();
  private List<String> rdsNames = List.of();
  private boolean ldsRequested;
  private boolean synced;
  private boolean edsUpdated;
  private boolean rdsUpdated;
  private boolean converged;

  SotwClient(ClientRun run, int id) {
    this.run = run;
    this.id = id;
  }

  synchronized void start(Channel channel) {
    requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(this);
    requests.onNext(DiscoveryRequest.newBuilder().setNode(ClientRun.node(id)).setTypeUrl(ClientRun.CDS).build());
  }

  @Override
  public synchronized void onNext(DiscoveryResponse response) {
    run.countResponse(response.getSerializedSize());
    String type = response.getTypeUrl();
    switch (type) {
      case ClientRun.CDS -> {
        ack(response, List.of());
        List<String> eds = run.names.edsNames(response.getVersionInfo(), response.getResourcesList());
        if (!eds.equals(edsNames)) {
          edsNames = eds;
          requests.onNext(request(ClientRun.EDS, edsNames).build());
        }
        if (!ldsRequested) {
          ldsRequested = true;
          requests.onNext(request(ClientRun.LDS, List.of()).build());
        }
      }
      case ClientRun.EDS -> {
        ack(response, edsNames);
        edsUpdated |= run.updating;
      }
      case ClientRun.LDS -> {
        ack(response, List.of());
        List<String> rds = run.names.rdsNames(response.getVersionInfo(), response.getResourcesList());
        if (!rds.equals(rdsNames)) {
          rdsNames = rds;
          requests.onNext(request(ClientRun.RDS, rdsNames).build());
        }
      }
      case ClientRun.RDS -> {
        ack(response, rdsNames);
        rdsUpdated |= run.updating;
      }
      default -> ack(response, List.of());
    }
    acked.add(type);
    if (!synced && acked.containsAll(ClientRun.ALL)) {
      synced = true;
      run.synced();
    }
    if (!converged && edsUpdated && rdsUpdated) {
      converged = true;
      run.converged.countDown();
    }
  }

  private DiscoveryRequest.Builder request(String type, List<String> names) {
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
    run.errors.incrementAndGet();
  }

  @Override
  public void onCompleted() {}

  synchronized void stop() {
    if (requests != null) {
      requests.onCompleted();
    }
  }
}
