package io.hango.testkit.arbitraries.internal;

import io.hango.model.gateway.Listener;
import java.util.List;
import java.util.Map;

/**
 * What the documents generated so far define, so that the next ones only refer to things that
 * exist. Internal.
 *
 * @param subsetsByService service name to its subset names
 * @param certificateSecrets secrets with a certificate and a private key
 * @param caSecrets secrets with a CA bundle
 * @param registries registry names
 * @param listenersByGateway gateway name to its listeners
 * @param routes route names
 */
public record ModelContext(
    Map<String, List<String>> subsetsByService,
    List<String> certificateSecrets,
    List<String> caSecrets,
    List<String> registries,
    Map<String, List<Listener>> listenersByGateway,
    List<String> routes) {

  /** The context the per-type providers use: a few services, the standard secrets, one gateway. */
  public static ModelContext standalone() {
    return new ModelContext(
        Map.of("orders", List.of("v1", "v2"), "users", List.of(), "a.b", List.of("canary")),
        SecretGenerators.CERTIFICATE_SECRETS, SecretGenerators.CA_SECRETS, List.of("static-registry"),
        Map.of("edge", List.of(Listener.builder().name("http").port(8080).build())), List.of("orders"));
  }

  ModelContext withGateways(Map<String, List<Listener>> gateways) {
    return new ModelContext(subsetsByService, certificateSecrets, caSecrets, registries, gateways, routes);
  }

  ModelContext withRoutes(List<String> names) {
    return new ModelContext(subsetsByService, certificateSecrets, caSecrets, registries, listenersByGateway, names);
  }
}
