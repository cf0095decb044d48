package io.hango.translate.internal.ir;

import io.hango.model.GatewayConfig;
import io.hango.model.ResourceKind;
import io.hango.model.gateway.Gateway;
import io.hango.model.plugin.Plugin;
import io.hango.model.plugin.PluginTarget;
import io.hango.model.route.Route;
import io.hango.model.validation.Problem;
import io.hango.model.validation.RuleMessages;
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.HostPatterns;
import io.hango.translate.internal.PluginRegistry;
import io.hango.translate.spi.HttpFilterPlugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plugin activation and precedence, in one place: which plugin documents are active (enabled, of a
 * known type, config valid and parsed once), and which one applies at a route, a virtual host or a
 * gateway. Of two documents of one type targeting the same thing, the first by name applies; a
 * Route target wins over a Host target, which wins over a Gateway target, and of Host targets the
 * most specific host wins.
 */
final class PluginResolver {

  private final GatewayConfig config;
  private final PluginRegistry registry;
  private final Diagnostics diags;
  /** Active documents by type, each list sorted by name. */
  private final Map<String, List<PluginDoc>> active = new TreeMap<>();

  PluginResolver(GatewayConfig config, PluginRegistry registry, Diagnostics diags) {
    this.config = config;
    this.registry = registry;
    this.diags = diags;
  }

  /** Activates the enabled documents; reports their problems, missing targets and documents that lose to another. */
  Map<String, List<PluginDoc>> activate() {
    List<Plugin> docs = new ArrayList<>(config.plugins());
    docs.sort(Comparator.comparing(Plugin::name));
    Map<String, List<String>> byTarget = new TreeMap<>();
    for (Plugin p : docs) {
      if (!p.spec().enabled()) {
        continue;
      }
      PluginRegistry.Checked checked = registry.check(p, null);
      for (Problem pr : checked.problems()) {
        if (pr.isError()) {
          diags.error(pr.resource(), pr.path(), pr.message() + "; plugin not applied");
        } else {
          diags.warning(pr.resource(), pr.path(), pr.message());
        }
      }
      if (checked.config() == null) {
        continue;
      }
      HttpFilterPlugin plugin = registry.byType(p.spec().type()).orElseThrow();
      Object parsed = checked.config();
      active.computeIfAbsent(plugin.type(), t -> new ArrayList<>()).add(new PluginDoc(plugin, p, parsed));
      for (int i = 0; i < p.spec().targets().size(); i++) {
        PluginTarget t = p.spec().targets().get(i);
        String name = t.kind() == PluginTarget.Kind.HOST ? HostPatterns.normalize(t.name()) : t.name();
        byTarget.computeIfAbsent(p.spec().type() + " " + t.kind() + " " + name, k -> new ArrayList<>()).add(p.name());
        String at = "spec.targets[" + i + "].name";
        if (t.kind() == PluginTarget.Kind.ROUTE && config.route(t.name()).isEmpty()) {
          diags.warning(p.ref(), at, RuleMessages.missing(ResourceKind.ROUTE, t.name(), config.routes().stream().map(Route::name).toList())
              + "; target ignored");
        } else if (t.kind() == PluginTarget.Kind.GATEWAY && config.gateway(t.name()).isEmpty()) {
          diags.warning(p.ref(), at, RuleMessages.missing(ResourceKind.GATEWAY, t.name(), config.gateways().stream().map(Gateway::name).toList())
              + "; target ignored");
        }
      }
    }
    byTarget.forEach((key, names) -> {
      for (String loser : names.subList(1, names.size())) {
        String[] k = key.split(" ", 3);
        diags.warning("Plugin/" + loser, "spec.targets",
            "Plugin/" + names.get(0) + " of the same type targets the same " + k[1].charAt(0) + k[1].substring(1).toLowerCase() + " '" + k[2]
                + "' and applies there; this one does not");
      }
    });
    return active;
  }

  /** The Route-targeted documents that apply to {@code route}, in filter-chain order. */
  List<PluginAttachment> forRoute(String route) {
    List<PluginAttachment> out = new ArrayList<>();
    for (HttpFilterPlugin p : registry.ordered()) {
      pick(p.type(), PluginTarget.Kind.ROUTE, route).ifPresent(d -> out.add(new PluginAttachment(d, PluginScope.ROUTE)));
    }
    return out;
  }

  /** The Host- or else Gateway-targeted documents that apply to virtual host {@code vhost} of {@code gateway}, in filter-chain order. */
  List<PluginAttachment> forVirtualHost(String vhost, String gateway) {
    List<PluginAttachment> out = new ArrayList<>();
    for (HttpFilterPlugin p : registry.ordered()) {
      Optional<PluginDoc> host = hostPlugin(p.type(), vhost);
      if (host.isPresent()) {
        out.add(new PluginAttachment(host.get(), PluginScope.HOST));
      } else {
        pick(p.type(), PluginTarget.Kind.GATEWAY, gateway).ifPresent(d -> out.add(new PluginAttachment(d, PluginScope.GATEWAY)));
      }
    }
    return out;
  }

  /** The normalized host names of the Host targets of active documents. */
  Set<String> hostTargets() {
    Set<String> out = new LinkedHashSet<>();
    for (List<PluginDoc> docs : active.values()) {
      for (PluginDoc doc : docs) {
        for (PluginTarget t : doc.document().spec().targets()) {
          if (t.kind() == PluginTarget.Kind.HOST) {
            out.add(HostPatterns.normalize(t.name()));
          }
        }
      }
    }
    return out;
  }

  /** The active documents targeting {@code gateway}, one of {@code routes}, or any host, by type. */
  Map<String, List<PluginDoc>> relevantTo(String gateway, Set<String> routes) {
    Map<String, List<PluginDoc>> out = new TreeMap<>();
    active.forEach((type, docs) -> {
      List<PluginDoc> kept = docs.stream().filter(d -> d.document().spec().targets().stream().anyMatch(t -> switch (t.kind()) {
        case GATEWAY -> t.name().equals(gateway);
        case ROUTE -> routes.contains(t.name());
        case HOST -> true;
      })).toList();
      if (!kept.isEmpty()) {
        out.put(type, kept);
      }
    });
    return out;
  }

  /** The document of {@code type} targeting exactly ({@code kind}, {@code name}): the first by name. */
  private Optional<PluginDoc> pick(String type, PluginTarget.Kind kind, String name) {
    for (PluginDoc doc : active.getOrDefault(type, List.of())) {
      for (PluginTarget t : doc.document().spec().targets()) {
        if (t.kind() == kind && t.name().equals(name)) {
          return Optional.of(doc);
        }
      }
    }
    return Optional.empty();
  }

  /** The document of {@code type} whose Host target covers {@code vhost} most specifically. */
  private Optional<PluginDoc> hostPlugin(String type, String vhost) {
    PluginDoc best = null;
    String bestHost = null;
    for (PluginDoc doc : active.getOrDefault(type, List.of())) {
      for (PluginTarget t : doc.document().spec().targets()) {
        String h = HostPatterns.normalize(t.name());
        if (t.kind() != PluginTarget.Kind.HOST || !HostPatterns.covers(h, vhost)) {
          continue;
        }
        if (best == null || HostPatterns.tier(h) < HostPatterns.tier(bestHost)
            || (HostPatterns.tier(h) == HostPatterns.tier(bestHost) && h.length() > bestHost.length())) {
          best = doc;
          bestHost = h;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
