package io.hango.model.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a config, located as precisely as possible: the source position (when the
 * config was read from a file), the resource ({@code Kind/name}), and the field path inside it
 * ({@code spec.forward.destinations[1].subset}).
 *
 * @param severity error or warning
 * @param location file, line and column, when known
 * @param resource {@code Kind/name} of the document, or empty when the problem is not inside one
 *     (e.g. a file that cannot be parsed)
 * @param path field path inside the document, e.g. {@code spec.match.headers[0].regex}; empty for
 *     the document as a whole
 * @param message what is wrong, for a person
 */
public record Problem(
    Severity severity, Optional<SourceLocation> location, String resource, String path, String message) {

  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** An error in {@code resource} at {@code path}, location unknown. */
  public static Problem error(String resource, String path, String message) {
    return new Problem(Severity.ERROR, Optional.empty(), resource, path, message);
  }

  /** A warning in {@code resource} at {@code path}, location unknown. */
  public static Problem warning(String resource, String path, String message) {
    return new Problem(Severity.WARNING, Optional.empty(), resource, path, message);
  }

  /** This problem located at {@code where}. */
  public Problem at(SourceLocation where) {
    return new Problem(severity, Optional.ofNullable(where), resource, path, message);
  }

  /** Whether this is an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The one-line form the CLI prints: {@code FILE:LINE:COL: Kind/name: field.path: message}, parts
   * that are unknown left out; warnings are marked {@code warning:}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    location.ifPresent(l -> sb.append(l).append(": "));
    if (severity == Severity.WARNING) {
      sb.append("warning: ");
    }
    if (!resource.isEmpty()) {
      sb.append(resource).append(": ");
    }
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
