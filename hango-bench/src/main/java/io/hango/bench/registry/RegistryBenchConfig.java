package io.hango.bench.registry;

/**
 * The config the control plane under test serves, as a user writes it: one gateway with an HTTP/2
 * listener, one {@code zookeeper} registry (debounce at the registry defaults: 100 ms quiet, 1 s at
 * most), and per Dubbo interface a {@code Service} discovering it and a {@code Route} to it, so that
 * every service's cluster and ClusterLoadAssignment is served.
 */
final class RegistryBenchConfig {

  /** The host of every route. */
  static final String HOST = "bench.example.com";

  private RegistryBenchConfig() {}

  /** The YAML documents for {@code names}' services and a ZooKeeper at {@code connectString}. */
  static String yaml(ProviderNames names, String connectString) {
    StringBuilder out = new StringBuilder();
    out.append("""
        apiVersion: hango.io/v1alpha1
        kind: Gateway
        metadata: {name: bench}
        spec:
          listeners:
            - {name: grpc, port: 9090, protocol: HTTP2, hosts: ["%s"]}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: zk}
        spec: {type: zookeeper, connectString: "%s", initialSyncTimeout: 120s}
        """.formatted(HOST, connectString));
    for (int s = 0; s < names.services(); s++) {
      out.append("""
          ---
          apiVersion: hango.io/v1alpha1
          kind: Service
          metadata: {name: %1$s}
          spec:
            protocol: grpc
            discovery: {registry: zk, serviceName: %2$s}
          ---
          apiVersion: hango.io/v1alpha1
          kind: Route
          metadata: {name: %1$s}
          spec:
            gateway: bench
            hosts: ["%3$s"]
            match: {path: {prefix: /%2$s/}}
            forward: {destinations: [{service: %1$s}]}
          """.formatted(names.service(s), names.dubboInterface(s), HOST));
    }
    return out.toString();
  }
}
