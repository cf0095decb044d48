package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.Resource;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.ValueMatch;
import java.util.List;
import java.util.Set;

/** Checks a route's {@link RouteMatch}: path, methods, headers and query parameters. Internal. */
final class MatchChecks {

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private final ProblemSink sink;

  MatchChecks(ProblemSink sink) {
    this.sink = sink;
  }

  /** Checks {@code m}; returns the template variables of a template path match. */
  Set<String> check(Resource r, RouteMatch m, String path) {
    Set<String> variables = new java.util.HashSet<>();
    path(r, m.path(), path + ".path", variables);
    for (int i = 0; i < m.methods().size(); i++) {
      String method = m.methods().get(i);
      String p = path + ".methods[" + i + "]";
      if (!METHODS.contains(method)) {
        String upper = method.toUpperCase(java.util.Locale.ROOT);
        sink.error(r, p, METHODS.contains(upper)
            ? "methods are written upper case: '" + upper + "'"
            : "'" + method + "' is not an HTTP method; one of " + String.join(", ", new java.util.TreeSet<>(METHODS)));
      } else if (m.methods().indexOf(method) < i) {
        sink.error(r, p, "duplicate method '" + method + "'");
      }
    }
    for (int i = 0; i < m.headers().size(); i++) {
      HeaderMatch h = m.headers().get(i);
      String p = path + ".headers[" + i + "]";
      Formats.headerName(h.name()).ifPresent(msg -> sink.error(r, p + ".name", msg));
      value(r, h, p, "a header match");
    }
    for (int i = 0; i < m.queryParams().size(); i++) {
      QueryParamMatch q = m.queryParams().get(i);
      String p = path + ".queryParams[" + i + "]";
      if (q.name().isEmpty()) {
        sink.error(r, p + ".name", "cannot be empty");
      }
      value(r, q, p, "a query parameter match");
      q.present().filter(v -> !v).ifPresent(v -> sink.error(r, p + ".present", RuleMessages.QUERY_PARAM_ABSENT));
    }
    return variables;
  }

  private void path(Resource r, PathMatch m, String path, Set<String> variables) {
    List<String> set = m.kindsSet();
    OneOf.exactlyOne(sink, r, path, "a path match", PathMatch.KINDS, set);
    m.exact().filter(v -> !v.startsWith("/")).ifPresent(v -> sink.error(r, path + ".exact", "a path must start with '/'"));
    m.prefix().filter(v -> !v.startsWith("/")).ifPresent(v -> sink.error(r, path + ".prefix", "a path prefix must start with '/'"));
    m.regex().ifPresent(v -> Formats.regex(v).ifPresent(msg -> sink.error(r, path + ".regex", msg)));
    m.template().ifPresent(v -> Formats.uriTemplate(v, variables).ifPresent(msg -> sink.error(r, path + ".template", msg)));
  }

  private void value(Resource r, ValueMatch m, String path, String what) {
    List<String> set = m.kindsSet();
    OneOf.exactlyOne(sink, r, path, what, ValueMatch.KINDS, set);
    // Envoy requires a non-empty string for these three: an empty one would match everything.
    m.prefix().filter(String::isEmpty).ifPresent(v -> sink.error(r, path + ".prefix", "cannot be empty"));
    m.suffix().filter(String::isEmpty).ifPresent(v -> sink.error(r, path + ".suffix", "cannot be empty"));
    m.contains().filter(String::isEmpty).ifPresent(v -> sink.error(r, path + ".contains", "cannot be empty"));
    m.regex().ifPresent(v -> Formats.regex(v).ifPresent(msg -> sink.error(r, path + ".regex", msg)));
    if (m.ignoreCase() && (m.regex().isPresent() || m.present().isPresent())) {
      sink.error(r, path + ".ignoreCase", "ignoreCase applies to exact, prefix, suffix and contains only; use (?i) in a regex");
    }
  }
}
