package io.hango.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.service.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the status of running registries: as JSON (the admin port's {@code /debug/registries})
 * and as text, one line per endpoint (what {@code hango discover} prints). Holds no credentials:
 * {@link RegistryStatus} never does.
 */
public final class DiscoveryReport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiscoveryReport() {}

  /** {@code {"registries":[{name, type, connected, lastSync, lastError, events, errors, services:[...]}]}}. */
  public static String json(List<RegistryStatus> registries) {
    requireNonNull(registries, "registries");
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arr = root.putArray("registries");
    for (RegistryStatus r : registries) {
      ObjectNode o = arr.addObject();
      o.put("name", r.name());
      o.put("type", r.type());
      o.put("connected", r.connected());
      o.put("lastSync", r.lastSync().map(Object::toString).orElse(null));
      o.put("lastError", r.lastError().orElse(null));
      o.put("lastErrorAt", r.lastErrorAt().map(Object::toString).orElse(null));
      o.put("events", r.events());
      o.put("errors", r.errors());
      ArrayNode services = o.putArray("services");
      for (ServiceEndpoints s : r.services()) {
        ObjectNode so = services.addObject();
        so.put("service", s.service());
        so.put("ref", s.ref().toString());
        so.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        so.put("endpoints", s.endpoints().size());
        so.put("excluded", s.excluded().size());
        so.put("lastAnswer", s.lastAnswer().map(Object::toString).orElse(null));
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Per service: a header line, one line per endpoint ({@code address:port weight=W zone=Z labels})
   * and one per instance left out, with the reason.
   */
  public static String text(List<ServiceEndpoints> services) {
    StringBuilder sb = new StringBuilder();
    for (ServiceEndpoints s : services) {
      sb.append("Service/").append(s.service()).append(" <- registry ").append(s.registry()).append(": ").append(s.ref())
          .append(" [").append(s.state().name().toLowerCase(java.util.Locale.ROOT)).append("] ")
          .append(s.endpoints().size()).append(" endpoint(s)");
      if (!s.excluded().isEmpty()) {
        sb.append(", ").append(s.excluded().size()).append(" left out");
      }
      sb.append('\n');
      for (Endpoint e : s.endpoints()) {
        sb.append("  ").append(e.address()).append(':').append(e.port()).append(" weight=").append(e.weight());
        e.region().ifPresent(v -> sb.append(" region=").append(v));
        e.zone().ifPresent(v -> sb.append(" zone=").append(v));
        if (!e.labels().isEmpty()) {
          sb.append(' ').append(labels(e.labels()));
        }
        sb.append('\n');
      }
      for (ServiceEndpoints.Excluded x : s.excluded()) {
        sb.append("  left out ").append(x.instance().address()).append(':').append(x.instance().port())
            .append(" (").append(x.instance().id()).append("): ").append(x.reason()).append('\n');
      }
    }
    return sb.toString();
  }

  private static String labels(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
  }
}
