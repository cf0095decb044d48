package io.hango.model.route;

import java.util.ArrayList;
import java.util.List;

/** The typed view of a {@link PathMatch}: one record per kind of path condition. */
public sealed interface PathMatcher {

  /** Whether the comparison ignores case. */
  boolean ignoreCase();

  /** The path equals {@code path}. */
  record Exact(String path, boolean ignoreCase) implements PathMatcher {}

  /** The path starts with {@code prefix}. */
  record Prefix(String prefix, boolean ignoreCase) implements PathMatcher {}

  /** The whole path matches the RE2 {@code regex}. */
  record Regex(String regex, boolean ignoreCase) implements PathMatcher {}

  /** The path matches the URI {@code template}. */
  record Template(String template, boolean ignoreCase) implements PathMatcher {}

  /** The one kind set in {@code m}; throws {@link IllegalStateException} unless exactly one is set. */
  static PathMatcher of(PathMatch m) {
    List<PathMatcher> set = new ArrayList<>(1);
    m.exact().ifPresent(v -> set.add(new Exact(v, m.ignoreCase())));
    m.prefix().ifPresent(v -> set.add(new Prefix(v, m.ignoreCase())));
    m.regex().ifPresent(v -> set.add(new Regex(v, m.ignoreCase())));
    m.template().ifPresent(v -> set.add(new Template(v, m.ignoreCase())));
    if (set.size() != 1) {
      throw new IllegalStateException("a path match needs exactly one of exact, prefix, regex, template; found " + set.size());
    }
    return set.get(0);
  }
}
