package io.hango.translate.internal.plugins;

import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.hango.model.route.StringMatcher;
import java.util.Locale;

/** Envoy matchers of plugin conditions. */
final class Matchers {

  private Matchers() {}

  static io.envoyproxy.envoy.type.matcher.v3.StringMatcher string(StringMatcher sm) {
    io.envoyproxy.envoy.type.matcher.v3.StringMatcher.Builder b = io.envoyproxy.envoy.type.matcher.v3.StringMatcher.newBuilder();
    if (sm instanceof StringMatcher.Exact e) {
      b.setExact(e.value()).setIgnoreCase(e.ignoreCase());
    } else if (sm instanceof StringMatcher.Prefix p) {
      b.setPrefix(p.value()).setIgnoreCase(p.ignoreCase());
    } else if (sm instanceof StringMatcher.Suffix s) {
      b.setSuffix(s.value()).setIgnoreCase(s.ignoreCase());
    } else if (sm instanceof StringMatcher.Contains c) {
      b.setContains(c.value()).setIgnoreCase(c.ignoreCase());
    } else if (sm instanceof StringMatcher.Regex r) {
      b.setSafeRegex(RegexMatcher.newBuilder().setRegex(r.regex()));
    }
    return b.build();
  }

  static HeaderMatcher header(String name, StringMatcher sm, boolean invert) {
    HeaderMatcher.Builder h = HeaderMatcher.newBuilder().setName(name.toLowerCase(Locale.ROOT)).setInvertMatch(invert);
    if (sm instanceof StringMatcher.Present p) {
      h.setPresentMatch(p.present());
    } else {
      h.setStringMatch(string(sm));
    }
    return h.build();
  }
}
