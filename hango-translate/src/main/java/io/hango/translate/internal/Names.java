package io.hango.translate.internal;

/**
 * The naming scheme of emitted resources. Model names are DNS-label-like ({@code [a-z0-9.-]}), so
 * the separators {@code /} and {@code |} never clash with them.
 *
 * <ul>
 *   <li>listener and its route configuration: {@code <gateway>/<listener>}, e.g. {@code edge/https};
 *   <li>proxyless-gRPC API listener: the host name, e.g. {@code api.example.com};
 *   <li>virtual host: its host name ({@code api.example.com}, {@code *.shop.example.com}, {@code *});
 *   <li>HTTPS filter chain: its SNI host name, {@code default} for the catch-all;
 *   <li>cluster (and its ClusterLoadAssignment): {@code <service>} or {@code <service>|<subset>};
 *   <li>secret: {@code <secret>} for a certificate and key, {@code <secret>|ca} for its CA bundle.
 * </ul>
 */
public final class Names {

  private Names() {}

  public static String listener(String gateway, String listener) {
    return gateway + "/" + listener;
  }

  public static String routeConfig(String gateway, String listener) {
    return gateway + "/" + listener;
  }

  /**
   * The route configuration of the proxyless-gRPC API listeners of a gateway listener, when the
   * listener's own holds routes gRPC clients reject (redirects, direct responses, URI templates).
   */
  public static String grpcRouteConfig(String gateway, String listener) {
    return routeConfig(gateway, listener) + "|grpc";
  }

  public static String hcmStatPrefix(String gateway, String listener) {
    return gateway + "_" + listener;
  }

  public static String cluster(String service) {
    return service;
  }

  public static String cluster(String service, String subset) {
    return subset == null ? service : service + "|" + subset;
  }

  public static String certificateSecret(String secret) {
    return secret;
  }

  public static String caSecret(String secret) {
    return secret + "|ca";
  }

  public static String filterChain(String host) {
    return "*".equals(host) ? "default" : host;
  }
}
