package io.hango.registry;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A user's own registry type ({@code type: memory}, settings {@code {region: ...}}), as a host
 * application would write one: its instances live in this process, and the test drives what it
 * reports. Shows that a provider plugs in through the SPI alone.
 */
final class MemoryRegistryProvider implements RegistryProvider {

  /** The clients created, most recent last. */
  final List<Client> clients = new CopyOnWriteArrayList<>();

  @Override
  public String type() {
    return "memory";
  }

  @Override
  public List<Problem> validate(Registry registry) {
    List<Problem> out = new ArrayList<>();
    if (registry.spec() instanceof RegistrySpec.Custom c) {
      c.settings().fieldNames().forEachRemaining(f -> {
        if (!f.equals("region")) {
          out.add(Problem.error(registry.ref(), "spec.settings." + f, "unknown setting '" + f + "' (known: region)"));
        }
      });
    }
    return out;
  }

  @Override
  public RegistryClient create(RegistryContext context) {
    Client c = new Client(context);
    clients.add(c);
    return c;
  }

  Client last() {
    return clients.get(clients.size() - 1);
  }

  static final class Client implements RegistryClient {
    final RegistryContext context;
    volatile RegistryListener listener;
    volatile Set<ServiceRef> watched = Set.of();
    final Map<String, Integer> watchCalls = new ConcurrentHashMap<>();
    volatile boolean closed;

    Client(RegistryContext context) {
      this.context = context;
    }

    @Override
    public void start(RegistryListener listener) {
      this.listener = listener;
    }

    @Override
    public void watch(Set<ServiceRef> services) {
      this.watched = services;
      services.forEach(s -> watchCalls.merge(s.name(), 1, Integer::sum));
    }

    @Override
    public void close() {
      closed = true;
    }

    ServiceRef ref(String name) {
      return watched.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    void answer(String service, Instance... instances) {
      listener.onInstances(ref(service), List.of(instances));
    }
  }
}
