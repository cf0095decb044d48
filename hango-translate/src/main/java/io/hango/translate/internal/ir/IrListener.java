package io.hango.translate.internal.ir;

import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.gateway.ListenerTls;
import io.hango.translate.spi.HttpFilterPlugin;
import java.util.List;
import java.util.Optional;

/**
 * A gateway listener: its route configuration's virtual hosts, the HTTP filters its connection
 * manager needs and its TLS.
 *
 * @param gateway the gateway
 * @param model the listener
 * @param index the listener's position in {@code spec.listeners} (for diagnostics)
 * @param hosts the listener's host patterns, normalized and sorted ({@code *} when it lists none)
 * @param virtualHosts the virtual hosts, sorted by name
 * @param filters the plugins with a document applying somewhere in this listener, in filter-chain order
 * @param tls the TLS of an HTTPS listener whose secrets are usable
 * @param emitted whether the Envoy listener is emitted (an HTTPS listener without usable TLS is
 *     left out; its route configuration is still emitted)
 * @param secrets the secrets the emitted listener uses
 */
public record IrListener(
    Gateway gateway,
    Listener model,
    int index,
    List<String> hosts,
    List<IrVirtualHost> virtualHosts,
    List<HttpFilterPlugin> filters,
    Optional<ListenerTls> tls,
    boolean emitted,
    List<SecretRef> secrets) {

  public IrListener {
    hosts = List.copyOf(hosts);
    virtualHosts = List.copyOf(virtualHosts);
    filters = List.copyOf(filters);
    secrets = List.copyOf(secrets);
  }

  /** {@code <gateway>/<listener>}. */
  public String name() {
    return io.hango.translate.internal.Names.listener(gateway.name(), model.name());
  }

  /** The exact host names among the virtual hosts: the candidates for proxyless-gRPC API listeners. */
  public List<String> exactHosts() {
    return virtualHosts.stream().map(IrVirtualHost::name).filter(h -> io.hango.translate.internal.HostPatterns.tier(h) == 0).toList();
  }

  /** Whether some route here is one proxyless gRPC clients reject. */
  public boolean hasGrpcIncompatibleRoutes() {
    return virtualHosts.stream().flatMap(v -> v.routes().stream()).anyMatch(r -> !r.grpcCompatible());
  }
}
