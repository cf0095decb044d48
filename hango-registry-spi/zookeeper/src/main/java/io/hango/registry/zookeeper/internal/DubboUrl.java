package io.hango.registry.zookeeper.internal;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Dubbo provider URL, read from the name of its ZooKeeper node. Dubbo names the node
 * {@code URLEncoder.encode("dubbo://10.0.0.1:20880/com.foo.Orders?group=g&methods=a,b")}; some
 * registrations encode the parameters once more ({@code methods=a%2Cb} after the first decoding),
 * so keys and values are percent-decoded again (a {@code +} stays a {@code +} there, and a value
 * that is not valid percent-encoding stays as written). A user name and password in the URL are
 * dropped. Internal.
 *
 * @param protocol the URL's protocol ({@code dubbo}, {@code tri}, {@code rest}, ...)
 * @param host the host, an IPv6 address without its brackets
 * @param port the port, 0 when the URL has none
 * @param path the path after the authority (the interface name), without the leading {@code /}
 * @param parameters the decoded query parameters (the last one wins when a key repeats)
 */
record DubboUrl(String protocol, String host, int port, String path, Map<String, String> parameters) {

  /** Dubbo 2's prefix of parameters that apply when the plain key is missing or empty. */
  private static final String DEFAULT_PREFIX = "default.";

  DubboUrl {
    parameters = Map.copyOf(parameters);
  }

  /**
   * Parses a node name.
   *
   * @throws IllegalArgumentException if it is not a URL-encoded {@code protocol://host:port/path?query}
   */
  static DubboUrl parse(String nodeName) {
    String url = URLDecoder.decode(nodeName, StandardCharsets.UTF_8);
    int schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0) {
      throw new IllegalArgumentException("no protocol:// in '" + url + "'");
    }
    String rest = url.substring(schemeEnd + 3);
    int queryStart = rest.indexOf('?');
    String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
    int pathStart = beforeQuery.indexOf('/');
    String authority = pathStart < 0 ? beforeQuery : beforeQuery.substring(0, pathStart);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in the host of '" + url + "'");
      }
      host = authority.substring(1, close);
      port = authority.substring(close + 1);
      if (!port.isEmpty() && !port.startsWith(":")) {
        throw new IllegalArgumentException("no ':' after the IPv6 address in '" + url + "'");
      }
      port = port.isEmpty() ? "" : port.substring(1);
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("no host in '" + url + "'");
    }
    return new DubboUrl(
        url.substring(0, schemeEnd),
        host,
        port(port, url),
        pathStart < 0 ? "" : beforeQuery.substring(pathStart + 1),
        queryStart < 0 ? Map.of() : parameters(rest.substring(queryStart + 1)));
  }

  /**
   * A parameter the way Dubbo 2 reads it: {@code key}, or {@code default.key} when {@code key} is
   * missing or empty; null when neither is set.
   */
  String parameter(String key) {
    String value = parameters.get(key);
    return value == null || value.isEmpty() ? parameters.get(DEFAULT_PREFIX + key) : value;
  }

  /** {@code protocol://host:port/path}, the provider's identity without its parameters. */
  String address() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return protocol + "://" + h + (port > 0 ? ":" + port : "") + (path.isEmpty() ? "" : "/" + path);
  }

  private static int port(String text, String url) {
    if (text.isEmpty()) {
      return 0;
    }
    if (text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("port '" + text + "' is not a number in '" + url + "'");
    }
    return Integer.parseInt(text);
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> out = new TreeMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
      if (!key.isEmpty()) {
        out.put(key, eq < 0 ? "" : percentDecode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  /** Decodes {@code %XX} sequences as UTF-8; returns {@code text} unchanged when they are not valid. */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          return text;
        }
        run.write(hi * 16 + lo);
        i += 2;
      } else {
        if (!flush(run, out)) {
          return text;
        }
        out.append(c);
      }
    }
    return flush(run, out) ? out.toString() : text;
  }

  /** Appends the bytes of {@code run} decoded as UTF-8 and empties it; false if they are not UTF-8. */
  private static boolean flush(ByteArrayOutputStream run, StringBuilder out) {
    if (run.size() == 0) {
      return true;
    }
    try {
      out.append(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(run.toByteArray())));
      run.reset();
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
