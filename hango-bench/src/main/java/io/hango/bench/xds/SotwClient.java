package io.hango.bench.xds;

import com.google.protobuf.Any;
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
 * ACKed with its version, nonce and the names subscribed. An EDS response may carry only the
 * assignments that changed (in SotW only LDS and CDS responses are the whole state); the client
 * has an update round once an EDS response carries the round's assignment.
 */
final class SotwClient implements AdsClient, StreamObserver<DiscoveryResponse> {

  private final ClientRun run;
  private final int id;
  private final Set<String> received = new HashSet<>();
  private StreamObserver<DiscoveryRequest> requests;
  private List<String> edsNames = List.of();
  private List<String> rdsNames = List.of();
  private boolean ldsRequested;
  private boolean synced;
  private int lastRound;

  SotwClient(ClientRun run, int id) {
    this.run = run;
    this.id = id;
  }

  @Override
  public synchronized void start(Channel channel) {
    requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(this);
    requests.onNext(request(ClientRun.CDS, List.of()).setNode(ClientRun.node(id)).build());
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
        Round round = run.round();
        if (round != null && lastRound < round.number && carries(round, response)) {
          lastRound = round.number;
          round.pending.countDown();
        }
      }
      case ClientRun.LDS -> {
        ack(response, List.of());
        List<String> rds = run.names.rdsNames(response.getVersionInfo(), response.getResourcesList());
        if (!rds.equals(rdsNames)) {
          rdsNames = rds;
          requests.onNext(request(ClientRun.RDS, rdsNames).build());
        }
      }
      case ClientRun.RDS -> ack(response, rdsNames);
      default -> ack(response, List.of());
    }
    received.add(type);
    if (!synced && received.containsAll(ClientRun.ALL)) {
      synced = true;
      run.synced();
    }
  }

  private static boolean carries(Round round, DiscoveryResponse response) {
    for (Any a : response.getResourcesList()) {
      if (round.carries(a)) {
        return true;
      }
    }
    return false;
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
