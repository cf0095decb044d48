package io.hango.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hango.model.registry.RegistrySpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces a registry's credentials by {@code ***} in any text it produces (errors, status, logs):
 * the Nacos password, a custom registry's settings whose names mention a password, token, secret
 * or credential, and the user information of URLs ({@code http://user:pass@host}). Internal.
 */
public final class Redactor {

  private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|token|secret|credential|accesskey|secretkey).*");

  /** The longest text kept, after redaction. */
  static final int MAX_LENGTH = 1_000;

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor for the credentials in {@code spec}. */
  public static Redactor of(RegistrySpec spec) {
    List<String> secrets = new ArrayList<>();
    if (spec instanceof RegistrySpec.Nacos n) {
      n.password().filter(p -> !p.isEmpty()).ifPresent(secrets::add);
    } else if (spec instanceof RegistrySpec.Custom c) {
      collect(c.settings(), false, secrets);
    }
    // Longest first, so a secret that contains another is replaced whole.
    secrets.sort((a, b) -> b.length() - a.length());
    return new Redactor(List.copyOf(secrets));
  }

  private static void collect(JsonNode node, boolean secretName, List<String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(e.getValue(), secretName || SECRET_NAME.matcher(e.getKey().toLowerCase(Locale.ROOT)).matches(), out);
      }
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, secretName, out));
    } else if (secretName && node.isValueNode() && !node.asText().isEmpty()) {
      out.add(node.asText());
    }
  }

  /** {@code text} on one line, every credential replaced by {@code ***}, cut after {@value #MAX_LENGTH} characters. */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = URL_USERINFO.matcher(text.replace('\r', ' ').replace('\n', ' ')).replaceAll("$1***@");
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    // A registry's error can carry a whole response body: status pages and logs keep a line of it.
    return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "… (" + (out.length() - MAX_LENGTH) + " more characters)" : out;
  }
}
