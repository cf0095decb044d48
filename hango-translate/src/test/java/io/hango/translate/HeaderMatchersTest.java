package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.hango.model.route.StringMatcher;
import io.hango.translate.internal.HeaderMatchers;
import org.junit.jupiter.api.Test;

/**
 * Inverted value conditions match a request without the header (model), which Envoy only does with
 * {@code treat_missing_header_as_empty} (HeaderUtility::matchHeaders never matches a missing header otherwise).
 */
class HeaderMatchersTest {

  @Test
  void invertedValueConditionTreatsMissingHeaderAsEmpty() {
    HeaderMatcher m = HeaderMatchers.header("X-Tier", new StringMatcher.Exact("free", false), true);
    assertThat(m.getName()).isEqualTo("x-tier");
    assertThat(m.getInvertMatch()).isTrue();
    assertThat(m.getTreatMissingHeaderAsEmpty()).isTrue();
  }

  @Test
  void plainAndPresentConditionsKeepEnvoysMissingHeaderRule() {
    assertThat(HeaderMatchers.header("x", new StringMatcher.Exact("a", false), false).getTreatMissingHeaderAsEmpty()).isFalse();
    assertThat(HeaderMatchers.header("x", new StringMatcher.Present(true), true).getTreatMissingHeaderAsEmpty()).isFalse();
    assertThat(HeaderMatchers.header("x", new StringMatcher.Present(false), false).getPresentMatch()).isFalse();
  }

  @Test
  void invertedConditionAcceptingEmptyIsNotExpressible() {
    StringMatcher any = new StringMatcher.Regex(".*");
    assertThat(HeaderMatchers.invertedMatchesEmpty(any, true)).isTrue();
    assertThat(HeaderMatchers.header("x", any, true).getTreatMissingHeaderAsEmpty()).isFalse();
    assertThat(HeaderMatchers.invertedMatchesEmpty(new StringMatcher.Regex(".+"), true)).isFalse();
    assertThat(HeaderMatchers.invertedMatchesEmpty(any, false)).isFalse();
  }
}
