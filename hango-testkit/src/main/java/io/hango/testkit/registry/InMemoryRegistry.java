package io.hango.testkit.registry;

import static java.util.Objects.requireNonNull;

import io.hango.registry.Instance;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryListener;
import io.hango.registry.RegistryProvider;
import io.hango.registry.ServiceRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry that lives in the test's own process: a {@link RegistryProvider} of a type you name
 * (for {@code Registry} documents such as {@code {type: memory}}), whose instances the test sets,
 * and which can be made unreachable. For testing what a control plane does with registry changes
 * and outages without a registry server.
 *
 * <pre>{@code
 * InMemoryRegistry registry = new InMemoryRegistry("memory");
 * ControlPlane cp = ControlPlane.builder().config(dir).registryProviders(List.of(registry)).build().start();
 * registry.set("orders-svc", Instance.up("a", "10.0.0.1", 8080));   // pushed to the control plane
 * registry.goDown("connection refused");                            // an outage: endpoints are kept
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryRegistry implements RegistryProvider {

  private final String type;
  private final Map<String, List<Instance>> instances = new ConcurrentHashMap<>();
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  /** A registry for documents of type {@code type}. */
  public InMemoryRegistry(String type) {
    this.type = requireNonNull(type, "type");
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public RegistryClient create(RegistryContext context) {
    Client c = new Client();
    clients.add(c);
    return c;
  }

  /** Sets the instances of {@code service} and tells every client watching it (unless down). */
  public void set(String service, Instance... list) {
    instances.put(requireNonNull(service, "service"), List.of(list));
    if (!down) {
      clients.forEach(c -> c.report(service));
    }
  }

  /** Removes {@code service}: an authoritative empty answer. */
  public void remove(String service) {
    set(service);
  }

  /** Makes the registry unreachable: clients report an outage, and answers stop until {@link #comeBack()}. */
  public void goDown(String reason) {
    down = true;
    clients.forEach(c -> c.listener.onDisconnected(reason));
  }

  /** Makes the registry reachable again: clients reconnect and answer for every watched service. */
  public void comeBack() {
    down = false;
    clients.forEach(c -> {
      c.listener.onConnected();
      c.watched.forEach(ref -> c.report(ref.name()));
    });
  }

  /** The services some open client watches, by registry name. */
  public Set<String> watched() {
    Set<String> out = ConcurrentHashMap.newKeySet();
    clients.stream().filter(c -> !c.closed).forEach(c -> c.watched.forEach(r -> out.add(r.name())));
    return out;
  }

  private final class Client implements RegistryClient {
    volatile RegistryListener listener;
    volatile Set<ServiceRef> watched = Set.of();
    volatile boolean closed;

    @Override
    public void start(RegistryListener listener) {
      this.listener = listener;
      if (down) {
        listener.onDisconnected("in-memory registry '" + type + "' is down");
      } else {
        listener.onConnected();
      }
    }

    @Override
    public void watch(Set<ServiceRef> services) {
      this.watched = Set.copyOf(services);
      if (!down) {
        services.forEach(ref -> report(ref.name()));
      }
    }

    void report(String service) {
      if (closed) {
        return;
      }
      List<Instance> list = instances.get(service);
      for (ServiceRef ref : watched) {
        if (ref.name().equals(service) && list != null) {
          listener.onInstances(ref, list);
        }
      }
    }

    @Override
    public void close() {
      closed = true;
      clients.remove(this);
    }
  }
}
