package io.hango.translate.internal.emit;

import com.google.protobuf.Descriptors.Descriptor;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.hango.model.service.Service;
import io.hango.translate.Endpoints;
import io.hango.translate.EnvoyResources;
import io.hango.translate.TranslatorOptions;
import io.hango.translate.internal.ClusterKey;
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.emit.EndpointEmitter;
import io.hango.translate.internal.Names;
import io.hango.translate.internal.PluginRegistry;
import io.hango.translate.internal.ir.ApiListeners;
import io.hango.translate.internal.ir.Ir;
import io.hango.translate.internal.ir.IrApiListener;
import io.hango.translate.internal.ir.IrCluster;
import io.hango.translate.internal.ir.IrGateway;
import io.hango.translate.internal.ir.IrListener;
import io.hango.translate.internal.ir.IrRoute;
import io.hango.translate.internal.ir.IrVirtualHost;
import io.hango.translate.internal.ir.PluginAttachment;
import io.hango.translate.internal.ir.PluginDoc;
import io.hango.translate.internal.ir.SecretUse;
import io.hango.translate.spi.HttpFilterPlugin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the emitters' output together: for every gateway ({@link #all}), or for one ({@link
 * #gateway}) — what a proxy of that gateway needs, as translating the config reduced to that gateway
 * (its routes, and the plugins targeting it, its routes or any host) would give. Each piece (a
 * listener's route configuration and listener, a cluster, its endpoints) is emitted once and shared
 * by every assembly; only the proxyless-gRPC API listeners a slice chooses differently and the
 * plugins' extra resources are emitted per slice. {@link #all} runs first, and is the only one
 * whose diagnostics are reported; slices are built lazily, one at a time.
 */
public final class Assembler {

  private final Ir ir;
  private final Endpoints endpoints;
  private final TranslatorOptions options;
  private final PluginRegistry registry;
  private final Set<Descriptor> types = ConcurrentHashMap.newKeySet();
  private final Map<String, Service> services = new TreeMap<>();

  private final Map<String, RouteConfiguration> routeConfigs = new HashMap<>();
  private final Map<String, Listener> listeners = new HashMap<>();
  private final Map<String, Optional<RouteConfiguration>> grpcRouteConfigs = new HashMap<>();
  private final Map<String, Listener> apiListeners = new HashMap<>();
  private final Map<ClusterKey, Cluster> clusters = new HashMap<>();
  private final Map<ClusterKey, ClusterLoadAssignment> assignments = new HashMap<>();
  private final Map<String, EnvoyResources> slices = new HashMap<>();

  public Assembler(Ir ir, Endpoints endpoints, TranslatorOptions options, PluginRegistry registry) {
    this.ir = ir;
    this.options = options;
    this.endpoints = endpoints;
    this.registry = registry;
    ir.clusters().values().forEach(c -> services.putIfAbsent(c.service().name(), c.service()));
  }

  /** Every gateway's resources; diagnostics (including the clusters' notes) go to {@code diags}. */
  public synchronized EnvoyResources all(Diagnostics diags) {
    return assemble(ir.gateways(), ir.apiListeners(), ir.plugins(), new TranslationContext(ir.config(), options, diags, types), true);
  }

  /** The resources of gateway {@code name} (none for an unknown gateway); computed once. */
  public synchronized EnvoyResources gateway(String name) {
    EnvoyResources r = slices.get(name);
    if (r == null) {
      Optional<IrGateway> g = ir.gateway(name);
      if (g.isEmpty()) {
        return EnvoyResources.empty();
      }
      // Diagnostics of a slice repeat those of the whole translation (or concern its choices only): not reported.
      Diagnostics scratch = new Diagnostics();
      List<IrApiListener> api = ir.apiListeners().isEmpty() ? List.of() : ApiListeners.choose(List.of(g.get()), scratch);
      r = assemble(List.of(g.get()), api, g.get().plugins(), new TranslationContext(ir.config(), options, scratch, types), false);
      slices.put(name, r);
    }
    return r;
  }

  private EnvoyResources assemble(
      List<IrGateway> gateways, List<IrApiListener> api, Map<String, List<PluginDoc>> resourceDocs, TranslationContext ctx, boolean report) {
    EnvoyResources.Builder out = EnvoyResources.builder();
    PluginHooks hooks = new PluginHooks(ctx);
    for (HttpFilterPlugin p : registry.ordered()) {
      List<PluginDoc> docs = resourceDocs.get(p.type());
      if (docs != null) {
        hooks.addResources(p, docs, services, out);
      }
    }
    Emitters e = new Emitters(ctx, hooks);
    for (IrGateway g : gateways) {
      g.clusters().forEach(ctx::useCluster);
      for (IrListener l : g.listeners()) {
        out.addRoute(routeConfigs.computeIfAbsent(l.name(), k -> e.routeConfig(g, l)));
        if (l.emitted()) {
          out.addListener(listeners.computeIfAbsent(l.name(), k -> e.listener(g, l)));
          l.secrets().forEach(ctx::useSecret);
        }
      }
    }
    for (IrApiListener a : api) {
      IrListener source = a.source();
      Optional<RouteConfiguration> grpc =
          grpcRouteConfigs.computeIfAbsent(source.name(), k -> ProxylessGrpc.routeConfig(source, routeConfigs.get(source.name())));
      grpc.ifPresent(out::addRoute);
      String rc = grpc.map(RouteConfiguration::getName).orElse(Names.routeConfig(source.gateway().name(), source.model().name()));
      out.addListener(apiListeners.computeIfAbsent(a.host() + " " + source.name(), k -> ProxylessGrpc.apiListener(ctx, hooks, a, rc)));
    }
    Set<ClusterKey> keys = new TreeSet<>(ctx.usedClusters());
    if (!ctx.options().emitOnlyUsedClusters()) {
      keys.addAll(ir.clusters().keySet());
    }
    for (ClusterKey k : keys) {
      IrCluster ic = ir.clusters().get(k);
      if (ic == null) {
        continue;
      }
      out.addCluster(clusters.computeIfAbsent(k, x -> e.clusters.cluster(ic)));
      ic.secrets().forEach(ctx::useSecret);
      if (report) {
        ic.notes().forEach(d -> {
          if (d.isError()) {
            ctx.error(d.resource(), d.path(), d.reason());
          } else {
            ctx.warning(d.resource(), d.path(), d.reason());
          }
        });
      }
      if (!ic.dns()) {
        out.addEndpoints(assignments.computeIfAbsent(k, x -> EndpointEmitter.assignment(
            k.clusterName(), EndpointEmitter.select(ic.service(), k.subset(), endpoints.forService(ic.service().name())),
            ctx.diagnostics(), ic.service().ref(), true)));
      }
    }
    for (SecretUse use : SecretUse.values()) {
      for (String name : ctx.usedSecrets(use)) {
        SecretEmitter.secret(name, use, ir.secrets().get(name)).ifPresent(out::addSecret);
      }
    }
    types.forEach(out::addType);
    return out.build();
  }

  /** The emitters of one assembly. */
  private static final class Emitters {
    final PluginHooks hooks;
    final RouteEmitter routes;
    final ListenerEmitter listeners;
    final ClusterEmitter clusters;

    Emitters(TranslationContext ctx, PluginHooks hooks) {
      this.hooks = hooks;
      this.routes = new RouteEmitter(ctx);
      this.listeners = new ListenerEmitter(ctx);
      this.clusters = new ClusterEmitter(ctx);
    }

    RouteConfiguration routeConfig(IrGateway g, IrListener l) {
      RouteConfiguration.Builder rc = RouteConfiguration.newBuilder().setName(Names.routeConfig(g.name(), l.model().name()));
      Map<String, Route> built = new HashMap<>();
      for (IrVirtualHost v : l.virtualHosts()) {
        VirtualHost.Builder vh = VirtualHost.newBuilder().setName(v.name()).addDomains(v.name());
        for (IrRoute r : v.routes()) {
          Route.Builder rb = built.computeIfAbsent(r.name(), k -> routes.route(r)).toBuilder();
          for (PluginAttachment a : r.plugins()) {
            hooks.patchRoute(a, g.name(), v.name(), r.model(), rb);
          }
          vh.addRoutes(rb);
        }
        for (PluginAttachment a : v.plugins()) {
          hooks.patchVirtualHost(a, g.name(), v.name(), vh);
        }
        rc.addVirtualHosts(vh);
      }
      return rc.build();
    }

    Listener listener(IrGateway g, IrListener l) {
      HttpConnectionManager.Builder hcm = listeners.hcm(l, g.tracing());
      hooks.addFilters(hcm, l, false);
      return listeners.listener(l, hcm.build());
    }
  }
}
