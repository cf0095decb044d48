package io.hango.testkit.grpc;

/**
 * YAML for end-to-end tests with {@link NamedGrpcBackends}: a gateway with one HTTP2 listener, the
 * gRPC service {@code who} whose endpoints are the named backends, and routes to it.
 */
public final class WhoConfigs {

  /** The host the gateway serves. */
  public static final String HOST = "api.example.com";
  /** The gateway's name. */
  public static final String GATEWAY = "edge";

  /** A gateway with one HTTP2 listener for {@value #HOST}. */
  public static String gateway() {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Gateway
        metadata: {name: edge}
        spec:
          listeners:
            - {name: grpc, port: 9090, protocol: HTTP2, hosts: ["api.example.com"]}
        """;
  }

  /** A gRPC service {@code who} whose endpoints carry a {@code color} label; subsets per color. */
  public static String whoService(String endpoints) {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: who}
        spec:
          protocol: grpc
          endpoints:
        %s
          subsets:
            - {name: blue, labels: {color: blue}}
            - {name: green, labels: {color: green}}
        """
        .formatted(endpoints.stripTrailing());
  }

  /** One endpoint line of {@link #whoService}. */
  public static String endpoint(int port, String color) {
    return "    - {address: 127.0.0.1, port: %d, labels: {color: %s}}\n".formatted(port, color);
  }

  /** A route on {@value #HOST} for every {@code test.Who} method. */
  public static String route(String name, int priority, String extraMatch, String destinations) {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Route
        metadata: {name: %s}
        spec:
          gateway: edge
          hosts: ["api.example.com"]
          priority: %d
          match:
            path: {prefix: /test.Who/}
        %s
          forward:
            destinations: %s
        """
        .formatted(name, priority, extraMatch.isEmpty() ? "" : "    " + extraMatch, destinations);
  }

  /** Documents joined into one multi-document YAML text. */
  public static String docs(String... docs) {
    return String.join("---\n", docs);
  }

  private WhoConfigs() {}
}
