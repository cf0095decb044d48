package io.hango.xds;

import static java.util.Objects.requireNonNull;

import io.envoyproxy.envoy.config.core.v3.Node;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What is known about a client when it is authorized.
 *
 * @param node the node from the stream's first request (empty if the client sent none)
 * @param proposedGroup the group chosen by the node-group function
 * @param service the gRPC method, e.g. {@code
 *     envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources}
 * @param remoteAddress the peer address, if known
 * @param peerCertificates the client's TLS certificate chain (leaf first); empty without
 *     mutual TLS
 */
public record XdsClientIdentity(
    Node node,
    String proposedGroup,
    String service,
    Optional<SocketAddress> remoteAddress,
    List<X509Certificate> peerCertificates) {

  /** Validates and copies. */
  public XdsClientIdentity {
    requireNonNull(node, "node");
    requireNonNull(proposedGroup, "proposedGroup");
    requireNonNull(service, "service");
    requireNonNull(remoteAddress, "remoteAddress");
    peerCertificates = List.copyOf(peerCertificates);
  }

  /** The client's leaf certificate, if it presented one. */
  public Optional<X509Certificate> peerCertificate() {
    return peerCertificates.isEmpty() ? Optional.empty() : Optional.of(peerCertificates.get(0));
  }
}
