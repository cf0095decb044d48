package io.hango.translate.internal.ir;

import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.Service;
import io.hango.model.service.TrafficPolicy;
import io.hango.translate.Diagnostic;
import io.hango.translate.internal.ClusterKey;
import java.util.List;
import java.util.Optional;

/**
 * A cluster: a service or one subset of it, with its effective traffic policy and what of it
 * applies.
 *
 * @param key service and subset
 * @param service the model service
 * @param policy the effective policy (the subset's fields over the service's)
 * @param policyPath the field path diagnostics about the policy use
 * @param dns whether the cluster is STRICT_DNS (static endpoints with host names) rather than EDS
 * @param probe the active health check's probe, when one applies
 * @param minimumRingSize whether the load balancer's {@code minimumRingSize} applies
 * @param localityWeighted whether locality-weighted load balancing applies
 * @param secrets the secrets its upstream TLS uses
 * @param notes what the resolver had to say about the cluster, reported when it is emitted
 */
public record IrCluster(
    ClusterKey key,
    Service service,
    TrafficPolicy policy,
    String policyPath,
    boolean dns,
    Optional<ActiveHealthCheck.Probe> probe,
    boolean minimumRingSize,
    boolean localityWeighted,
    List<SecretRef> secrets,
    List<Diagnostic> notes) {

  public IrCluster {
    secrets = List.copyOf(secrets);
    notes = List.copyOf(notes);
  }
}
