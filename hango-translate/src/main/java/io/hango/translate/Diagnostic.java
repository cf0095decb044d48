package io.hango.translate;

import static java.util.Objects.requireNonNull;

import io.hango.model.validation.Problem;
import io.hango.model.validation.Severity;
import java.util.Comparator;

/**
 * Something the translator has to say about one model resource: an error (the resource, or part of
 * it, was left out of the Envoy output) or a warning (translated, but not exactly as written).
 *
 * @param severity error or warning
 * @param resource {@code Kind/name} of the model document, e.g. {@code Route/orders}; empty when
 *     the diagnostic is about the config as a whole
 * @param path field path inside the document, e.g. {@code spec.match.queryParams[0].present};
 *     empty for the document as a whole
 * @param reason what happened and why, for a person
 */
public record Diagnostic(Severity severity, String resource, String path, String reason) {

  /** The order diagnostics are reported in: by resource, path, severity, reason. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::resource)
          .thenComparing(Diagnostic::path)
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::reason);

  /** Checks that no component is null. */
  public Diagnostic {
    requireNonNull(severity, "severity");
    requireNonNull(resource, "resource");
    requireNonNull(path, "path");
    requireNonNull(reason, "reason");
  }

  /** An error about {@code resource} at {@code path}. */
  public static Diagnostic error(String resource, String path, String reason) {
    return new Diagnostic(Severity.ERROR, resource, path, reason);
  }

  /** A warning about {@code resource} at {@code path}. */
  public static Diagnostic warning(String resource, String path, String reason) {
    return new Diagnostic(Severity.WARNING, resource, path, reason);
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** This diagnostic as a model {@link Problem} (no source location), for tools that report both. */
  public Problem toProblem() {
    return severity == Severity.ERROR ? Problem.error(resource, path, reason) : Problem.warning(resource, path, reason);
  }

  /** {@code [warning: ]Kind/name: field.path: reason}, parts that are empty left out. */
  @Override
  public String toString() {
    return toProblem().toString();
  }
}
