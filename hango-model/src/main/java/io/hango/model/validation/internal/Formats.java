package io.hango.model.validation.internal;

import com.google.common.net.InetAddresses;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The value formats of the model, each as one precompiled pattern or check, returning what is
 * wrong (for a message) or empty when the value is fine. Internal.
 */
public final class Formats {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_LABEL = Pattern.compile("(?i)[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  /** RFC 7230 token characters, lower case only: Envoy compares header names in lower case. */
  private static final Pattern HEADER_NAME = Pattern.compile(":?[!#$%&'*+\\-.^_`|~0-9a-z]+");
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern URL = Pattern.compile("https?://[^\\s/]+(/\\S*)?");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,/]+:[0-9]{1,5}");

  private static final Set<String> ALPN = Set.of("h2", "http/1.1", "http/1.0");

  private Formats() {}

  /** An ALPN protocol name the gateway can speak. */
  public static Optional<String> alpn(String protocol) {
    return ALPN.contains(protocol)
        ? Optional.empty()
        : Optional.of("'" + protocol + "' is not an ALPN protocol; one of h2, http/1.1, http/1.0");
  }

  /** A resource name: lower-case DNS style. */
  public static Optional<String> name(String name) {
    if (name.isEmpty()) {
      return Optional.of("a name cannot be empty");
    }
    if (name.length() > 253 || !NAME.matches(name)) {
      return Optional.of("'" + name + "' is not a valid name: use lower-case letters, digits, '-' and '.', "
          + "starting and ending with a letter or digit (at most 253 characters)");
    }
    return Optional.empty();
  }

  /** A short name inside a resource (listener, subset): a lower-case DNS label. */
  public static Optional<String> label(String name) {
    if (name.length() > 63 || !LABEL.matches(name)) {
      return Optional.of("'" + name + "' is not a valid name: use lower-case letters, digits and '-', "
          + "starting and ending with a letter or digit (at most 63 characters)");
    }
    return Optional.empty();
  }

  /** A host name as routes and listeners serve it: exact, {@code *.} wildcard, or {@code *}. */
  public static Optional<String> hostPattern(String host) {
    if (host.equals("*")) {
      return Optional.empty();
    }
    String rest = host.startsWith("*.") ? host.substring(2) : host;
    return hostName(rest).isPresent()
        ? Optional.of("'" + host + "' is not a host name: write e.g. api.example.com, *.example.com or *")
        : Optional.empty();
  }

  /** A plain host name (no wildcard). */
  public static Optional<String> hostName(String host) {
    boolean ok = !host.isEmpty() && host.length() <= 253 && !host.endsWith(".");
    if (ok) {
      for (String label : host.split("\\.", -1)) {
        ok &= label.length() <= 63 && DNS_LABEL.matches(label);
      }
    }
    return ok ? Optional.empty() : Optional.of("'" + host + "' is not a host name");
  }

  /** An endpoint address: an IP literal or a host name. */
  public static Optional<String> address(String address) {
    if (InetAddresses.isInetAddress(address) || hostName(address).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("'" + address + "' is not an IP address or host name");
  }

  /** An IP address literal. */
  public static Optional<String> ipAddress(String address) {
    return InetAddresses.isInetAddress(address)
        ? Optional.empty()
        : Optional.of("'" + address + "' is not an IP address");
  }

  /** An HTTP header name: an RFC 7230 token in lower case (or a pseudo-header such as {@code :authority}). */
  public static Optional<String> headerName(String name) {
    if (HEADER_NAME.matches(name)) {
      return Optional.empty();
    }
    if (HEADER_NAME.matches(name.toLowerCase(java.util.Locale.ROOT))) {
      return Optional.of("header name '" + name + "' must be lower case: '" + name.toLowerCase(java.util.Locale.ROOT) + "'");
    }
    return Optional.of("'" + name + "' is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)");
  }

  /** A regular expression under RE2 semantics (what Envoy uses). */
  public static Optional<String> regex(String regex) {
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of("invalid RE2 regular expression: " + e.getDescription() + " in '" + regex + "'");
    }
  }

  /** A URL with an http or https scheme. */
  public static Optional<String> httpUrl(String url) {
    return URL.matches(url) ? Optional.empty() : Optional.of("'" + url + "' is not an http(s) URL");
  }

  /** {@code host:port[,host:port...]}, optionally followed by a {@code /chroot} when {@code chroot}. */
  public static Optional<String> hostPorts(String text, boolean chroot) {
    String list = text;
    if (chroot && text.indexOf('/') >= 0) {
      list = text.substring(0, text.indexOf('/'));
    }
    for (String part : list.split(",", -1)) {
      if (!HOST_PORT.matches(part.strip())) {
        return Optional.of("'" + text + "' is not a list of host:port" + (chroot ? " (with an optional /chroot)" : ""));
      }
    }
    return Optional.empty();
  }

  /**
   * A URI template ({@code /orders/{id}/items/**}): segments are literals, {@code *}, {@code **}
   * (last only), {@code {name}}, {@code {name=*}} or {@code {name=**}} (last only); variable names
   * unique. Returns the variable names in {@code variables}.
   */
  public static Optional<String> uriTemplate(String template, Set<String> variables) {
    if (!template.startsWith("/")) {
      return Optional.of("a path template must start with '/'");
    }
    String[] segments = template.substring(1).split("/", -1);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      boolean last = i == segments.length - 1;
      String glob = s;
      if (s.startsWith("{") && s.endsWith("}")) {
        String inner = s.substring(1, s.length() - 1);
        int eq = inner.indexOf('=');
        String var = eq < 0 ? inner : inner.substring(0, eq);
        glob = eq < 0 ? "*" : inner.substring(eq + 1);
        if (!TEMPLATE_VARIABLE.matches(var)) {
          return Optional.of("'" + var + "' is not a template variable name in '" + template + "'");
        }
        if (!seen.add(var)) {
          return Optional.of("template variable '" + var + "' is used twice in '" + template + "'");
        }
        if (!glob.equals("*") && !glob.equals("**")) {
          return Optional.of("a template variable matches '*' or '**', not '" + glob + "', in '" + template + "'");
        }
      } else if (s.isEmpty() && !last) {
        return Optional.of("empty segment in path template '" + template + "'");
      } else if (s.contains("{") || s.contains("}") || (s.contains("*") && !s.equals("*") && !s.equals("**"))) {
        return Optional.of("segment '" + s + "' of path template '" + template + "' mixes literal text with a variable or glob");
      }
      if (glob.equals("**") && !last) {
        return Optional.of("'**' can only be the last segment of path template '" + template + "'");
      }
    }
    variables.addAll(seen);
    return Optional.empty();
  }

  /** Whether {@code d} is longer than zero. */
  public static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
