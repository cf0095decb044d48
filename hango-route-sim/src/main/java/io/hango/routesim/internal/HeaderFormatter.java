package io.hango.routesim.internal;

import java.util.List;

/**
 * The small part of Envoy's substitution formatter that header values use in practice:
 * {@code %DOWNSTREAM_REMOTE_ADDRESS%}, {@code %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%},
 * {@code %DOWNSTREAM_LOCAL_ADDRESS%}, {@code %DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT%},
 * {@code %PROTOCOL%}, {@code %REQ(name)%} (with {@code ?alternative} and {@code :max_length}),
 * {@code %ROUTE_NAME%} and {@code %%}. Any other command is left as written and reported.
 */
public final class HeaderFormatter {
  private HeaderFormatter() {}

  /** What a formatter can read from the request being routed. */
  public interface Context {
    String downstreamRemoteAddress();

    String downstreamLocalAddress();

    String protocol();

    HeaderList requestHeaders();

    String routeName();
  }

  public static String format(String template, Context context, List<String> notes) {
    if (template.indexOf('%') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '%') {
        out.append('%');
        i += 2;
        continue;
      }
      int end = template.indexOf('%', i + 1);
      if (end < 0) {
        out.append(template.substring(i));
        break;
      }
      String command = template.substring(i + 1, end);
      String value = evaluate(command, context);
      if (value == null) {
        notes.add("formatter command %" + command + "% is not simulated; kept as written");
        out.append('%').append(command).append('%');
      } else {
        out.append(value);
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static String evaluate(String command, Context context) {
    switch (command) {
      case "DOWNSTREAM_REMOTE_ADDRESS":
        return context.downstreamRemoteAddress();
      case "DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT":
        return withoutPort(context.downstreamRemoteAddress());
      case "DOWNSTREAM_LOCAL_ADDRESS":
        return context.downstreamLocalAddress();
      case "DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT":
        return withoutPort(context.downstreamLocalAddress());
      case "PROTOCOL":
        return context.protocol();
      case "ROUTE_NAME":
        return context.routeName();
      default:
        break;
    }
    if (command.startsWith("REQ(")) {
      int close = command.indexOf(')');
      if (close < 0) {
        return null;
      }
      String spec = command.substring(4, close);
      String main = spec;
      String alt = null;
      int q = spec.indexOf('?');
      if (q >= 0) {
        main = spec.substring(0, q);
        alt = spec.substring(q + 1);
      }
      String v = context.requestHeaders().first(main).orElse(null);
      if (v == null && alt != null) {
        v = context.requestHeaders().first(alt).orElse(null);
      }
      if (v == null) {
        v = "";
      }
      String tail = command.substring(close + 1);
      if (tail.startsWith(":")) {
        try {
          int max = Integer.parseInt(tail.substring(1));
          if (v.length() > max) {
            v = v.substring(0, max);
          }
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return v;
    }
    return null;
  }

  static String withoutPort(String address) {
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      return close > 0 ? address.substring(1, close) : address;
    }
    int colon = address.lastIndexOf(':');
    return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
  }
}
