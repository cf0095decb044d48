package io.hango.xds.internal;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Attributes;
import io.grpc.stub.StreamObserver;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state-of-the-world protocol: a response of clusters or listeners carries the full
 * selected set of its type; one of endpoints, once the client has the full set, only what
 * changed since. Its {@code version_info} is a hash over the (name,
 * version) pairs the client then holds. Selections, versions and encodings come from the
 * group's {@link TypeGeneration}s, shared by streams that subscribe alike.
 */
final class SotwStream extends XdsStream<DiscoveryRequest, DiscoveryResponse, SotwTypeState> {

  private static final Logger log = LoggerFactory.getLogger(SotwStream.class);

  SotwStream(
      XdsEngine engine,
      long id,
      String fixedTypeUrl,
      StreamObserver<DiscoveryResponse> responses,
      Attributes attributes,
      String method,
      StreamAdmission.Ticket ticket) {
    super(engine, id, fixedTypeUrl, false, responses, attributes, method, ticket);
  }

  @Override
  Node nodeOf(DiscoveryRequest request) {
    return request.getNode();
  }

  @Override
  String typeUrlOf(DiscoveryRequest request) {
    return request.getTypeUrl();
  }

  @Override
  int namesRequested(DiscoveryRequest request) {
    return request.getResourceNamesCount();
  }

  @Override
  SotwTypeState newState(String typeUrl) {
    return new SotwTypeState(typeUrl);
  }

  @Override
  void onRequest(SotwTypeState s, DiscoveryRequest request) {
    String nonce = request.getResponseNonce();
    if (!nonce.isEmpty() && s.nonce != null) {
      if (!nonce.equals(s.nonce)) {
        // A request answering an older (or unknown) response: the client will see the newer
        // response and answer that one, so acting on this would only cause a duplicate.
        log.debug(
            "xDS stream {}: stale nonce {} for {} ignored",
            id, LogText.escape(nonce), LogText.escape(s.typeUrl));
        return;
      }
      s.awaitingReply = false;
      if (request.hasErrorDetail()) {
        s.rejected = s.versionSent;
        recordNack(s, s.versionSent, request.getErrorDetail().getMessage());
      } else if (request.getVersionInfo().equals(s.versionSent)) {
        s.rejected = null;
        recordAck(s, s.versionSent);
      }
      // Otherwise the current nonce with an older version and no error: after a NACK, Envoy
      // and grpc-java send subscription changes with the last ACCEPTED version. Not an ACK.
    } else {
      // No nonce, or one this stream never sent for the type (a reconnect, possibly to another
      // replica, carries the old server's nonce): a new subscription, answered unless the client
      // already holds exactly what the answer would carry (see respond).
      s.answerRequired = true;
      s.claimedVersion = request.getVersionInfo().isEmpty() ? null : request.getVersionInfo();
    }
    boolean changed =
        s.subscribe(request.getResourceNamesList(), TypeUrls.allowsLegacyWildcard(s.typeUrl));
    if (changed) {
      // A changed subscription is answered even if the selected set (and so the version) is
      // the same: the client learns that new names do not exist, or gets resources it now
      // asks for by name, instead of waiting on a timer. A rejection of the old subscription
      // says nothing about the new one.
      s.answerRequired = true;
      s.rejected = null;
    }
    if (s.answerRequired) {
      s.pendingAdd = true;
    }
  }

  @Override
  DiscoveryResponse buildAdd(SotwTypeState s, GroupSnapshot current) {
    s.pendingAdd = false;
    TypeGeneration generation = current.generation(s.typeUrl);
    Set<String> changed = generation.changedSince(s.syncedGeneration);
    s.markSynced(current);
    if (changed != null
        && sendsChangesOnly(s.typeUrl)
        && s.nonce != null
        && !s.answerRequired
        && !s.forceResend
        && s.rejected == null
        && !s.pendingRemove) {
      return changes(s, generation, changed);
    }
    SotwSelection selection = generation.selection(s.subscription);
    if (ads) {
      // Keep what is going away (and still subscribed) in this response; the final set goes
      // out after every other type's additions (make-before-break). This also keeps the last
      // endpoints of a deleted cluster until the routes stop using it.
      TreeMap<String, XdsResource> kept = null;
      for (Map.Entry<String, XdsResource> e : s.sent().entrySet()) {
        String name = e.getKey();
        if (s.isSubscribed(name)
            && !generation.resources().containsKey(name)
            && !e.getValue().equals(selection.resources().get(name))) {
          kept = kept == null ? new TreeMap<>(selection.resources()) : kept;
          kept.put(name, e.getValue());
        }
      }
      if (kept != null) {
        s.pendingRemove = true;
        return respond(s, kept, ResourceVersions.aggregate(kept.values()), null, false);
      }
    }
    return respond(s, selection.resources(), selection.version(), selection.encoded(), true);
  }

  @Override
  DiscoveryResponse buildRemove(SotwTypeState s, GroupSnapshot current) {
    s.pendingRemove = false;
    s.markSynced(current);
    SotwSelection selection = current.generation(s.typeUrl).selection(s.subscription);
    return respond(s, selection.resources(), selection.version(), selection.encoded(), true);
  }

  /**
   * Whether responses of a type carry only the resources that changed: in SotW only listeners
   * and clusters must carry the whole state of the world; other types are grouped into
   * responses as in the incremental protocol, and a client keeps what a response does not
   * mention. Endpoints, which change most and are most numerous, are sent that way.
   */
  private static boolean sendsChangesOnly(String typeUrl) {
    return TypeUrls.ENDPOINT.equals(typeUrl);
  }

  /**
   * A response with the subscribed resources among {@code changed} that differ from what the
   * client holds, or null. A removed resource is not mentioned: the client keeps it until it
   * unsubscribes (an endpoint name it still subscribes gets an empty assignment; on ADS only
   * once the additions of every type went out, see {@link #buildRemove}).
   */
  private DiscoveryResponse changes(SotwTypeState s, TypeGeneration generation, Set<String> changed) {
    Map<String, XdsResource> present = generation.resources();
    TreeMap<String, XdsResource> toSend = new TreeMap<>();
    boolean endpoints = TypeUrls.ENDPOINT.equals(s.typeUrl);
    for (String name : changed) {
      if (!s.isSubscribed(name)) {
        continue;
      }
      XdsResource r = present.get(name);
      XdsResource wanted = r == null && endpoints && s.names.contains(name) ? emptyEndpoints(name) : r;
      XdsResource held = s.sent().get(name);
      if (Objects.equals(wanted, held)) {
        continue;
      }
      if (r == null && held != null && ads) {
        // Taken away only once the additions of every type went out (make-before-break).
        s.pendingRemove = true;
        s.sentIsSelection = false;
      } else if (wanted == null) {
        s.changeSent(name, null);
      } else {
        toSend.put(name, wanted);
      }
    }
    if (toSend.isEmpty()) {
      return null;
    }
    toSend.forEach(s::changeSent);
    String version =
        s.sentIsSelection
            ? generation.selection(s.subscription).version()
            : ResourceVersions.aggregate(s.sent().values());
    List<Any> encoded = new ArrayList<>(toSend.size());
    toSend.values().forEach(r -> encoded.add(r.toAny()));
    return response(s, version, encoded);
  }

  /**
   * A full response, or null if the client has (or rejected) this version already.
   *
   * @param encoded the resources packed, or null to pack them here
   * @param isSelection whether the resources are exactly the subscription's selection
   */
  private DiscoveryResponse respond(
      SotwTypeState s,
      SortedMap<String, XdsResource> toSend,
      String version,
      List<Any> encoded,
      boolean isSelection) {
    if (version.equals(s.rejected)) {
      // The client rejected exactly this; sending it again would loop until something changes.
      s.answerRequired = false;
      s.forceResend = false;
      return null;
    }
    String claimed = s.claimedVersion;
    s.claimedVersion = null;
    if (claimed != null && isSelection && !s.forceResend && version.equals(claimed)) {
      // The client holds this very version (it reconnected, here or from another replica): as
      // java-control-plane and go-control-plane do, nothing is re-sent; it counts as acknowledged.
      s.fullySent(toSend, true);
      recordSent(s, version, toSend.size());
      recordAck(s, version);
      return null;
    }
    if (!s.answerRequired && !s.forceResend && version.equals(s.versionSent)) {
      s.fullySent(toSend, isSelection);
      return null;
    }
    if (TypeUrls.CLUSTER.equals(s.typeUrl)) {
      resendEndpointsIfClustersChanged(s.sent(), toSend);
    }
    s.fullySent(toSend, isSelection);
    s.forceResend = false;
    return response(
        s, version, encoded != null ? encoded : toSend.values().stream().map(XdsResource::toAny).toList());
  }

  private DiscoveryResponse response(SotwTypeState s, String version, List<Any> encoded) {
    DiscoveryResponse r =
        DiscoveryResponse.newBuilder()
            .setVersionInfo(version)
            .setTypeUrl(s.typeUrl)
            .setNonce(nextNonce())
            .addAllResources(encoded)
            .build();
    s.nonce = r.getNonce();
    recordSent(s, version, s.sent().size());
    return r;
  }

  /**
   * Envoy re-initializes an updated cluster and waits for its endpoints again; with ADS it
   * then asks for EDS with the version it already has, which looks like an ACK. Pushing EDS
   * right after such a CDS response keeps the cluster from hanging in warming.
   */
  private void resendEndpointsIfClustersChanged(
      SortedMap<String, XdsResource> before, SortedMap<String, XdsResource> after) {
    SotwTypeState eds = types.get(TypeUrls.ENDPOINT);
    if (eds == null || !eds.seen) {
      return;
    }
    for (Map.Entry<String, XdsResource> e : after.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        eds.forceResend = true;
        eds.pendingAdd = true;
        return;
      }
    }
  }

  @Override
  String typeUrlOfResponse(DiscoveryResponse response) {
    return response.getTypeUrl();
  }

  @Override
  String versionOfResponse(DiscoveryResponse response) {
    return response.getVersionInfo();
  }
}
