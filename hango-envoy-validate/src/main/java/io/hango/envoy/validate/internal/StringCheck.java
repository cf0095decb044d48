package io.hango.envoy.validate.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.envoyproxy.pgv.validate.Validate.KnownRegex;
import io.envoyproxy.pgv.validate.Validate.StringRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code validate.rules.string}: lengths count Unicode code points, {@code *_bytes} count UTF-8 bytes. */
final class StringCheck implements ValueCheck {

  private final StringRules r;
  private final Pattern pattern;
  private final String patternError;
  private final Set<String> in;
  private final Set<String> notIn;
  private final Pattern headerRegex;

  StringCheck(StringRules r) {
    this.r = r;
    Pattern p = null;
    String error = null;
    if (r.hasPattern()) {
      try {
        p = Pattern.compile(r.getPattern());
      } catch (PatternSyntaxException e) {
        error = e.getMessage();
      }
    }
    this.pattern = p;
    this.patternError = error;
    this.in = new HashSet<>(r.getInList());
    this.notIn = new HashSet<>(r.getNotInList());
    if (r.getWellKnownCase() == StringRules.WellKnownCase.WELL_KNOWN_REGEX) {
      KnownRegex known = r.getWellKnownRegex();
      boolean strict = r.getStrict();
      if (!strict && known != KnownRegex.UNKNOWN) {
        headerRegex = WellKnownFormats.HEADER_STRING_LOOSE;
      } else if (known == KnownRegex.HTTP_HEADER_NAME) {
        headerRegex = WellKnownFormats.HEADER_NAME;
      } else if (known == KnownRegex.HTTP_HEADER_VALUE) {
        headerRegex = WellKnownFormats.HEADER_VALUE;
      } else {
        headerRegex = null;
      }
    } else {
      headerRegex = null;
    }
  }

  @Override
  public void check(Object value, ViolationSink sink) {
    String s = (String) value;
    if (r.getIgnoreEmpty() && s.isEmpty()) {
      return;
    }
    if (r.hasConst() && !s.equals(r.getConst())) {
      sink.error("string.const", "value must equal \"" + r.getConst() + "\"");
    }
    if (r.hasLen() || r.hasMinLen() || r.hasMaxLen()) {
      long chars = s.codePointCount(0, s.length());
      if (r.hasLen() && chars != r.getLen()) {
        sink.error("string.len", "value length must be " + r.getLen() + " characters");
      }
      if (r.hasMinLen() && chars < r.getMinLen()) {
        sink.error("string.min_len", "value length must be at least " + r.getMinLen() + " characters");
      }
      if (r.hasMaxLen() && chars > r.getMaxLen()) {
        sink.error("string.max_len", "value length must be at most " + r.getMaxLen() + " characters");
      }
    }
    if (r.hasLenBytes() || r.hasMinBytes() || r.hasMaxBytes()) {
      long bytes = utf8Length(s);
      if (r.hasLenBytes() && bytes != r.getLenBytes()) {
        sink.error("string.len_bytes", "value length must be " + r.getLenBytes() + " bytes");
      }
      if (r.hasMinBytes() && bytes < r.getMinBytes()) {
        sink.error("string.min_bytes", "value length must be at least " + r.getMinBytes() + " bytes");
      }
      if (r.hasMaxBytes() && bytes > r.getMaxBytes()) {
        sink.error("string.max_bytes", "value length must be at most " + r.getMaxBytes() + " bytes");
      }
    }
    if (patternError != null) {
      sink.error("string.pattern", "the rule's pattern does not compile under RE2: " + patternError);
    } else if (pattern != null && !pattern.matcher(s).find()) {
      sink.error("string.pattern", "value does not match regex pattern \"" + r.getPattern() + "\"");
    }
    if (r.hasPrefix() && !s.startsWith(r.getPrefix())) {
      sink.error("string.prefix", "value does not have prefix \"" + r.getPrefix() + "\"");
    }
    if (r.hasSuffix() && !s.endsWith(r.getSuffix())) {
      sink.error("string.suffix", "value does not have suffix \"" + r.getSuffix() + "\"");
    }
    if (r.hasContains() && !s.contains(r.getContains())) {
      sink.error("string.contains", "value does not contain substring \"" + r.getContains() + "\"");
    }
    if (r.hasNotContains() && s.contains(r.getNotContains())) {
      sink.error("string.not_contains", "value contains substring \"" + r.getNotContains() + "\"");
    }
    if (!in.isEmpty() && !in.contains(s)) {
      sink.error("string.in", "value must be in list " + list(r.getInList()));
    }
    if (notIn.contains(s)) {
      sink.error("string.not_in", "value must not be in list " + list(r.getNotInList()));
    }
    checkWellKnown(s, sink);
  }

  private void checkWellKnown(String s, ViolationSink sink) {
    switch (r.getWellKnownCase()) {
      case EMAIL -> require(r.getEmail() && !WellKnownFormats.isEmail(s), "string.email", "value must be a valid email address", sink);
      case HOSTNAME -> require(r.getHostname() && !WellKnownFormats.isHostname(s), "string.hostname", "value must be a valid hostname", sink);
      case IP -> require(r.getIp() && !WellKnownFormats.isIp(s), "string.ip", "value must be a valid IP address", sink);
      case IPV4 -> require(r.getIpv4() && !WellKnownFormats.isIpv4(s), "string.ipv4", "value must be a valid IPv4 address", sink);
      case IPV6 -> require(r.getIpv6() && !WellKnownFormats.isIpv6(s), "string.ipv6", "value must be a valid IPv6 address", sink);
      case URI -> require(r.getUri() && !WellKnownFormats.isUri(s), "string.uri", "value must be a valid absolute URI", sink);
      case URI_REF -> require(r.getUriRef() && !WellKnownFormats.isUriRef(s), "string.uri_ref", "value must be a valid URI", sink);
      case ADDRESS -> require(r.getAddress() && !WellKnownFormats.isAddress(s), "string.address", "value must be a valid hostname or IP address", sink);
      case UUID -> require(r.getUuid() && !WellKnownFormats.isUuid(s), "string.uuid", "value must be a valid UUID", sink);
      case WELL_KNOWN_REGEX -> {
        if (headerRegex != null && !headerRegex.matcher(s).find()) {
          String what = r.getWellKnownRegex() == KnownRegex.HTTP_HEADER_NAME ? "HTTP header name" : "HTTP header value";
          sink.error("string.well_known_regex", "value must be a valid " + what
              + (r.getStrict() ? "" : " (no NUL, CR or LF)"));
        }
      }
      default -> { }
    }
  }

  private static void require(boolean failed, String rule, String message, ViolationSink sink) {
    if (failed) {
      sink.error(rule, message);
    }
  }

  private static String list(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").toList().toString();
  }

  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
