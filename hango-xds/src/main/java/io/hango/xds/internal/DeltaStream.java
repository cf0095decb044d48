package io.hango.xds.internal;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.Attributes;
import io.grpc.stub.StreamObserver;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
      String method,
      StreamAdmission.Ticket ticket) {
    super(engine, id, fixedTypeUrl, true, responses, attributes, method, ticket);
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
  int namesRequested(DeltaDiscoveryRequest request) {
    return request.getResourceNamesSubscribeCount();
  }

  @Override
  DeltaTypeState newState(String typeUrl) {
    return new DeltaTypeState(typeUrl);
  }

  @Override
  void onRequest(DeltaTypeState s, DeltaDiscoveryRequest request) {
    String nonce = request.getResponseNonce();
    if (!nonce.isEmpty()) {
      if (nonce.equals(s.lastNonce)) {
        s.awaitingReply = false;
      }
      DeltaTypeState.Sent sent = s.outstanding.remove(nonce);
      if (sent == null) {
        // Unknown or forgotten nonce: no ACK/NACK to record. Subscription changes in the same
        // request still apply; in Delta they do not depend on the nonce.
        log.debug(
            "xDS stream {}: unknown nonce {} for {}", id, LogText.escape(nonce), LogText.escape(s.typeUrl));
      } else if (request.hasErrorDetail()) {
        s.nacked.putAll(sent.versions());
        recordNack(s, sent.systemVersion(), request.getErrorDetail().getMessage());
      } else {
        // The client took these versions: a rejection of an older one no longer holds.
        sent.versions().keySet().forEach(s.nacked::remove);
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
  DeltaDiscoveryResponse buildAdd(DeltaTypeState s, GroupSnapshot current) {
    s.pendingAdd = false;
    // On ADS, removals wait until every type's additions went out (make-before-break).
    return diff(s, current, !ads, namesToWalk(s, current));
  }

  @Override
  DeltaDiscoveryResponse buildRemove(DeltaTypeState s, GroupSnapshot current) {
    s.pendingRemove = false;
    return diff(s, current, true, null);
  }

  /**
   * The names the next response must look at, in name order: those subscribed (or forced)
   * since the last response and those the snapshot changed since (worked out once per publish
   * for the whole group, see {@link TypeGeneration}). Null if it must walk everything: after
   * the first request or a change of wildcard, when the changes since are no longer known, or
   * for endpoints when the clusters changed (they decide which names get an empty assignment).
   */
  private static Set<String> namesToWalk(DeltaTypeState s, GroupSnapshot current) {
    if (s.fullSync
        || (TypeUrls.ENDPOINT.equals(s.typeUrl)
            && current.generation(TypeUrls.CLUSTER).number() != s.syncedClusters)) {
      return null;
    }
    Set<String> changed = current.generation(s.typeUrl).changedSince(s.syncedGeneration);
    if (changed == null) {
      return null;
    }
    if (changed.isEmpty()) {
      return s.dirty;
    }
    TreeSet<String> names = new TreeSet<>(changed);
    names.addAll(s.dirty);
    return names;
  }

  /**
   * @param names the names to look at, in name order; null for everything
   */
  private DeltaDiscoveryResponse diff(
      DeltaTypeState s, GroupSnapshot current, boolean withRemovals, Set<String> names) {
    // The desired set is the subscription's selection from the snapshot plus, for EDS, an
    // empty assignment for every subscribed name a cluster takes its endpoints from but the
    // snapshot has no assignment for. Every other subscribed name the snapshot lacks does not
    // exist, and is reported in removed_resources.
    // It is walked in place rather than copied into sorted maps, and only where something can
    // have changed for the client: this runs for every stream on every publish. Membership is
    // decided by inDesired().
    Map<String, XdsResource> present = current.snapshot().resources(s.typeUrl);
    Set<String> clustered = TypeUrls.ENDPOINT.equals(s.typeUrl) ? current.endpointNames() : Set.of();
    List<XdsResource> updates = new ArrayList<>();
    TreeSet<String> removals = new TreeSet<>();
    if (names == null) {
      walkEverything(s, present, clustered, withRemovals, updates, removals);
      s.fullSync = false;
    } else {
      walkNames(s, names, present, clustered, withRemovals, updates, removals);
    }
    s.synced = present;
    s.markSynced(current);
    s.dirty.clear();
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
        s.clientVersions.put(name, HeldVersions.ABSENT);
      } else {
        s.clientVersions.remove(name);
      }
    }
    String systemVersion = s.clientVersions.version();
    b.setSystemVersionInfo(systemVersion);
    s.outstanding.put(b.getNonce(), new DeltaTypeState.Sent(systemVersion, sentVersions));
    s.lastNonce = b.getNonce();
    if (TypeUrls.CLUSTER.equals(s.typeUrl)) {
      resendEndpointsOf(updates);
    }
    recordSent(s, systemVersion, s.clientVersions.held());
    return b.build();
  }

  /** Everything the subscription selects, and everything the client holds. */
  private static void walkEverything(
      DeltaTypeState s,
      Map<String, XdsResource> present,
      Set<String> clustered,
      boolean withRemovals,
      List<XdsResource> updates,
      Set<String> removals) {
    boolean unsorted = false;
    if (s.wildcard) {
      for (XdsResource r : present.values()) {
        consider(s, r, updates);
      }
    }
    for (String name : s.names) {
      XdsResource r = present.get(name);
      if (r != null) {
        if (!s.wildcard) {
          consider(s, r, updates);
        }
      } else if (clustered.contains(name)) {
        consider(s, XdsStream.emptyEndpoints(name), updates);
        // Merged with the wildcard's resources: restore name order below.
        unsorted |= s.wildcard;
      } else if (!s.clientVersions.containsKey(name)) {
        // Subscribed but never mentioned: tell the client it does not exist, once. Nothing
        // held is taken away, so this need not wait.
        removals.add(name);
      }
    }
    if (unsorted) {
      updates.sort(Comparator.comparing(XdsResource::name));
    }
    List<String> gone = new ArrayList<>();
    s.clientVersions.forEach(
        (name, version) -> {
          if (!HeldVersions.ABSENT.equals(version) && !inDesired(s, present, clustered, name)) {
            gone.add(name);
          }
        });
    if (!gone.isEmpty()) {
      if (withRemovals) {
        removals.addAll(gone);
      } else {
        // The client holds these: they go only after every type's additions.
        s.pendingRemove = true;
      }
    }
  }

  /**
   * Only some names: those subscribed or forced since the last response, and those the
   * snapshot changed since. Nothing else can have changed for the client.
   */
  private static void walkNames(
      DeltaTypeState s,
      Set<String> names,
      Map<String, XdsResource> present,
      Set<String> clustered,
      boolean withRemovals,
      List<XdsResource> updates,
      Set<String> removals) {
    for (String name : names) {
      String held = s.clientVersions.get(name);
      if (inDesired(s, present, clustered, name)) {
        XdsResource r = present.get(name);
        consider(s, r != null ? r : XdsStream.emptyEndpoints(name), updates);
      } else if (held == null) {
        if (s.names.contains(name)) {
          // Subscribed but never mentioned: tell the client it does not exist, once.
          removals.add(name);
        }
      } else if (!HeldVersions.ABSENT.equals(held)) {
        if (withRemovals) {
          removals.add(name);
        } else {
          // The client holds it: it goes only after every type's additions.
          s.pendingRemove = true;
        }
      }
    }
  }

  /** One desired resource: an update for the client unless it holds (or rejected) this version. */
  private static void consider(DeltaTypeState s, XdsResource r, List<XdsResource> updates) {
    String held = s.clientVersions.get(r.name());
    if (!s.nacked.isEmpty() && r.version().equals(held)) {
      // Back on the version the client holds: a rejection of another one no longer holds.
      s.nacked.remove(r.name());
    }
    boolean outdated = !r.version().equals(held) || s.forced.contains(r.name());
    if (outdated && !r.version().equals(s.nacked.get(r.name()))) {
      updates.add(r);
    }
  }

  /**
   * Whether a name is in the desired set: selected from the snapshot (wildcard or subscribed
   * by name), or a subscribed EDS name of a cluster (an empty assignment if absent).
   */
  private static boolean inDesired(
      DeltaTypeState s, Map<String, XdsResource> present, Set<String> clustered, String name) {
    if (s.wildcard && present.containsKey(name)) {
      return true;
    }
    return s.names.contains(name) && (present.containsKey(name) || clustered.contains(name));
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
      String edsName = r.message() instanceof Cluster c ? GroupSnapshot.endpointsNameOf(c) : r.name();
      if (eds.isSubscribed(edsName)) {
        eds.forced.add(edsName);
        eds.dirty.add(edsName);
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
