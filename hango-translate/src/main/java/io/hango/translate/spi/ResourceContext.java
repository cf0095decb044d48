package io.hango.translate.spi;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.hango.model.plugin.Plugin;
import java.util.List;

/**
 * Adds resources a plugin needs besides its filter, e.g. the cluster of a rate-limit service or of
 * a Wasm module server. Called once per translation when at least one enabled plugin document of
 * the type exists. Resources are added by name; a second add under the same name replaces the
 * first, so adding is idempotent.
 */
public interface ResourceContext extends PluginContext {

  /** The enabled plugin documents of this plugin's type, sorted by name. */
  List<Plugin> plugins();

  /**
   * Makes sure the cluster of the model {@code Service} named {@code service} is emitted (even when
   * only used clusters are emitted), and returns its cluster name; reports an error and returns the
   * name anyway when there is no such service.
   */
  String useServiceCluster(String service);

  /** Adds a cluster. */
  void addCluster(Cluster cluster);

  /** Adds a cluster load assignment. */
  void addEndpoints(ClusterLoadAssignment endpoints);

  /** Adds a secret. */
  void addSecret(Secret secret);
}
