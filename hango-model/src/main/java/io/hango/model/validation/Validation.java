package io.hango.model.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of validating a config: every problem found, in a deterministic order (file, line,
 * column; then resource, path and message; problems without a position last).
 */
public final class Validation {

  /** The order of problems: by position, then resource, path and message. */
  public static final Comparator<Problem> ORDER =
      Comparator.<Problem, Boolean>comparing(p -> p.location().isEmpty())
          .thenComparing(p -> p.location().map(SourceLocation::file).orElse(""))
          .thenComparingInt(p -> p.location().map(SourceLocation::line).orElse(0))
          .thenComparingInt(p -> p.location().map(SourceLocation::column).orElse(0))
          .thenComparing(Problem::resource)
          .thenComparing(Problem::path)
          .thenComparing(Problem::message);

  private final List<Problem> problems;

  private Validation(List<Problem> problems) {
    this.problems = problems;
  }

  /** These problems, sorted by {@link #ORDER}. */
  public static Validation of(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(ORDER);
    return new Validation(List.copyOf(sorted));
  }

  /** Every problem, errors and warnings. */
  public List<Problem> problems() {
    return problems;
  }

  /** The errors. */
  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).collect(Collectors.toUnmodifiableList());
  }

  /** The warnings. */
  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).collect(Collectors.toUnmodifiableList());
  }

  /** Whether there is no error (warnings allowed). */
  public boolean isValid() {
    return problems.stream().noneMatch(Problem::isError);
  }

  /** The first error, if any. */
  public Optional<Problem> firstError() {
    return problems.stream().filter(Problem::isError).findFirst();
  }

  /** One problem per line, as the CLI prints them. */
  @Override
  public String toString() {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }
}
