package io.hango.routesim.internal;

import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One compiled {@link QueryParameterMatcher}, as Envoy's {@code ConfigUtility::QueryParameterMatcher}:
 * only the first value of a parameter is considered, values are not percent-decoded, a
 * parameter without {@code =} has the empty value, and {@code present_match} (either value) only
 * requires the parameter to be there.
 */
public final class QueryCondition {
  private final String name;
  private final StringMatch matcher;

  private QueryCondition(String name, StringMatch matcher) {
    this.name = name;
    this.matcher = matcher;
  }

  public static QueryCondition compile(QueryParameterMatcher m, Problems problems, String where) {
    StringMatch sm = m.hasStringMatch()
        ? StringMatch.compile(m.getStringMatch(), problems, where + ".string_match") : null;
    return new QueryCondition(m.getName(), sm);
  }

  /** Parses the query of {@code path} as Envoy's {@code QueryParamsMulti::parseQueryString}. */
  public static List<Map.Entry<String, String>> parse(String path) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    int q = path.indexOf('?');
    if (q < 0) {
      return params;
    }
    int start = q + 1;
    while (start < path.length()) {
      int end = path.indexOf('&', start);
      if (end < 0) {
        end = path.length();
      }
      String param = path.substring(start, end);
      int eq = param.indexOf('=');
      if (eq >= 0) {
        params.add(Map.entry(param.substring(0, eq), param.substring(eq + 1)));
      } else {
        params.add(Map.entry(param, ""));
      }
      start = end + 1;
    }
    return params;
  }

  public boolean matches(List<Map.Entry<String, String>> params) {
    Optional<String> first = params.stream().filter(e -> e.getKey().equals(name))
        .map(Map.Entry::getValue).findFirst();
    if (first.isEmpty()) {
      return false;
    }
    return matcher == null || matcher.matches(first.get());
  }
}
