package io.hango.routesim.internal;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while compiling a route configuration, each with its field path. */
public final class Problems {
  private final List<String> problems = new ArrayList<>();

  public void add(String where, String message) {
    problems.add(where + ": " + message);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<String> list() {
    return List.copyOf(problems);
  }
}
