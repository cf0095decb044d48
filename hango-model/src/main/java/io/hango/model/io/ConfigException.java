package io.hango.model.io;

import io.hango.model.validation.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link io.hango.model.GatewayConfig#read} when a config cannot be read completely:
 * unreadable files, syntax errors, or documents that do not fit the model. Use {@link
 * ConfigReader} to get the partial result instead.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /** An exception carrying {@code problems} (at least one). */
  public ConfigException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** What went wrong, each with its position. */
  public List<Problem> problems() {
    return problems;
  }
}
