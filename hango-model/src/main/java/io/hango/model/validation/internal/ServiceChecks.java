package io.hango.model.validation.internal;

import io.hango.model.ResourceKind;
import io.hango.model.service.Endpoint;
import io.hango.model.service.RegistryDiscovery;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceSpec;
import io.hango.model.service.Subset;
import java.util.HashMap;
import java.util.Map;

/** Checks a {@link Service}: discovery, endpoints, subsets and traffic policies. Internal. */
public final class ServiceChecks {

  private final References refs;
  private final ProblemSink sink;
  private final EndpointChecks endpoints;
  private final TrafficPolicyChecks policies;

  public ServiceChecks(References refs, ProblemSink sink) {
    this.refs = refs;
    this.sink = sink;
    this.endpoints = new EndpointChecks(sink);
    this.policies = new TrafficPolicyChecks(refs, sink);
  }

  public void check(Service s) {
    ServiceSpec spec = s.spec();
    if (spec.discovery().isPresent() && !spec.endpoints().isEmpty()) {
      sink.error(s, "spec.discovery", "a service takes either endpoints (static) or discovery (a registry), not both");
    }
    if (spec.discovery().isEmpty() && spec.endpoints().isEmpty()) {
      sink.warning(s, "spec.endpoints", "the service has no endpoints and no discovery: requests to it fail");
    }
    endpoints.check(s, spec.endpoints(), "spec.endpoints");
    spec.discovery().ifPresent(d -> discovery(s, d));
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < spec.subsets().size(); i++) {
      Subset sub = spec.subsets().get(i);
      String path = "spec.subsets[" + i + "]";
      Formats.label(sub.name()).ifPresent(m -> sink.error(s, path + ".name", m));
      Integer first = names.putIfAbsent(sub.name(), i);
      if (first != null) {
        sink.error(s, path + ".name", "duplicate subset name '" + sub.name() + "' (also subsets[" + first + "])");
      }
      if (sub.labels().isEmpty()) {
        sink.error(s, path + ".labels", "a subset needs at least one label to select its endpoints");
      } else if (!spec.endpoints().isEmpty() && spec.endpoints().stream().noneMatch(e -> selects(sub, e))) {
        sink.warning(s, path + ".labels", "subset '" + sub.name() + "' selects no endpoint");
      }
      sub.trafficPolicy().ifPresent(t -> policies.check(s, t, path + ".trafficPolicy", spec.protocol()));
    }
    spec.trafficPolicy().ifPresent(t -> policies.check(s, t, "spec.trafficPolicy", spec.protocol()));
  }

  private void discovery(Service s, RegistryDiscovery d) {
    if (!refs.exists(ResourceKind.REGISTRY, d.registry())) {
      sink.error(s, "spec.discovery.registry", refs.missing(ResourceKind.REGISTRY, d.registry()));
    }
    if (d.serviceName().isBlank()) {
      sink.error(s, "spec.discovery.serviceName", "cannot be empty");
    }
    d.port().filter(p -> p < 1 || p > 65535)
        .ifPresent(p -> sink.error(s, "spec.discovery.port", "port must be between 1 and 65535, not " + p));
  }

  private static boolean selects(Subset sub, Endpoint e) {
    return e.labels().entrySet().containsAll(sub.labels().entrySet());
  }
}
