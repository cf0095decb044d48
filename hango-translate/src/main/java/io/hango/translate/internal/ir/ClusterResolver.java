package io.hango.translate.internal.ir;

import com.google.common.net.InetAddresses;
import io.hango.model.ResourceKind;
import io.hango.model.secret.Secret;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.Service;
import io.hango.model.service.StaticEndpoints;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import io.hango.model.validation.RuleMessages;
import io.hango.translate.Diagnostic;
import io.hango.translate.internal.ClusterKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the cluster of a service or subset: its effective traffic policy and what of it applies.
 * What it has to say is kept with the cluster ({@link IrCluster#notes()}) and reported only when
 * the cluster is emitted.
 */
public final class ClusterResolver {

  private static final List<String> PROBES = List.of("http", "tcp", "grpc");

  private final Map<String, Secret> secrets;

  ClusterResolver(Map<String, Secret> secrets) {
    this.secrets = secrets;
  }

  /** The traffic policy of a service or subset: the subset's fields override the service's one by one. */
  public static TrafficPolicy effectivePolicy(Service s, String subset) {
    TrafficPolicy base = s.spec().trafficPolicy().orElse(TrafficPolicy.builder().build());
    if (subset == null) {
      return base;
    }
    Optional<TrafficPolicy> over =
        s.spec().subsets().stream().filter(x -> x.name().equals(subset)).findFirst().flatMap(Subset::trafficPolicy);
    if (over.isEmpty()) {
      return base;
    }
    TrafficPolicy o = over.get();
    return TrafficPolicy.builder()
        .loadBalancer(o.loadBalancer().or(base::loadBalancer))
        .connectionPool(o.connectionPool().or(base::connectionPool))
        .healthCheck(o.healthCheck().or(base::healthCheck))
        .tls(o.tls().or(base::tls))
        .build();
  }

  /** Whether the service's endpoints are written in the config and some are host names, not IPs. */
  public static boolean usesDns(Service s) {
    return s.spec().discoveryKind() instanceof StaticEndpoints st
        && st.endpoints().stream().anyMatch(e -> !InetAddresses.isInetAddress(e.address()));
  }

  IrCluster resolve(Service s, String subset) {
    String ref = s.ref();
    String path = policyPath(s, subset);
    TrafficPolicy p = effectivePolicy(s, subset);
    List<Diagnostic> notes = new ArrayList<>();
    Optional<ActiveHealthCheck.Probe> probe = p.healthCheck().flatMap(hc -> hc.active()).flatMap(a -> probe(ref, path + ".healthCheck.active", s, a, notes));
    boolean ringSize = true;
    boolean localityWeighted = false;
    if (p.loadBalancer().isPresent()) {
      LoadBalancer lb = p.loadBalancer().get();
      localityWeighted = lb.localityWeighted();
      if (lb instanceof LoadBalancer.ConsistentHash ch) {
        if (ch.algorithm() == LoadBalancer.ConsistentHash.Algorithm.MAGLEV && ch.minimumRingSize().isPresent()) {
          notes.add(Diagnostic.warning(ref, path + ".loadBalancer.minimumRingSize", RuleMessages.MINIMUM_RING_SIZE_RING_HASH_ONLY + "; ignored"));
          ringSize = false;
        }
        if (lb.localityWeighted()) {
          notes.add(Diagnostic.warning(ref, path + ".loadBalancer.localityWeighted", "Envoy does not weight localities for consistent hashing; ignored"));
          localityWeighted = false;
        }
      }
    }
    List<SecretRef> refs = new ArrayList<>();
    p.tls().ifPresent(t -> tls(ref, path + ".tls", t, refs, notes));
    return new IrCluster(new ClusterKey(s.name(), subset), s, p, path, usesDns(s), probe, ringSize, localityWeighted, refs, notes);
  }

  private static Optional<ActiveHealthCheck.Probe> probe(String ref, String path, Service s, ActiveHealthCheck a, List<Diagnostic> notes) {
    List<String> set = new ArrayList<>();
    a.http().ifPresent(v -> set.add("http"));
    a.tcp().ifPresent(v -> set.add("tcp"));
    a.grpc().ifPresent(v -> set.add("grpc"));
    if (set.size() != 1) {
      notes.add(Diagnostic.error(ref, path, RuleMessages.exactlyOne("an active health check", PROBES, set) + "; health check left out"));
      return Optional.empty();
    }
    // Envoy rejects the whole cluster otherwise ("cluster must support HTTP/2 for gRPC healthchecking").
    if (a.grpc().isPresent() && !s.spec().protocol().usesHttp2()) {
      notes.add(Diagnostic.error(ref, path + ".grpc", RuleMessages.grpcHealthCheckNeedsHttp2(s.spec().protocol()) + "; health check left out"));
      return Optional.empty();
    }
    return Optional.of(a.probe());
  }

  private void tls(String ref, String path, UpstreamTls t, List<SecretRef> refs, List<Diagnostic> notes) {
    if (t.clientCertificate().isPresent()) {
      refs.add(secret(ref, path + ".clientCertificate", t.clientCertificate().get(), SecretUse.CERTIFICATE, notes));
    } else if (t.mode() == UpstreamTls.Mode.MUTUAL) {
      notes.add(Diagnostic.error(ref, path + ".clientCertificate", RuleMessages.MUTUAL_NEEDS_CLIENT_CERTIFICATE + "; connecting without one"));
    }
    if (t.caCertificate().isPresent()) {
      refs.add(secret(ref, path + ".caCertificate", t.caCertificate().get(), SecretUse.CA_BUNDLE, notes));
    } else if (!t.subjectAltNames().isEmpty()) {
      notes.add(Diagnostic.warning(ref, path + ".subjectAltNames", RuleMessages.SUBJECT_ALT_NAMES_NEED_CA + "; ignored"));
    }
  }

  /** A use of Secret {@code name}; when it is missing or lacks what the use needs, an error (in the validator's words) about the referrer. */
  SecretRef secret(String ref, String path, String name, SecretUse use, List<Diagnostic> notes) {
    Optional<String> problem = secretProblem(name, use);
    problem.ifPresent(m -> notes.add(Diagnostic.error(ref, path, m + "; secret not served")));
    return new SecretRef(name, use, problem.isEmpty());
  }

  /** Why Secret {@code name} cannot serve as {@code use}, in the validator's words; empty when it can. */
  Optional<String> secretProblem(String name, SecretUse use) {
    Secret s = secrets.get(name);
    if (s == null) {
      return Optional.of(RuleMessages.missing(ResourceKind.SECRET, name, secrets.keySet()));
    }
    if (use == SecretUse.CERTIFICATE && (s.spec().certificate().isEmpty() || s.spec().privateKey().isEmpty())) {
      return Optional.of(RuleMessages.noCertificate(name));
    }
    if (use == SecretUse.CA_BUNDLE && s.spec().ca().isEmpty()) {
      return Optional.of(RuleMessages.noCa(name));
    }
    return Optional.empty();
  }

  private static String policyPath(Service s, String subset) {
    if (subset == null) {
      return "spec.trafficPolicy";
    }
    List<Subset> subsets = s.spec().subsets();
    for (int i = 0; i < subsets.size(); i++) {
      if (subsets.get(i).name().equals(subset) && subsets.get(i).trafficPolicy().isPresent()) {
        return "spec.subsets[" + i + "].trafficPolicy";
      }
    }
    return "spec.trafficPolicy";
  }
}
