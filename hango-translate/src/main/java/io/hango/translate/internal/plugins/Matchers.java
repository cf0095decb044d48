package io.hango.translate.internal.plugins;

import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.hango.translate.internal.HeaderMatchers;
import io.hango.model.route.StringMatcher;

/** Envoy matchers of plugin conditions. */
final class Matchers {

  private Matchers() {}

  static io.envoyproxy.envoy.type.matcher.v3.StringMatcher string(StringMatcher sm) {
    return HeaderMatchers.string(sm);
  }

  /** With the model's semantics for a missing header under {@code invert} (see {@link HeaderMatchers}). */
  static HeaderMatcher header(String name, StringMatcher sm, boolean invert) {
    return HeaderMatchers.header(name, sm, invert);
  }
}
