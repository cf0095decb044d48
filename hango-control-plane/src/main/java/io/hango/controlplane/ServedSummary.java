package io.hango.controlplane;

import io.hango.model.GatewayConfig;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.translate.EnvoyResources;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One-line descriptions of what is served, for logs and status pages (what {@code hango serve} prints). */
public final class ServedSummary {

  private ServedSummary() {}

  /** {@code 12 listeners, 3 routes, 7 clusters, 7 endpoints, 1 secrets}. */
  public static String counts(EnvoyResources r) {
    return Arrays.stream(EnvoyResources.Type.values())
        .map(t -> r.get(t).size() + " " + t.key())
        .collect(Collectors.joining(", "));
  }

  /** {@code edge (http:8080 HTTP, https:8443 HTTPS)}, one per gateway. */
  public static List<String> gateways(GatewayConfig config) {
    return config.gateways().stream().map(ServedSummary::gateway).toList();
  }

  private static String gateway(Gateway g) {
    return g.name() + " (" + g.spec().listeners().stream().map(ServedSummary::listener).collect(Collectors.joining(", ")) + ")";
  }

  private static String listener(Listener l) {
    return l.name() + ":" + l.port() + " " + l.protocol();
  }
}
