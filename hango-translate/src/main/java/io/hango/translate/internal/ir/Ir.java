package io.hango.translate.internal.ir;

import io.hango.model.GatewayConfig;
import io.hango.model.secret.Secret;
import io.hango.translate.internal.ClusterKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The intermediate representation of one config: every gateway (by name), every cluster any of
 * them may emit (every service and subset, by key), the secrets by name and the active plugin
 * documents by type. Built by {@link Resolver}; read by the emitters.
 *
 * @param config the config (for plugin contexts)
 * @param gateways the gateways, sorted by name
 * @param clusters every service's cluster and each subset's, by key
 * @param secrets the Secret documents by name
 * @param plugins the active plugin documents by type, each list sorted by name
 * @param apiListeners the proxyless-gRPC API listeners of all gateways, by host (empty when off)
 */
public record Ir(
    GatewayConfig config,
    List<IrGateway> gateways,
    Map<ClusterKey, IrCluster> clusters,
    Map<String, Secret> secrets,
    Map<String, List<PluginDoc>> plugins,
    List<IrApiListener> apiListeners) {

  public Ir {
    gateways = List.copyOf(gateways);
    clusters = Collections.unmodifiableMap(new TreeMap<>(clusters));
    secrets = Collections.unmodifiableMap(new TreeMap<>(secrets));
    plugins = Collections.unmodifiableMap(new TreeMap<>(plugins));
    apiListeners = List.copyOf(apiListeners);
  }

  /** The gateway named {@code name}. */
  public Optional<IrGateway> gateway(String name) {
    return gateways.stream().filter(g -> g.name().equals(name)).findFirst();
  }
}
