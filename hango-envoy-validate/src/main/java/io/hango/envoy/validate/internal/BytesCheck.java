package io.hango.envoy.validate.internal;

import com.google.protobuf.ByteString;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.envoyproxy.pgv.validate.Validate.BytesRules;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** {@code validate.rules.bytes}; the pattern is matched against the bytes read as UTF-8. */
final class BytesCheck implements ValueCheck {

  private final BytesRules r;
  private final Pattern pattern;

  BytesCheck(BytesRules r) {
    this.r = r;
    Pattern p = null;
    if (r.hasPattern()) {
      try {
        p = Pattern.compile(r.getPattern());
      } catch (PatternSyntaxException e) {
        p = null;
      }
    }
    this.pattern = p;
  }

  @Override
  public void check(Object value, ViolationSink sink) {
    ByteString b = (ByteString) value;
    if (r.getIgnoreEmpty() && b.isEmpty()) {
      return;
    }
    if (r.hasConst() && !b.equals(r.getConst())) {
      sink.error("bytes.const", "value must equal " + hex(r.getConst()));
    }
    if (r.hasLen() && b.size() != r.getLen()) {
      sink.error("bytes.len", "value length must be " + r.getLen() + " bytes");
    }
    if (r.hasMinLen() && b.size() < r.getMinLen()) {
      sink.error("bytes.min_len", "value length must be at least " + r.getMinLen() + " bytes");
    }
    if (r.hasMaxLen() && b.size() > r.getMaxLen()) {
      sink.error("bytes.max_len", "value length must be at most " + r.getMaxLen() + " bytes");
    }
    if (r.hasPattern() && (pattern == null || !pattern.matcher(b.toString(StandardCharsets.UTF_8)).find())) {
      sink.error("bytes.pattern", "value does not match regex pattern \"" + r.getPattern() + "\"");
    }
    if (r.hasPrefix() && !b.startsWith(r.getPrefix())) {
      sink.error("bytes.prefix", "value does not have prefix " + hex(r.getPrefix()));
    }
    if (r.hasSuffix() && !b.endsWith(r.getSuffix())) {
      sink.error("bytes.suffix", "value does not have suffix " + hex(r.getSuffix()));
    }
    if (r.hasContains() && indexOf(b, r.getContains()) < 0) {
      sink.error("bytes.contains", "value does not contain " + hex(r.getContains()));
    }
    if (r.getInCount() > 0 && !r.getInList().contains(b)) {
      sink.error("bytes.in", "value must be in the listed values");
    }
    if (r.getNotInList().contains(b)) {
      sink.error("bytes.not_in", "value must not be in the listed values");
    }
    switch (r.getWellKnownCase()) {
      case IP -> {
        if (r.getIp() && b.size() != 4 && b.size() != 16) {
          sink.error("bytes.ip", "value must be a valid IP address (4 or 16 bytes)");
        }
      }
      case IPV4 -> {
        if (r.getIpv4() && b.size() != 4) {
          sink.error("bytes.ipv4", "value must be a valid IPv4 address (4 bytes)");
        }
      }
      case IPV6 -> {
        if (r.getIpv6() && b.size() != 16) {
          sink.error("bytes.ipv6", "value must be a valid IPv6 address (16 bytes)");
        }
      }
      default -> { }
    }
  }

  private static int indexOf(ByteString haystack, ByteString needle) {
    outer:
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      for (int j = 0; j < needle.size(); j++) {
        if (haystack.byteAt(i + j) != needle.byteAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String hex(ByteString b) {
    return "0x" + HexFormat.of().formatHex(b.toByteArray());
  }
}
