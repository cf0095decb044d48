package io.hango.xds.internal;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Attributes;
import io.grpc.stub.StreamObserver;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsResource;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state-of-the-world protocol: every response carries the full selected set of a type;
 * its {@code version_info} is a hash over the (name, version) pairs sent.
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
      // replica, carries the old server's nonce): a new subscription, always answered.
      s.answerRequired = true;
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
    SortedMap<String, XdsResource> toSend = new TreeMap<>(select(s, current.snapshot()));
    if (ads) {
      // Keep what is going away (and still subscribed) in this response; the final set goes
      // out after every other type's additions (make-before-break). This also keeps the last
      // endpoints of a deleted cluster until the routes stop using it.
      for (Map.Entry<String, XdsResource> e : s.sent.entrySet()) {
        if (!toSend.containsKey(e.getKey()) && s.isSubscribed(e.getKey())) {
          toSend.put(e.getKey(), e.getValue());
          s.pendingRemove = true;
        }
      }
    }
    addMissingEndpoints(s, toSend);
    return respond(s, toSend);
  }

  @Override
  DiscoveryResponse buildRemove(SotwTypeState s, GroupSnapshot current) {
    s.pendingRemove = false;
    SortedMap<String, XdsResource> toSend = new TreeMap<>(select(s, current.snapshot()));
    addMissingEndpoints(s, toSend);
    return respond(s, toSend);
  }

  private DiscoveryResponse respond(SotwTypeState s, SortedMap<String, XdsResource> toSend) {
    String version = ResourceVersions.aggregate(toSend.values());
    if (version.equals(s.rejected)) {
      // The client rejected exactly this; sending it again would loop until something changes.
      s.answerRequired = false;
      s.forceResend = false;
      return null;
    }
    if (!s.answerRequired && !s.forceResend && version.equals(s.versionSent)) {
      return null;
    }
    if (TypeUrls.CLUSTER.equals(s.typeUrl)) {
      resendEndpointsIfClustersChanged(s.sent, toSend);
    }
    DiscoveryResponse.Builder b =
        DiscoveryResponse.newBuilder()
            .setVersionInfo(version)
            .setTypeUrl(s.typeUrl)
            .setNonce(nextNonce());
    toSend.values().forEach(r -> b.addResources(r.toAny()));
    s.sent = toSend;
    s.nonce = b.getNonce();
    s.forceResend = false;
    recordSent(s, version, toSend.size());
    return b.build();
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
