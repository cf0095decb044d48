package io.hango.controlplane.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replaces secret material in Envoy resources rendered as JSON by {@code "[redacted]"}, as Envoy's
 * own config dump does: private keys, key passwords, generic secrets, session ticket keys and HMAC
 * secrets, wherever they appear (Secrets, and TLS contexts inlined in listeners or clusters).
 * Certificates stay: they are public.
 */
public final class SecretRedaction {

  /** Envoy's fields that hold secret material ({@code envoy.extensions.transport_sockets.tls.v3}). */
  private static final Set<String> SECRET_FIELDS =
      Set.of("private_key", "password", "secret", "session_ticket_keys", "hmac_secret", "pkcs12");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretRedaction() {}

  /** {@code json} with every secret field's value replaced; otherwise as written (the same pretty-printing). */
  public static String redact(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      redact(root);
      String out = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      return json.endsWith("\n") ? out + "\n" : out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("resources are not JSON", e);
    }
  }

  private static void redact(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (SECRET_FIELDS.contains(name)) {
          o.put(name, "[redacted]");
        } else {
          redact(o.get(name));
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(SecretRedaction::redact);
    }
  }
}
