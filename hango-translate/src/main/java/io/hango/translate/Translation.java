package io.hango.translate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * The result of {@link Translator#translate}: the Envoy resources and what the translator had to
 * say about the input. The translator never fails fast: a resource it could not translate is left
 * out and explained by an error diagnostic, everything else is translated. The caller decides
 * whether errors block a publish.
 */
public final class Translation {

  private final EnvoyResources resources;
  private final List<Diagnostic> diagnostics;
  private final Function<String, EnvoyResources> gateways;

  /**
   * A translation of {@code resources} with {@code diagnostics} (kept in {@link Diagnostic#ORDER}),
   * without per-gateway slices: {@link #gatewayResources} gives all of {@code resources}.
   */
  public Translation(EnvoyResources resources, List<Diagnostic> diagnostics) {
    this(resources, diagnostics, g -> resources);
  }

  /**
   * A translation of {@code resources} with {@code diagnostics}, whose {@link #gatewayResources}
   * are those {@code gateways} gives for a gateway name; it must be thread-safe and give the same
   * resources every time it is asked for one name.
   */
  public Translation(EnvoyResources resources, List<Diagnostic> diagnostics, Function<String, EnvoyResources> gateways) {
    this.resources = requireNonNull(resources, "resources");
    this.diagnostics = requireNonNull(diagnostics, "diagnostics").stream().sorted(Diagnostic.ORDER).distinct().toList();
    this.gateways = requireNonNull(gateways, "gateways");
  }

  /** The Envoy resources. */
  public EnvoyResources resources() {
    return resources;
  }

  /**
   * The resources a proxy of gateway {@code gateway} needs, from this one translation: its
   * listeners and route configurations, the proxyless-gRPC API listeners of its hosts (chosen among
   * its own listeners), and the clusters, endpoints and secrets those use (every cluster when
   * {@link TranslatorOptions#emitOnlyUsedClusters()} is off) — what translating the config reduced
   * to that gateway (its routes, and the plugins that target it, its routes or any host) gives.
   * Empty for a gateway that is not in the config. Computed on first use, then kept; thread-safe.
   */
  public EnvoyResources gatewayResources(String gateway) {
    return gateways.apply(requireNonNull(gateway, "gateway"));
  }

  /** Errors and warnings, sorted by resource, path, severity and reason. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Whether any diagnostic is an error. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  @Override
  public String toString() {
    return "Translation{" + resources + ", diagnostics=" + diagnostics.size() + "}";
  }
}
