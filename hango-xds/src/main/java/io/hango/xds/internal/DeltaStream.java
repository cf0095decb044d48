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
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // The desired set is the subscription's selection from the snapshot plus, for EDS, an
    // empty assignment for every subscribed name the snapshot lacks (see addMissingEndpoints).
    // It is walked in place rather than copied into sorted maps: this runs for every type of
    // every stream on every publish, and with a thousand streams and a thousand resources the
    // copies were most of the server's time. Membership is decided by inDesired().
    Map<String, XdsResource> present = snapshot.resources(s.typeUrl);
    boolean endpoints = TypeUrls.ENDPOINT.equals(s.typeUrl);
    List<XdsResource> updates = new ArrayList<>();
    boolean unsorted = false;
    if (s.wildcard) {
      for (XdsResource r : present.values()) {
        consider(s, r, true, withRemovals, updates);
      }
    }
    for (String name : s.names) {
      XdsResource r = present.get(name);
      if (r != null) {
        if (!s.wildcard) {
          consider(s, r, true, withRemovals, updates);
        }
      } else if (endpoints) {
        consider(s, emptyEndpoints(name), false, withRemovals, updates);
        // Merged with the wildcard's resources: restore name order below.
        unsorted |= s.wildcard;
      }
    }
    if (unsorted) {
      updates.sort(Comparator.comparing(XdsResource::name));
    }
    TreeSet<String> removals = new TreeSet<>();
    s.clientVersions.forEach(
        (name, version) -> {
          if (!DeltaTypeState.ABSENT.equals(version) && !inDesired(s, present, endpoints, name)) {
            removals.add(name);
          }
        });
    if (!withRemovals && !removals.isEmpty()) {
      // The client holds these: they go only after every type's additions.
      s.pendingRemove = true;
      removals.clear();
    }
    if (!endpoints) {
      for (String name : s.names) {
        // Subscribed but never mentioned: tell the client it does not exist, once. Nothing
        // held is taken away, so this need not wait. (Every subscribed EDS name is desired.)
        if (!s.clientVersions.containsKey(name) && !present.containsKey(name)) {
          removals.add(name);
        }
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
    String[] held = new String[s.clientVersions.size()];
    int count = 0;
    for (Map.Entry<String, String> e : s.clientVersions.entrySet()) {
      if (!DeltaTypeState.ABSENT.equals(e.getValue())) {
        held[count++] = e.getKey();
      }
    }
    Arrays.sort(held, 0, count);
    String systemVersion = ResourceVersions.aggregateVersions(held, count, s.clientVersions);
    b.setSystemVersionInfo(systemVersion);
    s.outstanding.put(b.getNonce(), new DeltaTypeState.Sent(systemVersion, sentVersions));
    if (TypeUrls.CLUSTER.equals(s.typeUrl)) {
      resendEndpointsOf(updates);
    }
    recordSent(s, systemVersion, count);
    return b.build();
  }

  /** One desired resource: an update for the client unless it holds (or rejected) this version. */
  private static void consider(
      DeltaTypeState s, XdsResource r, boolean inSnapshot, boolean withRemovals, List<XdsResource> updates) {
    String held = s.clientVersions.get(r.name());
    if (!withRemovals && !inSnapshot && held != null && !DeltaTypeState.ABSENT.equals(held)) {
      // Emptying the endpoints of a deleted cluster is a removal: it waits like one.
      s.pendingRemove = true;
      return;
    }
    boolean outdated = !r.version().equals(held) || s.forced.contains(r.name());
    if (outdated && !r.version().equals(s.nacked.get(r.name()))) {
      updates.add(r);
    }
  }

  /**
   * Whether a name is in the desired set: selected from the snapshot (wildcard or subscribed
   * by name), or a subscribed EDS name (answered with an empty assignment if absent).
   */
  private static boolean inDesired(
      DeltaTypeState s, Map<String, XdsResource> present, boolean endpoints, String name) {
    if (s.wildcard) {
      return present.containsKey(name) || (endpoints && s.names.contains(name));
    }
    return s.names.contains(name) && (endpoints || present.containsKey(name));
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
