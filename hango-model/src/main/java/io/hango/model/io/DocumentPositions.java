package io.hango.model.io;

import io.hango.model.internal.FieldPaths;
import io.hango.model.validation.SourceLocation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the nodes of one document were written: for each field path ({@code spec.listeners[0].port},
 * {@code ""} for the document itself) the position of its value and, for fields, of its key.
 */
public final class DocumentPositions {

  private final SourceLocation start;
  private final Map<String, SourceLocation> values;
  private final Map<String, SourceLocation> keys;

  /**
   * @param start where the document begins
   * @param values position of the value at each path
   * @param keys position of the key of each object field, by the field's path
   */
  public DocumentPositions(SourceLocation start, Map<String, SourceLocation> values, Map<String, SourceLocation> keys) {
    this.start = Objects.requireNonNull(start, "start");
    this.values = Map.copyOf(values);
    this.keys = Map.copyOf(keys);
  }

  /** Where the document begins. */
  public SourceLocation start() {
    return start;
  }

  /** The file the document was read from, as the reader was given it. */
  public String file() {
    return start.file();
  }

  /** The position of the value at {@code path}, if that node was written. */
  public Optional<SourceLocation> value(String path) {
    return Optional.ofNullable(values.get(path));
  }

  /** The position of the key of the field at {@code path}, if that field was written. */
  public Optional<SourceLocation> key(String path) {
    return Optional.ofNullable(keys.get(path));
  }

  /**
   * The position of {@code path}, or of its nearest written ancestor: a field that is missing is
   * reported where its parent object is.
   */
  public SourceLocation nearest(String path) {
    String p = path;
    while (true) {
      SourceLocation l = values.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return start;
      }
      p = FieldPaths.parent(p);
    }
  }
}
