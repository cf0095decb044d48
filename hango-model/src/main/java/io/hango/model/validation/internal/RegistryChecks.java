package io.hango.model.validation.internal;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import java.util.Map;

/** Checks a {@link Registry}: connection settings per type and the refresh interval. Internal. */
public final class RegistryChecks {

  private final ProblemSink sink;
  private final EndpointChecks endpoints;

  public RegistryChecks(ProblemSink sink) {
    this.sink = sink;
    this.endpoints = new EndpointChecks(sink);
  }

  public void check(Registry r) {
    RegistrySpec spec = r.spec();
    if (!Formats.positive(spec.refreshInterval())) {
      sink.error(r, "spec.refreshInterval", "must be longer than 0s");
    }
    if (spec.emptyGracePeriod().isNegative()) {
      sink.error(r, "spec.emptyGracePeriod", "cannot be negative");
    }
    if (spec.initialSyncTimeout().isNegative()) {
      sink.error(r, "spec.initialSyncTimeout", "cannot be negative");
    }
    if (spec.debounceQuietPeriod().isNegative()) {
      sink.error(r, "spec.debounceQuietPeriod", "cannot be negative");
    }
    if (spec.debounceMaxDelay().compareTo(spec.debounceQuietPeriod()) < 0) {
      sink.error(r, "spec.debounceMaxDelay", "must be at least debounceQuietPeriod (" + spec.debounceQuietPeriod().toMillis() + "ms)");
    }
    if (spec instanceof RegistrySpec.Custom c) {
      Formats.label(c.typeName()).ifPresent(m -> sink.error(r, "spec.type", "registry type " + m));
    }
    if (spec instanceof RegistrySpec.Kubernetes k) {
      k.apiServer().ifPresent(u -> Formats.httpUrl(u).ifPresent(m -> sink.error(r, "spec.apiServer", m)));
      k.kubeconfig().filter(String::isBlank).ifPresent(v -> sink.error(r, "spec.kubeconfig", "cannot be empty"));
      for (int i = 0; i < k.namespaces().size(); i++) {
        String ns = k.namespaces().get(i);
        String path = "spec.namespaces[" + i + "]";
        Formats.label(ns).ifPresent(m -> sink.error(r, path, "namespace " + m));
      }
    } else if (spec instanceof RegistrySpec.Eureka e) {
      if (e.serviceUrls().isEmpty()) {
        sink.error(r, "spec.serviceUrls", "a eureka registry needs at least one service URL");
      }
      for (int i = 0; i < e.serviceUrls().size(); i++) {
        String path = "spec.serviceUrls[" + i + "]";
        Formats.httpUrl(e.serviceUrls().get(i)).ifPresent(m -> sink.error(r, path, m));
      }
    } else if (spec instanceof RegistrySpec.Nacos n) {
      Formats.hostPorts(n.serverAddr(), false).ifPresent(m -> sink.error(r, "spec.serverAddr", m));
    } else if (spec instanceof RegistrySpec.Zookeeper z) {
      Formats.hostPorts(z.connectString(), true).ifPresent(m -> sink.error(r, "spec.connectString", m));
      z.rootPath().filter(p -> !p.startsWith("/")).ifPresent(p -> sink.error(r, "spec.rootPath", "a path must start with '/'"));
      if (!Formats.positive(z.sessionTimeout())) {
        sink.error(r, "spec.sessionTimeout", "must be longer than 0s");
      }
    } else if (spec instanceof RegistrySpec.Static s) {
      for (Map.Entry<String, java.util.List<io.hango.model.service.Endpoint>> e : s.services().entrySet()) {
        String path = io.hango.model.internal.FieldPaths.field("spec.services", e.getKey());
        if (e.getKey().isBlank()) {
          sink.error(r, path, "a service name cannot be empty");
        }
        endpoints.check(r, e.getValue(), path);
      }
    }
  }
}
