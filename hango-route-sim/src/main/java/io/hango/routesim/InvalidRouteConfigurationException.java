package io.hango.routesim;

import java.util.List;

/**
 * A route configuration Envoy would reject (invalid regex, duplicate domain, bad template, ...).
 * Carries every problem found, each prefixed with its field path.
 */
public final class InvalidRouteConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public InvalidRouteConfigurationException(String configName, List<String> problems) {
    super("route configuration '" + configName + "' is invalid:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, each as {@code field.path: message}. */
  public List<String> problems() {
    return problems;
  }
}
