package io.hango.controlplane;

import static java.util.Objects.requireNonNull;

import io.hango.xds.XdsAuthorization;
import io.hango.xds.XdsAuthorizer;
import io.hango.xds.XdsClientIdentity;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Puts each xDS client in the group its TLS client certificate names, whatever the node claims: a
 * client may read the snapshot of gateway {@code G} only if its certificate carries a subject
 * alternative name {@code G} (DNS name) or a URI whose last path segment is {@code G} (e.g.
 * {@code spiffe://example.org/gateway/G}). Clients without a certificate, or whose certificate
 * names no known group, are denied. Use it with mutual TLS.
 *
 * <pre>{@code
 * ControlPlane.builder().config(dir)
 *     .xdsMutualTls(cert, key, clientCa)
 *     .xdsAuthorizer(SubjectAltNameAuthorizer.of(() -> Set.of("edge", "internal")))
 * }</pre>
 *
 * {@link ControlPlaneBuilder#authorizeBySubjectAltName()} wires it to the gateways being served.
 */
public final class SubjectAltNameAuthorizer implements XdsAuthorizer {

  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;

  private final Supplier<Set<String>> groups;

  private SubjectAltNameAuthorizer(Supplier<Set<String>> groups) {
    this.groups = groups;
  }

  /** An authorizer for the groups {@code groups} returns at each authorization. */
  public static SubjectAltNameAuthorizer of(Supplier<Set<String>> groups) {
    return new SubjectAltNameAuthorizer(requireNonNull(groups, "groups"));
  }

  @Override
  public XdsAuthorization authorize(XdsClientIdentity client) {
    Optional<X509Certificate> cert = client.peerCertificate();
    if (cert.isEmpty()) {
      return XdsAuthorization.deny("a client certificate is required");
    }
    Set<String> known = groups.get();
    for (String name : names(cert.get())) {
      if (known.contains(name)) {
        return XdsAuthorization.allowGroup(name);
      }
    }
    return XdsAuthorization.deny("the client certificate names no gateway served here");
  }

  /** The certificate's DNS names, and the last path segment of its URIs. */
  static List<String> names(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return out;
    }
    if (sans == null) {
      return out;
    }
    for (List<?> san : sans) {
      int kind = (Integer) san.get(0);
      String value = String.valueOf(san.get(1));
      if (kind == SAN_DNS) {
        out.add(value);
      } else if (kind == SAN_URI) {
        String path = value.replaceAll("/+$", "");
        out.add(path.substring(path.lastIndexOf('/') + 1));
      }
    }
    return out;
  }
}
