package io.hango.controlplane;

/** How the control plane splits what it serves between Envoys. */
public enum NodeGrouping {
  /** Every node gets everything: all gateways' listeners, routes, clusters, endpoints, secrets. */
  NONE,
  /**
   * A node whose {@code node.cluster} names a gateway gets only that gateway's listeners and routes,
   * with the clusters, endpoints and secrets they use (Hango's Envoys set {@code node.cluster} to
   * the gateway name). A node with any other cluster gets everything, as with {@link #NONE}.
   */
  CLUSTER
}
