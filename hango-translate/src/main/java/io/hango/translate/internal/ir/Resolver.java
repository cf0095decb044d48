package io.hango.translate.internal.ir;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.route.Route;
import io.hango.model.secret.Secret;
import io.hango.model.service.Service;
import io.hango.model.validation.RuleMessages;
import io.hango.translate.TranslatorOptions;
import io.hango.translate.internal.ClusterKey;
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.PluginRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link Ir} of a config, once: indexes the documents, activates plugins, resolves
 * routes, clusters and listeners, and places routes in virtual hosts. Everything is iterated in
 * sorted order, so the IR does not depend on the order of documents.
 *
 * <p>Precondition: the config passed the model validator ({@code GatewayConfig.validate()}) and the
 * plugin validator. The resolver does not check the validator's rules again; when a config that
 * was not validated breaks one anyway, the resolver reports it once, in the validator's words
 * ({@link RuleMessages}), followed by what it left out, and never throws.
 */
public final class Resolver {

  private final GatewayConfig config;
  private final TranslatorOptions options;
  private final Diagnostics diags;
  private final PluginResolver plugins;

  private final Map<String, Service> services = new TreeMap<>();
  private final Map<String, Gateway> gateways = new TreeMap<>();
  private final Map<String, Route> routes = new TreeMap<>();
  private final Map<String, Secret> secrets = new TreeMap<>();

  public Resolver(GatewayConfig config, TranslatorOptions options, PluginRegistry registry, Diagnostics diags) {
    this.config = config;
    this.options = options;
    this.diags = diags;
    this.plugins = new PluginResolver(config, registry, diags);
  }

  /** The IR of the config; diagnostics go to the resolver's {@link Diagnostics}. */
  public Ir resolve() {
    index();
    Map<String, List<PluginDoc>> active = plugins.activate();
    ClusterResolver cr = new ClusterResolver(secrets);
    Map<ClusterKey, IrCluster> clusters = new TreeMap<>();
    for (Service s : services.values()) {
      clusters.put(new ClusterKey(s.name(), null), cr.resolve(s, null));
      s.spec().subsets().forEach(x -> clusters.put(new ClusterKey(s.name(), x.name()), cr.resolve(s, x.name())));
    }
    Map<String, List<IrRoute>> routesByGateway = routes(clusters);
    ListenerResolver lr = new ListenerResolver(options, plugins, cr, services, diags);
    List<IrGateway> irGateways = new ArrayList<>();
    Set<String> placed = new TreeSet<>();
    Map<String, String> ports = new TreeMap<>();
    for (Gateway g : gateways.values()) {
      List<IrRoute> gatewayRoutes = routesByGateway.getOrDefault(g.name(), List.of());
      List<IrListener> listeners = new ArrayList<>();
      for (int i : listenerOrder(g)) {
        Listener l = g.spec().listeners().get(i);
        String bind = l.address() + ":" + l.port();
        String other = ports.putIfAbsent(bind, g.name());
        if (other != null && !other.equals(g.name())) {
          diags.warning(g.ref(), "spec.listeners[" + i + "].port",
              "Gateway/" + other + " also listens on " + bind + "; a proxy given both gateways can bind only one");
        }
        IrListener il = lr.resolve(g, l, i, gatewayRoutes, secrets);
        il.virtualHosts().forEach(v -> v.routes().forEach(r -> placed.add(r.name())));
        listeners.add(il);
      }
      Optional<IrTracing> tracing = listeners.isEmpty() ? Optional.empty() : lr.tracing(g);
      Set<ClusterKey> used = new TreeSet<>();
      gatewayRoutes.forEach(r -> used.addAll(r.clusters()));
      tracing.ifPresent(t -> used.add(new ClusterKey(t.collector().name(), null)));
      Set<String> routeNames = new TreeSet<>();
      config.routes().stream().filter(r -> r.spec().gateway().equals(g.name())).forEach(r -> routeNames.add(r.name()));
      irGateways.add(new IrGateway(g, listeners, gatewayRoutes, tracing, used, plugins.relevantTo(g.name(), routeNames)));
    }
    routesByGateway.values().forEach(list -> list.forEach(r -> {
      if (!placed.contains(r.name())) {
        diags.warning(r.model().ref(), "spec.hosts",
            "no listener of Gateway/" + r.model().spec().gateway() + " serves the route's hosts; route not emitted");
      }
    }));
    List<IrApiListener> api = options.proxylessGrpc() ? ApiListeners.choose(irGateways, diags) : List.of();
    return new Ir(config, irGateways, clusters, secrets, active, api);
  }

  private void index() {
    for (Resource r : config.resources()) {
      Map<String, ? extends Resource> target =
          switch (r.kind()) {
            case SERVICE -> services;
            case GATEWAY -> gateways;
            case ROUTE -> routes;
            case SECRET -> secrets;
            default -> null;
          };
      if (target == null) {
        continue;
      }
      if (target.containsKey(r.name())) {
        diags.error(r.ref(), "metadata.name", RuleMessages.duplicate(r.kind(), r.name()) + "; only the first document is translated");
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Resource> m = (Map<String, Resource>) target;
      if (r instanceof Route route && !route.spec().enabled()) {
        continue;
      }
      m.put(r.name(), r);
    }
  }

  /** The enabled routes whose gateway and listener exist, resolved, by gateway; each list sorted by name. */
  private Map<String, List<IrRoute>> routes(Map<ClusterKey, IrCluster> clusters) {
    RouteResolver rr = new RouteResolver(services, clusters, diags);
    Map<String, List<IrRoute>> out = new TreeMap<>();
    for (Route r : routes.values()) {
      Gateway g = gateways.get(r.spec().gateway());
      if (g == null) {
        diags.error(r.ref(), "spec.gateway", RuleMessages.missing(ResourceKind.GATEWAY, r.spec().gateway(), gateways.keySet()) + "; route left out");
        continue;
      }
      List<String> listenerNames = g.spec().listeners().stream().map(Listener::name).toList();
      if (r.spec().listener().isPresent() && !listenerNames.contains(r.spec().listener().get())) {
        diags.error(r.ref(), "spec.listener", RuleMessages.noListener(g.name(), r.spec().listener().get(), listenerNames) + "; route left out");
        continue;
      }
      rr.resolve(r, plugins.forRoute(r.name())).ifPresent(ir -> out.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(ir));
    }
    return out;
  }

  private static List<Integer> listenerOrder(Gateway g) {
    List<Listener> ls = g.spec().listeners();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < ls.size(); i++) {
      idx.add(i);
    }
    idx.sort(Comparator.<Integer>comparingInt(i -> ls.get(i).port()).thenComparing(i -> ls.get(i).name()));
    return idx;
  }
}
