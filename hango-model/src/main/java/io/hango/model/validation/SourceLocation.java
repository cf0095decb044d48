package io.hango.model.validation;

import java.util.Objects;

/**
 * Where in a source file something was written: file name (as given by the reader), 1-based line
 * and column.
 */
public record SourceLocation(String file, int line, int column) {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }

  /** {@code file:line:column}. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
