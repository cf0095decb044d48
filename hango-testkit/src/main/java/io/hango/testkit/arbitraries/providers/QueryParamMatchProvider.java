package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll QueryParamMatch} values from {@link HangoArbitraries#queryParamMatches}. */
public final class QueryParamMatchProvider extends ModelTypeProvider<io.hango.model.route.QueryParamMatch> {
  public QueryParamMatchProvider() {
    super(io.hango.model.route.QueryParamMatch.class, () -> HangoArbitraries.queryParamMatches());
  }
}
