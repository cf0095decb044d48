package io.hango.translate.internal.ir;

import io.hango.model.gateway.Gateway;
import io.hango.translate.internal.ClusterKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gateway: its listeners (by port, then name), the routes attached to it (by name, placed in a
 * virtual host or not), its tracing, the clusters those use, and the plugin documents relevant to
 * it (targeting it, one of its routes, or any host) by type.
 */
public record IrGateway(
    Gateway model,
    List<IrListener> listeners,
    List<IrRoute> routes,
    Optional<IrTracing> tracing,
    Set<ClusterKey> clusters,
    Map<String, List<PluginDoc>> plugins) {

  public IrGateway {
    listeners = List.copyOf(listeners);
    routes = List.copyOf(routes);
    clusters = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(clusters));
    plugins = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(plugins));
  }

  /** The gateway's name. */
  public String name() {
    return model.name();
  }
}
