package io.hango.xds.internal;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.Attributes;
import io.grpc.stub.StreamObserver;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incremental protocol: responses carry only what changed for the client (added or
 * updated resources, removed names). {@code system_version_info} is a hash over the (name,
 * version) pairs the client holds after the response.
 */
final class DeltaStream
    extends XdsStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse, DeltaTypeState> {

  private static final Logger log = LoggerFactory.getLogger(DeltaStream.class);

  DeltaStream(
      XdsEngine engine,
      long id,
      String fixedTypeUrl,
      StreamObserver<DeltaDiscoveryResponse> responses,
      Attributes attributes,
      String method) {
    super(engine, id, fixedTypeUrl, true, responses, attributes, method);
  }

  @Override
  Node nodeOf(DeltaDiscoveryRequest request) {
    return request.getNode();
  }

  @Override
  String typeUrlOf(DeltaDiscoveryRequest request) {
    return request.getTypeUrl();
  }

  @Override
  DeltaTypeState newState(String typeUrl) {
    return new DeltaTypeState(typeUrl);
  }

  @Override
  void onRequest(DeltaTypeState s, DeltaDiscoveryRequest request) {
    String nonce = request.getResponseNonce();
    if (!nonce.isEmpty()) {
      DeltaTypeState.Sent sent = s.outstanding.remove(nonce);
      if (sent == null) {
        // Unknown or forgotten nonce: no ACK/NACK to record. Subscription changes in the same
        // request still apply; in Delta they do not depend on the nonce.
        log.debug("xDS stream {}: unknown nonce {} for {}", id, nonce, s.typeUrl);
      } else if (request.hasErrorDetail()) {
        s.nacked.putAll(sent.versions());
        recordNack(s, sent.systemVersion(), request.getErrorDetail().getMessage());
      } else {
        recordAck(s, sent.systemVersion());
      }
    }
    boolean first = !s.seen;
    boolean changed =
        s.applySubscriptions(
            request.getResourceNamesSubscribeList(),
            request.getResourceNamesUnsubscribeList(),
            request.getInitialResourceVersionsMap(),
            TypeUrls.allowsLegacyWildcard(s.typeUrl));
    if (first) {
      s.answerRequired = true;
    }
    if (changed) {
      s.pendingAdd = true;
    }
  }

  @Override
  DeltaDiscoveryResponse buildAdd(DeltaTypeState s, Snapshot snapshot) {
    s.pendingAdd = false;
    // On ADS, removals wait until every type's additions went out (make-before-break).
    return diff(s, snapshot, !ads);
  }

  @Override
  DeltaDiscoveryResponse buildRemove(DeltaTypeState s, Snapshot snapshot) {
    s.pendingRemove = false;
    return diff(s, snapshot, true);
  }

  private DeltaDiscoveryResponse diff(DeltaTypeState s, Snapshot snapshot, boolean withRemovals) {
    SortedMap<String, XdsResource> desired = new TreeMap<>(select(s, snapshot));
    Map<String, XdsResource> present = snapshot.resources(s.typeUrl);
    addMissingEndpoints(s, desired);
    List<XdsResource> updates = new ArrayList<>();
    for (XdsResource r : desired.values()) {
      String held = s.clientVersions.get(r.name());
      if (!withRemovals && !present.containsKey(r.name()) && held != null && !DeltaTypeState.ABSENT.equals(held)) {
        // Emptying the endpoints of a deleted cluster is a removal: it waits like one.
        s.pendingRemove = true;
        continue;
      }
      boolean outdated = s.forced.contains(r.name()) || !r.version().equals(held);
      if (outdated && !r.version().equals(s.nacked.get(r.name()))) {
        updates.add(r);
      }
    }
    TreeSet<String> removals = new TreeSet<>();
    s.clientVersions.forEach(
        (name, version) -> {
          if (!desired.containsKey(name) && !DeltaTypeState.ABSENT.equals(version)) {
            removals.add(name);
          }
        });
    if (!withRemovals && !removals.isEmpty()) {
      // The client holds these: they go only after every type's additions.
      s.pendingRemove = true;
      removals.clear();
    }
    for (String name : s.names) {
      // Subscribed but never mentioned: tell the client it does not exist, once. Nothing
      // held is taken away, so this need not wait.
      if (!desired.containsKey(name) && !s.clientVersions.containsKey(name)) {
        removals.add(name);
      }
    }
    if (updates.isEmpty() && removals.isEmpty() && !s.answerRequired) {
      return null;
    }
    Map<String, String> sentVersions = new LinkedHashMap<>();
    DeltaDiscoveryResponse.Builder b =
        DeltaDiscoveryResponse.newBuilder().setTypeUrl(s.typeUrl).setNonce(nextNonce());
    for (XdsResource r : updates) {
      b.addResources(
          Resource.newBuilder().setName(r.name()).setVersion(r.version()).setResource(r.toAny()));
      s.clientVersions.put(r.name(), r.version());
      s.forced.remove(r.name());
      sentVersions.put(r.name(), r.version());
    }
    for (String name : removals) {
      b.addRemovedResources(name);
      if (s.names.contains(name)) {
        s.clientVersions.put(name, DeltaTypeState.ABSENT);
      } else {
        s.clientVersions.remove(name);
      }
    }
    TreeMap<String, String> held = new TreeMap<>();
    s.clientVersions.forEach(
        (name, version) -> {
          if (!DeltaTypeState.ABSENT.equals(version)) {
            held.put(name, version);
          }
        });
    String systemVersion = ResourceVersions.aggregateVersions(held);
    b.setSystemVersionInfo(systemVersion);
    s.outstanding.put(b.getNonce(), new DeltaTypeState.Sent(systemVersion, sentVersions));
    if (TypeUrls.CLUSTER.equals(s.typeUrl)) {
      resendEndpointsOf(updates);
    }
    recordSent(s, systemVersion, held.size());
    return b.build();
  }

  /**
   * An updated cluster is re-initialized by Envoy, which then waits for its endpoints: send
   * them again even if unchanged (see {@link SotwStream}).
   */
  private void resendEndpointsOf(List<XdsResource> clusters) {
    DeltaTypeState eds = types.get(TypeUrls.ENDPOINT);
    if (eds == null || !eds.seen) {
      return;
    }
    for (XdsResource r : clusters) {
      String edsName = r.name();
      if (r.message() instanceof Cluster c && !c.getEdsClusterConfig().getServiceName().isEmpty()) {
        edsName = c.getEdsClusterConfig().getServiceName();
      }
      if (eds.isSubscribed(edsName)) {
        eds.forced.add(edsName);
        eds.pendingAdd = true;
      }
    }
  }

  @Override
  String typeUrlOfResponse(DeltaDiscoveryResponse response) {
    return response.getTypeUrl();
  }

  @Override
  String versionOfResponse(DeltaDiscoveryResponse response) {
    return response.getSystemVersionInfo();
  }
}
