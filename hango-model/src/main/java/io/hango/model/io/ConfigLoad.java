package io.hango.model.io;

import io.hango.model.GatewayConfig;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Validation;
import io.hango.model.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The result of reading a config with {@link ConfigReader}: the documents that could be bound,
 * and what went wrong with the others.
 *
 * <p>Two classes of problems, which a caller may treat differently (the CLI exits 2 on the first,
 * 1 on the second):
 *
 * <ul>
 *   <li>{@link #readErrors()}: files that could not be read, or whose syntax is broken. What such
 *       a file holds is unknown (in part or entirely).
 *   <li>{@link #problems()}: documents that parsed but do not fit the model (unknown fields, wrong
 *       value types, missing required fields, unknown kinds); they are left out of {@link
 *       #config()}. {@link #validate()} adds the semantic checks of the documents that were bound.
 * </ul>
 */
public final class ConfigLoad {

  private final GatewayConfig config;
  private final List<String> files;
  private final List<Problem> readErrors;
  private final List<Problem> problems;
  private final Set<String> unboundRefs;

  ConfigLoad(GatewayConfig config, List<String> files, List<Problem> readErrors, List<Problem> problems,
      Set<String> unboundRefs) {
    this.config = config;
    this.files = List.copyOf(files);
    this.readErrors = List.copyOf(readErrors);
    this.problems = List.copyOf(problems);
    this.unboundRefs = Set.copyOf(unboundRefs);
  }

  /** The documents that were bound, in file order, with their {@link GatewayConfig#sourceMap() source map}. */
  public GatewayConfig config() {
    return config;
  }

  /** Where each bound document was read from. */
  public SourceMap sourceMap() {
    return config.sourceMap().orElse(SourceMap.empty());
  }

  /** The files read, in the order read. */
  public List<String> files() {
    return files;
  }

  /** Unreadable files and syntax errors, each with the file and position. */
  public List<Problem> readErrors() {
    return readErrors;
  }

  /** Whether any file could not be read or parsed. */
  public boolean hasReadErrors() {
    return !readErrors.isEmpty();
  }

  /** Structural problems of documents that parsed but could not be bound to the model. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * {@code Kind/name} of documents that could not be bound: references to them are not reported as
   * dangling, since the document exists and has its own errors.
   */
  public Set<String> unboundRefs() {
    return unboundRefs;
  }

  /**
   * Every problem of this load except read errors: the structural {@link #problems()} and the
   * validation of {@link #config()}, sorted by position.
   */
  public Validation validate() {
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(Validator.validate(config, sourceMap(), unboundRefs).problems());
    return Validation.of(all);
  }
}
