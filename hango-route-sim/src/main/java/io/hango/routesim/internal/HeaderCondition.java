package io.hango.routesim.internal;

import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import java.util.List;
import java.util.Optional;

/**
 * One compiled {@link HeaderMatcher}, with the semantics of Envoy's
 * {@code HeaderUtility::matchHeaders}: values of a repeated header are joined with commas; a
 * missing header only matches {@code present_match: false} (or an inverted
 * {@code present_match: true}) unless {@code treat_missing_header_as_empty} is set.
 */
public final class HeaderCondition {
  private enum Type { VALUE, REGEX, RANGE, PRESENT, PREFIX, SUFFIX, CONTAINS, STRING_MATCH }

  private final String name;
  private final Type type;
  private final String value;
  private final Pattern regex;
  private final long rangeStart;
  private final long rangeEnd;
  private final boolean present;
  private final StringMatch stringMatch;
  private final boolean invert;
  private final boolean treatMissingAsEmpty;

  private HeaderCondition(HeaderMatcher m, Type type, String value, Pattern regex, boolean present,
      StringMatch stringMatch) {
    this.name = HeaderList.lower(m.getName());
    this.type = type;
    this.value = value;
    this.regex = regex;
    this.rangeStart = m.getRangeMatch().getStart();
    this.rangeEnd = m.getRangeMatch().getEnd();
    this.present = present;
    this.stringMatch = stringMatch;
    this.invert = m.getInvertMatch();
    this.treatMissingAsEmpty = m.getTreatMissingHeaderAsEmpty();
  }

  @SuppressWarnings("deprecation")
  public static HeaderCondition compile(HeaderMatcher m, Problems problems, String where) {
    if (m.getName().isEmpty()) {
      problems.add(where + ".name", "header name must not be empty");
    }
    switch (m.getHeaderMatchSpecifierCase()) {
      case EXACT_MATCH:
        return new HeaderCondition(m, Type.VALUE, m.getExactMatch(), null, false, null);
      case SAFE_REGEX_MATCH: {
        Pattern p = Regexes.compile(m.getSafeRegexMatch(), problems, where + ".safe_regex_match");
        return new HeaderCondition(m, Type.REGEX, "", p == null ? Pattern.compile("(?!)x") : p, false, null);
      }
      case RANGE_MATCH:
        return new HeaderCondition(m, Type.RANGE, "", null, false, null);
      case PRESENT_MATCH:
        return new HeaderCondition(m, Type.PRESENT, "", null, m.getPresentMatch(), null);
      case PREFIX_MATCH:
        return new HeaderCondition(m, Type.PREFIX, m.getPrefixMatch(), null, false, null);
      case SUFFIX_MATCH:
        return new HeaderCondition(m, Type.SUFFIX, m.getSuffixMatch(), null, false, null);
      case CONTAINS_MATCH:
        return new HeaderCondition(m, Type.CONTAINS, m.getContainsMatch(), null, false, null);
      case STRING_MATCH:
        return new HeaderCondition(m, Type.STRING_MATCH, "", null, false,
            StringMatch.compile(m.getStringMatch(), problems, where + ".string_match"));
      default:
        // No specifier: the header must be present.
        return new HeaderCondition(m, Type.PRESENT, "", null, true, null);
    }
  }

  public static boolean matchAll(List<HeaderCondition> conditions, HeaderList headers) {
    for (HeaderCondition c : conditions) {
      if (!c.matches(headers)) {
        return false;
      }
    }
    return true;
  }

  public String name() {
    return name;
  }

  public boolean matches(HeaderList headers) {
    Optional<String> joined = headers.joined(name);
    if (joined.isEmpty() && !treatMissingAsEmpty) {
      return invert ? type == Type.PRESENT && present : type == Type.PRESENT && !present;
    }
    String v = joined.orElse("");
    boolean match;
    switch (type) {
      case VALUE:
        match = value.isEmpty() || v.equals(value);
        break;
      case REGEX:
        match = Regexes.fullMatch(regex, v);
        break;
      case RANGE:
        match = inRange(v);
        break;
      case PRESENT:
        match = present;
        break;
      case PREFIX:
        match = v.startsWith(value);
        break;
      case SUFFIX:
        match = v.endsWith(value);
        break;
      case CONTAINS:
        match = v.contains(value);
        break;
      default:
        match = stringMatch.matches(v);
        break;
    }
    return match != invert;
  }

  private boolean inRange(String v) {
    // absl::SimpleAtoi accepts surrounding ASCII whitespace and a leading sign.
    String t = v.strip();
    if (t.startsWith("+")) {
      t = t.substring(1);
      if (t.startsWith("-") || t.startsWith("+")) {
        return false;
      }
    }
    try {
      long n = Long.parseLong(t);
      return n >= rangeStart && n < rangeEnd;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
