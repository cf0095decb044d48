package io.hango.translate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of {@link Translator#translate}: the Envoy resources and what the translator had to
 * say about the input. The translator never fails fast: a resource it could not translate is left
 * out and explained by an error diagnostic, everything else is translated. The caller decides
 * whether errors block a publish.
 */
public final class Translation {

  private final EnvoyResources resources;
  private final List<Diagnostic> diagnostics;

  /** A translation of {@code resources} with {@code diagnostics} (kept in {@link Diagnostic#ORDER}). */
  public Translation(EnvoyResources resources, List<Diagnostic> diagnostics) {
    this.resources = requireNonNull(resources, "resources");
    this.diagnostics = requireNonNull(diagnostics, "diagnostics").stream().sorted(Diagnostic.ORDER).distinct().toList();
  }

  /** The Envoy resources. */
  public EnvoyResources resources() {
    return resources;
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
