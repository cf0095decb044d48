package io.hango.envoy.validate.internal;

import com.google.re2j.Pattern;
import java.net.URI;
import java.net.URISyntaxException;

/** The {@code well_known} string formats of protoc-gen-validate, checked without any name resolution. */
final class WellKnownFormats {

  static final Pattern HEADER_NAME = Pattern.compile("^:?[0-9a-zA-Z!#$%&'*+-.^_|~\u0060]+$");
  static final Pattern HEADER_VALUE = Pattern.compile("^[^\u0000-\u0008\n-\u001F\u007F]*$");
  static final Pattern HEADER_STRING_LOOSE = Pattern.compile("^[^\u0000\n\r]*$");
  private static final Pattern UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private WellKnownFormats() {}

  /** RFC 1034 host name: at most 253 characters, labels of 1 to 63 letters, digits and inner hyphens. */
  static boolean isHostname(String s) {
    String host = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    int start = 0;
    while (start <= host.length()) {
      int dot = host.indexOf('.', start);
      int end = dot < 0 ? host.length() : dot;
      int len = end - start;
      if (len == 0 || len > 63 || host.charAt(start) == '-' || host.charAt(end - 1) == '-') {
        return false;
      }
      for (int i = start; i < end; i++) {
        char c = host.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
          return false;
        }
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
    return false;
  }

  /** Dotted-quad IPv4 address; leading zeros are refused as ambiguous (octal). */
  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || p.length() > 1 && p.charAt(0) == '0') {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (!Character.isDigit(p.charAt(i)) || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** IPv6 address in RFC 4291 text form, with optional {@code ::} and trailing dotted-quad; no zone. */
  static boolean isIpv6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    String head = gap >= 0 ? s.substring(0, gap) : s;
    String tail = gap >= 0 ? s.substring(gap + 2) : "";
    String[] headParts = head.isEmpty() ? new String[0] : head.split(":", -1);
    String[] tailParts = tail.isEmpty() ? new String[0] : tail.split(":", -1);
    int groups = 0;
    int total = headParts.length + tailParts.length;
    int index = 0;
    for (String[] parts : new String[][] {headParts, tailParts}) {
      for (String p : parts) {
        index++;
        if (p.indexOf('.') >= 0) {
          if (index != total || !isIpv4(p)) {
            return false;
          }
          groups += 2;
        } else if (isHexGroup(p)) {
          groups++;
        } else {
          return false;
        }
      }
    }
    return gap >= 0 ? groups <= 7 : groups == 8;
  }

  private static boolean isHexGroup(String p) {
    if (p.isEmpty() || p.length() > 4) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (Character.digit(p.charAt(i), 16) < 0 || p.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  static boolean isIp(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  /** RFC 5322 address in its common form {@code local@host} (optionally {@code Name <local@host>}). */
  static boolean isEmail(String s) {
    String addr = s;
    if (addr.endsWith(">")) {
      int open = addr.lastIndexOf('<');
      if (open < 0) {
        return false;
      }
      addr = addr.substring(open + 1, addr.length() - 1);
    }
    if (addr.length() > 254) {
      return false;
    }
    int at = addr.lastIndexOf('@');
    if (at <= 0 || at > 64) {
      return false;
    }
    for (int i = 0; i < at; i++) {
      char c = addr.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>[]:;@\\,\"".indexOf(c) >= 0) {
        return false;
      }
    }
    return isHostname(addr.substring(at + 1));
  }

  /** Absolute URI (with a scheme), RFC 3986. */
  static boolean isUri(String s) {
    try {
      return new URI(s).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Absolute or relative URI reference, RFC 3986. */
  static boolean isUriRef(String s) {
    try {
      new URI(s);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean isAddress(String s) {
    return isIp(s) || isHostname(s);
  }

  static boolean isUuid(String s) {
    return UUID.matcher(s).matches();
  }
}
