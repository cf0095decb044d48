package io.hango.model.validation.internal;

import io.hango.model.Resource;
import io.hango.model.io.SourceMap;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one validation run, locating each through the source map. Internal. */
public final class ProblemSink {

  private final SourceMap sourceMap;
  private final List<Problem> problems = new ArrayList<>();

  public ProblemSink(SourceMap sourceMap) {
    this.sourceMap = sourceMap;
  }

  /** An error in {@code resource} at {@code path}. */
  public void error(Resource resource, String path, String message) {
    add(Severity.ERROR, resource, path, message);
  }

  /** A warning in {@code resource} at {@code path}. */
  public void warning(Resource resource, String path, String message) {
    add(Severity.WARNING, resource, path, message);
  }

  /** Where {@code resource} was written, as {@code file:line:col}, or empty. */
  public String whereIs(Resource resource) {
    return sourceMap.locate(resource, "").map(Object::toString).orElse("");
  }

  /** Everything collected so far. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  private void add(Severity severity, Resource resource, String path, String message) {
    problems.add(new Problem(severity, sourceMap.locate(resource, path), resource.ref(), path, message));
  }
}
