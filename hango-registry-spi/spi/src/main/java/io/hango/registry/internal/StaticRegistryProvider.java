package io.hango.registry.internal;

import io.hango.model.registry.RegistrySpec;
import io.hango.model.service.Endpoint;
import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryListener;
import io.hango.registry.RegistryProvider;
import io.hango.registry.ServiceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code static} registry: endpoints written in the {@code Registry} document itself, by service
 * name (demos, tests, fixed backends). Weights, zones, regions and labels are taken as written.
 * Internal: registered as a provider.
 */
public final class StaticRegistryProvider implements RegistryProvider {

  @Override
  public String type() {
    return "static";
  }

  @Override
  public RegistryClient create(RegistryContext context) {
    return new Client((RegistrySpec.Static) context.registry().spec());
  }

  private static final class Client implements RegistryClient {
    private final RegistrySpec.Static spec;
    private RegistryListener listener;

    Client(RegistrySpec.Static spec) {
      this.spec = spec;
    }

    @Override
    public void start(RegistryListener listener) {
      this.listener = listener;
      listener.onConnected();
    }

    @Override
    public void watch(Set<ServiceRef> services) {
      for (ServiceRef ref : services) {
        List<Instance> instances = new ArrayList<>();
        List<Endpoint> eps = spec.services().getOrDefault(ref.name(), List.of());
        for (int i = 0; i < eps.size(); i++) {
          Endpoint e = eps.get(i);
          instances.add(new Instance(ref.name() + "[" + i + "]", e.address(), e.port(), e.weight(), Instance.Status.UP,
              "listed", e.region(), e.zone(), e.labels()));
        }
        listener.onInstances(ref, instances);
      }
    }

    @Override
    public void close() {}
  }
}
