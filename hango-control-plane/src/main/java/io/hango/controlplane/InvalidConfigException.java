package io.hango.controlplane;

import io.hango.model.validation.Problem;
import java.util.List;

/** Thrown by {@link ControlPlane#start()} when the initial config is invalid; nothing was started. */
public final class InvalidConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /** An exception carrying every problem that rejected the config. */
  public InvalidConfigException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one per line in {@code FILE:LINE:COL: Kind/name: path: message} form. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    long errors = problems.stream().filter(Problem::isError).count();
    return "invalid config: " + errors + (errors == 1 ? " error" : " errors");
  }
}
