package io.hango.controlplane.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.controlplane.ControlPlaneState;
import io.hango.controlplane.ServedSummary;
import io.hango.model.GatewayConfig;
import io.hango.model.validation.Problem;
import io.hango.registry.DiscoveryReport;
import io.hango.registry.RegistryStatus;
import io.hango.registry.ServiceEndpoints;
import io.hango.translate.EnvoyResources;
import io.hango.xds.NodeStatus;
import io.hango.xds.TypeStatus;
import io.hango.xds.XdsStatus;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The control plane's status as JSON ({@code /debug/status}), HTML ({@code /}) and log text. */
public final class StatusViews {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is served: the config, every resource, the node groups. */
  public record Served(GatewayConfig config, EnvoyResources resources, Collection<String> groups) {}

  private StatusViews() {}

  /** The xDS status document with the control plane's state added under {@code controlPlane}. */
  public static String statusJson(XdsStatus xds, ControlPlaneState state, Served served) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(xds.toJson());
      ObjectNode cp = JSON.createObjectNode();
      cp.put("ready", state.ready());
      cp.put("configVersion", state.configVersion().orElse(null));
      cp.put("lastGoodAt", state.lastGoodAt().map(Object::toString).orElse(null));
      ObjectNode last = cp.putObject("lastReload");
      state.lastOutcome()
          .ifPresent(
              o -> {
                last.put("outcome", o.result().name().toLowerCase(Locale.ROOT));
                last.put("at", o.at().toString());
                last.set("problems", problems(o.problems()));
              });
      cp.set("lastErrors", problems(state.lastErrors()));
      if (served != null) {
        ObjectNode counts = cp.putObject("resources");
        for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
          counts.put(t.key(), served.resources().get(t).size());
        }
        ArrayNode groups = cp.putArray("groups");
        served.groups().stream().sorted().forEach(groups::add);
      }
      ObjectNode out = JSON.createObjectNode();
      out.set("controlPlane", cp);
      out.setAll(root);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("xDS status is not JSON", e);
    }
  }

  private static ArrayNode problems(List<Problem> problems) {
    ArrayNode arr = JSON.createArrayNode();
    problems.forEach(p -> arr.add(p.toString()));
    return arr;
  }

  /** A small human-readable page: what is served, connected nodes per type, last errors. */
  public static String statusPage(
      XdsStatus xds, ControlPlaneState state, Served served, List<RegistryStatus> registries, int xdsPort, int adminPort) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Hango control plane</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}.bad{color:#b00}</style></head><body>\n")
        .append("<h1>Hango control plane</h1>\n<p>xDS port ")
        .append(xdsPort)
        .append(", admin port ")
        .append(adminPort)
        .append(". Config version <code>")
        .append(esc(state.configVersion().orElse("(none)")))
        .append("</code>, ")
        .append(state.ready() ? "ready" : "<span class=bad>not ready</span>")
        .append(state.lastGoodAt().map(t -> ", last good config at " + t).orElse(""))
        .append(".</p>\n");
    state.lastOutcome()
        .ifPresent(o -> h.append("<p>Last reload: ").append(esc(o.result().name().toLowerCase(Locale.ROOT))).append(" at ").append(o.at()).append("</p>\n"));
    if (!state.lastErrors().isEmpty()) {
      h.append("<h2 class=bad>Last rejected config (still serving the previous one)</h2>\n<pre class=bad>");
      state.lastErrors().forEach(p -> h.append(esc(p.toString())).append('\n'));
      h.append("</pre>\n");
    }
    if (served != null) {
      h.append("<h2>Served</h2>\n<p>").append(esc(ServedSummary.counts(served.resources()))).append("</p>\n<ul>\n");
      ServedSummary.gateways(served.config()).forEach(g -> h.append("<li>").append(esc(g)).append("</li>\n"));
      h.append("</ul>\n");
    }
    registries(h, registries);
    h.append("<h2>Connected nodes</h2>\n");
    if (xds.nodes().isEmpty()) {
      h.append("<p>none</p>\n");
    } else {
      h.append("<table><tr><th>node</th><th>group</th><th>stream</th><th>type</th><th>sent</th><th>acked</th><th>nacked</th><th>last NACK</th></tr>\n");
      for (NodeStatus n : xds.nodes()) {
        String stream = n.service() + (n.delta() ? " delta" : " sotw");
        if (n.types().isEmpty()) {
          row(h, n, stream, null);
        }
        for (TypeStatus t : n.types()) {
          row(h, n, stream, t);
        }
      }
      h.append("</table>\n");
    }
    h.append("<p><a href=\"/debug/status\">/debug/status</a> · <a href=\"/debug/config\">/debug/config</a> · ")
        .append("<a href=\"/debug/registries\">/debug/registries</a> · ")
        .append("<a href=\"/metrics\">/metrics</a> · <a href=\"/ready\">/ready</a></p>\n</body></html>\n");
    return h.toString();
  }

  /** The {@code /debug/registries} JSON. */
  public static String registriesJson(List<RegistryStatus> registries) {
    return DiscoveryReport.json(registries);
  }

  private static void registries(StringBuilder h, List<RegistryStatus> registries) {
    if (registries.isEmpty()) {
      return;
    }
    h.append("<h2>Registries</h2>\n<table><tr><th>registry</th><th>type</th><th>connected</th><th>last sync</th>")
        .append("<th>last error</th><th>service</th><th>state</th><th>endpoints</th><th>left out</th></tr>\n");
    for (RegistryStatus r : registries) {
      String head = "<td>" + esc(r.name()) + "</td><td>" + esc(r.type()) + "</td>"
          + (r.connected() ? "<td>yes</td>" : "<td class=bad>no</td>")
          + "<td>" + esc(r.lastSync().map(Object::toString).orElse("-")) + "</td>"
          + "<td class=bad>" + esc(r.lastError().orElse("-")) + "</td>";
      if (r.services().isEmpty()) {
        h.append("<tr>").append(head).append("<td colspan=4>no services watched</td></tr>\n");
      }
      for (ServiceEndpoints s : r.services()) {
        h.append("<tr>").append(head)
            .append("<td>").append(esc(s.service())).append("</td>")
            .append("<td>").append(esc(s.state().name().toLowerCase(Locale.ROOT))).append("</td>")
            .append(s.endpoints().isEmpty() ? "<td class=bad>0</td>" : "<td>" + s.endpoints().size() + "</td>")
            .append("<td>").append(s.excluded().size()).append("</td></tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, NodeStatus n, String stream, TypeStatus t) {
    h.append("<tr><td>").append(esc(n.nodeId())).append("</td><td>").append(esc(n.group())).append("</td><td>").append(esc(stream)).append("</td>");
    if (t == null) {
      h.append("<td colspan=5>nothing requested yet</td></tr>\n");
      return;
    }
    h.append("<td>").append(esc(shortType(t.typeUrl()))).append("</td>")
        .append("<td>").append(esc(orDash(t.versionSent()))).append("</td>")
        .append("<td>").append(esc(orDash(t.versionAcked()))).append("</td>")
        .append(t.nacked() ? "<td class=bad>" : "<td>").append(esc(orDash(t.versionNacked()))).append("</td>")
        .append("<td class=bad>").append(esc(orDash(t.lastNackMessage()))).append("</td></tr>\n");
  }

  private static String shortType(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
