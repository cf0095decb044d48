package io.hango.translate.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import java.util.Locale;

/**
 * Envoy header matchers of model conditions, shared by routes and plugins. Internal: may change
 * without notice.
 *
 * <p>Envoy's {@code HeaderUtility::matchHeaders} never matches a missing header with a value
 * condition, even with {@code invert_match} (only {@code present_match} sees missing headers). The
 * model says an inverted condition matches when the condition does not hold, which includes a
 * missing header; so an inverted value condition sets {@code treat_missing_header_as_empty}: the
 * missing header is compared as "", the condition fails and the inversion matches. That is exact
 * unless the condition itself accepts "" (e.g. {@code exact: ""}, {@code regex: ".*"}): then no
 * Envoy header matcher expresses it, see {@link #invertedMatchesEmpty}.
 */
public final class HeaderMatchers {

  private HeaderMatchers() {}

  /** The Envoy string matcher of a model value condition other than {@code present}. */
  public static StringMatcher string(io.hango.model.route.StringMatcher sm) {
    StringMatcher.Builder b = StringMatcher.newBuilder();
    if (sm instanceof io.hango.model.route.StringMatcher.Exact e) {
      b.setExact(e.value()).setIgnoreCase(e.ignoreCase());
    } else if (sm instanceof io.hango.model.route.StringMatcher.Prefix p) {
      b.setPrefix(p.value()).setIgnoreCase(p.ignoreCase());
    } else if (sm instanceof io.hango.model.route.StringMatcher.Suffix s) {
      b.setSuffix(s.value()).setIgnoreCase(s.ignoreCase());
    } else if (sm instanceof io.hango.model.route.StringMatcher.Contains c) {
      b.setContains(c.value()).setIgnoreCase(c.ignoreCase());
    } else if (sm instanceof io.hango.model.route.StringMatcher.Regex r) {
      b.setSafeRegex(RegexMatcher.newBuilder().setRegex(r.regex()));
    }
    return b.build();
  }

  /** The Envoy header matcher of a model header condition, with the model's semantics for missing headers. */
  public static HeaderMatcher header(String name, io.hango.model.route.StringMatcher sm, boolean invert) {
    HeaderMatcher.Builder h = HeaderMatcher.newBuilder().setName(name.toLowerCase(Locale.ROOT)).setInvertMatch(invert);
    if (sm instanceof io.hango.model.route.StringMatcher.Present p) {
      h.setPresentMatch(p.present());
    } else {
      h.setStringMatch(string(sm));
      if (invert && !acceptsEmpty(sm)) {
        h.setTreatMissingHeaderAsEmpty(true);
      }
    }
    return h.build();
  }

  /**
   * Whether {@code sm} is an inverted value condition that Envoy cannot express exactly: the
   * condition accepts the empty value, so a request without the header (which the model matches)
   * is not matched by Envoy.
   */
  public static boolean invertedMatchesEmpty(io.hango.model.route.StringMatcher sm, boolean invert) {
    return invert && !(sm instanceof io.hango.model.route.StringMatcher.Present) && acceptsEmpty(sm);
  }

  private static boolean acceptsEmpty(io.hango.model.route.StringMatcher sm) {
    if (sm instanceof io.hango.model.route.StringMatcher.Exact e) {
      return e.value().isEmpty();
    } else if (sm instanceof io.hango.model.route.StringMatcher.Prefix p) {
      return p.value().isEmpty();
    } else if (sm instanceof io.hango.model.route.StringMatcher.Suffix s) {
      return s.value().isEmpty();
    } else if (sm instanceof io.hango.model.route.StringMatcher.Contains c) {
      return c.value().isEmpty();
    } else if (sm instanceof io.hango.model.route.StringMatcher.Regex r) {
      try {
        return Pattern.compile(r.regex()).matches("");
      } catch (PatternSyntaxException e) {
        return false;
      }
    }
    return false;
  }
}
