package io.hango.translate.internal;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.route.v3.FilterConfig;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.plugin.Plugin;
import io.hango.model.plugin.PluginTarget;
import io.hango.model.route.Route;
import io.hango.model.secret.PemSource;
import io.hango.model.service.Service;
import io.hango.model.validation.Problem;
import io.hango.translate.Endpoints;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Translation;
import io.hango.translate.TranslatorOptions;
import io.hango.translate.spi.HcmContext;
import io.hango.translate.spi.HttpFilterPlugin;
import io.hango.translate.spi.ResourceContext;
import io.hango.translate.spi.RouteContext;
import io.hango.translate.spi.VirtualHostContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One translation: the whole algorithm, from a config and endpoints to resources and diagnostics.
 * Used once, by one thread. Everything is iterated in sorted order, so the output does not depend
 * on the order of documents or on map iteration order.
 */
public final class TranslationRun {

  static final String ROUTER = "envoy.filters.http.router";

  private final GatewayConfig config;
  private final Endpoints endpoints;
  private final TranslatorOptions options;
  private final PluginRegistry plugins;

  private final Diagnostics diags = new Diagnostics();
  private final EnvoyResources.Builder out = EnvoyResources.builder();
  private final Set<ClusterKey> used = new TreeSet<>();
  private final Set<String> certificateSecrets = new TreeSet<>();
  private final Set<String> caSecrets = new TreeSet<>();

  private final Map<String, Service> services = new TreeMap<>();
  private final Map<String, Gateway> gateways = new TreeMap<>();
  private final Map<String, Route> routes = new TreeMap<>();
  private final Map<String, io.hango.model.secret.Secret> secrets = new TreeMap<>();
  /** Active (enabled, valid) plugin documents by type, sorted by name. */
  private final Map<String, List<Plugin>> active = new TreeMap<>();

  public TranslationRun(GatewayConfig config, Endpoints endpoints, TranslatorOptions options, PluginRegistry plugins) {
    this.config = config;
    this.endpoints = endpoints;
    this.options = options;
    this.plugins = plugins;
  }

  private Any pack(Message m) {
    out.addType(m.getDescriptorForType());
    return Protos.pack(m);
  }

  public Translation run() {
    index();
    activatePlugins();
    for (HttpFilterPlugin p : plugins.ordered()) {
      List<Plugin> docs = active.get(p.type());
      if (docs != null) {
        guard(p, "", () -> p.addResources(new ResourceCtx(p, docs)));
      }
    }
    RouteTranslator rt = new RouteTranslator(services, diags, used, this::pack);
    Map<String, io.envoyproxy.envoy.config.route.v3.Route> translated = new TreeMap<>();
    for (Route r : routes.values()) {
      if (!gateways.containsKey(r.spec().gateway())) {
        diags.error(r.ref(), "spec.gateway", "no Gateway named '" + r.spec().gateway() + "'; route left out");
        continue;
      }
      Gateway g = gateways.get(r.spec().gateway());
      if (r.spec().listener().isPresent() && g.spec().listeners().stream().noneMatch(l -> l.name().equals(r.spec().listener().get()))) {
        diags.error(r.ref(), "spec.listener", g.ref() + " has no listener '" + r.spec().listener().get() + "'; route left out");
        continue;
      }
      rt.translate(r).ifPresent(x -> translated.put(r.name(), x));
    }
    ListenerTranslator lt = new ListenerTranslator(diags, this::pack, options, services, used::add, this::useSecret, this::secretUsable);
    Map<String, List<ApiCandidate>> apiCandidates = new TreeMap<>();
    Set<String> placedRoutes = new TreeSet<>();
    Map<String, String> ports = new TreeMap<>();
    for (Gateway g : gateways.values()) {
      List<Listener> ls = g.spec().listeners();
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < ls.size(); i++) {
        idx.add(i);
      }
      idx.sort(Comparator.<Integer>comparingInt(i -> ls.get(i).port()).thenComparing(i -> ls.get(i).name()));
      for (int i : idx) {
        Listener l = ls.get(i);
        String bind = l.address() + ":" + l.port();
        String other = ports.putIfAbsent(bind, g.name());
        if (other != null && !other.equals(g.name())) {
          diags.warning(g.ref(), "spec.listeners[" + i + "].port",
              "Gateway/" + other + " also listens on " + bind + "; a proxy given both gateways can bind only one");
        }
        translateListener(g, l, i, translated, lt, apiCandidates, placedRoutes);
      }
    }
    for (Route r : routes.values()) {
      if (translated.containsKey(r.name()) && !placedRoutes.contains(r.name())) {
        diags.warning(r.ref(), "spec.hosts", "no listener of Gateway/" + r.spec().gateway() + " serves the route's hosts; route not emitted");
      }
    }
    if (options.proxylessGrpc()) {
      apiListeners(apiCandidates);
    }
    clusters();
    secrets();
    return new Translation(out.build(), diags.list());
  }

  // ------------------------------------------------------------------ input

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
        diags.error(r.ref(), "metadata.name", "duplicate name; only the first document is translated");
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

  private void activatePlugins() {
    List<Plugin> docs = new ArrayList<>(config.plugins());
    docs.sort(Comparator.comparing(Plugin::name));
    Map<String, List<String>> byTarget = new TreeMap<>();
    for (Plugin p : docs) {
      if (!p.spec().enabled()) {
        continue;
      }
      List<Problem> problems = plugins.validate(p);
      for (Problem pr : problems) {
        if (pr.isError()) {
          diags.error(pr.resource(), pr.path(), pr.message() + "; plugin not applied");
        } else {
          diags.warning(pr.resource(), pr.path(), pr.message());
        }
      }
      if (problems.stream().anyMatch(Problem::isError)) {
        continue;
      }
      active.computeIfAbsent(p.spec().type(), t -> new ArrayList<>()).add(p);
      for (int i = 0; i < p.spec().targets().size(); i++) {
        PluginTarget t = p.spec().targets().get(i);
        String name = t.kind() == PluginTarget.Kind.HOST ? HostPatterns.normalize(t.name()) : t.name();
        byTarget.computeIfAbsent(p.spec().type() + " " + t.kind() + " " + name, k -> new ArrayList<>()).add(p.name());
        if (t.kind() == PluginTarget.Kind.ROUTE && !config.route(t.name()).isPresent()) {
          diags.warning(p.ref(), "spec.targets[" + i + "].name", "no Route named '" + t.name() + "'");
        } else if (t.kind() == PluginTarget.Kind.GATEWAY && !config.gateway(t.name()).isPresent()) {
          diags.warning(p.ref(), "spec.targets[" + i + "].name", "no Gateway named '" + t.name() + "'");
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
  }

  // ------------------------------------------------------------------ listeners and routes

  private record Placement(Route route, String pattern, String vhost) {}

  private record ApiCandidate(Gateway gateway, Listener listener, Set<String> pluginTypes, RouteConfiguration routeConfig) {}

  private void translateListener(
      Gateway g, Listener l, int index, Map<String, io.envoyproxy.envoy.config.route.v3.Route> translated,
      ListenerTranslator lt, Map<String, List<ApiCandidate>> apiCandidates, Set<String> placedRoutes) {
    TreeSet<String> listenerHosts = new TreeSet<>();
    (l.hosts().isEmpty() ? List.of("*") : l.hosts()).forEach(h -> listenerHosts.add(HostPatterns.normalize(h)));
    List<Placement> placements = new ArrayList<>();
    for (Route r : routes.values()) {
      if (!r.spec().gateway().equals(g.name()) || !translated.containsKey(r.name())
          || (r.spec().listener().isPresent() && !r.spec().listener().get().equals(l.name()))) {
        continue;
      }
      Set<String> patterns = new TreeSet<>();
      (r.spec().hosts().isEmpty() ? listenerHosts : r.spec().hosts()).forEach(h -> patterns.add(HostPatterns.normalize(h)));
      for (String p : patterns) {
        for (String lh : listenerHosts) {
          if (HostPatterns.covers(lh, p)) {
            placements.add(new Placement(r, p, p));
          } else if (HostPatterns.covers(p, lh)) {
            placements.add(new Placement(r, p, lh));
          }
        }
      }
    }
    TreeSet<String> vhosts = new TreeSet<>();
    placements.forEach(p -> vhosts.add(p.vhost()));
    // A Host-targeted plugin on a host that only a broader virtual host serves gets a virtual host of its own.
    for (List<Plugin> docs : active.values()) {
      for (Plugin doc : docs) {
        for (PluginTarget t : doc.spec().targets()) {
          String host = HostPatterns.normalize(t.name());
          if (t.kind() == PluginTarget.Kind.HOST
              && listenerHosts.stream().anyMatch(lh -> HostPatterns.covers(lh, host))
              && placements.stream().anyMatch(p -> HostPatterns.covers(p.pattern(), host))) {
            vhosts.add(host);
          }
        }
      }
    }
    Set<String> usedTypes = new TreeSet<>();
    Set<String> apiHosts = new TreeSet<>();
    RouteConfiguration.Builder rc = RouteConfiguration.newBuilder().setName(Names.routeConfig(g.name(), l.name()));
    for (String v : vhosts) {
      Map<String, RouteOrder.Entry> entries = new TreeMap<>();
      for (Placement p : placements) {
        if (!HostPatterns.covers(p.pattern(), v)) {
          continue;
        }
        RouteOrder.Entry e = new RouteOrder.Entry(p.route(), p.pattern());
        entries.merge(p.route().name(), e, (a, b) -> RouteOrder.COMPARATOR.compare(a, b) <= 0 ? a : b);
      }
      List<RouteOrder.Entry> ordered = new ArrayList<>(entries.values());
      ordered.sort(RouteOrder.COMPARATOR);
      VirtualHost.Builder vh = VirtualHost.newBuilder().setName(v).addDomains(v);
      for (RouteOrder.Entry e : ordered) {
        placedRoutes.add(e.route().name());
        io.envoyproxy.envoy.config.route.v3.Route.Builder rb = translated.get(e.route().name()).toBuilder();
        for (HttpFilterPlugin p : plugins.ordered()) {
          Optional<Plugin> doc = pick(p.type(), PluginTarget.Kind.ROUTE, e.route().name());
          if (doc.isPresent()) {
            usedTypes.add(p.type());
            guard(p, doc.get().ref(), () -> p.patchRoute(new RouteCtx(p, doc.get(), g.name(), v, e.route(), rb)));
          }
        }
        vh.addRoutes(rb);
      }
      for (HttpFilterPlugin p : plugins.ordered()) {
        Optional<Plugin> doc = hostPlugin(p.type(), v).or(() -> pick(p.type(), PluginTarget.Kind.GATEWAY, g.name()));
        if (doc.isPresent()) {
          usedTypes.add(p.type());
          guard(p, doc.get().ref(), () -> p.patchVirtualHost(new VirtualHostCtx(p, doc.get(), g.name(), v, vh)));
        }
      }
      rc.addVirtualHosts(vh);
      if (HostPatterns.tier(v) == 0) {
        apiHosts.add(v);
      }
    }
    RouteConfiguration routeConfig = rc.build();
    out.addRoute(routeConfig);
    for (String v : apiHosts) {
      apiCandidates.computeIfAbsent(v, k -> new ArrayList<>()).add(new ApiCandidate(g, l, usedTypes, routeConfig));
    }
    HttpConnectionManager.Builder hcm = lt.hcm(g, l);
    addFilters(hcm, g, l, usedTypes, false);
    lt.listener(g, l, index, hcm.build(), List.copyOf(listenerHosts)).ifPresent(out::addListener);
  }

  /**
   * The name of the route configuration for the listener's proxyless-gRPC API listeners. grpc-java
   * rejects a whole RouteConfiguration when one route redirects, answers directly or matches a URI
   * template ("unknown action type", "Unknown path match type"): not only that route, every host
   * of the listener becomes unusable. Then the API listeners get a copy without those routes, named
   * {@link Names#grpcRouteConfig}; otherwise the listener's own.
   */
  private String grpcRouteConfig(Gateway g, Listener l, RouteConfiguration rc) {
    RouteConfiguration.Builder grpc = rc.toBuilder().setName(Names.grpcRouteConfig(g.name(), l.name()));
    Set<String> dropped = new TreeSet<>();
    for (VirtualHost.Builder vh : grpc.getVirtualHostsBuilderList()) {
      List<io.envoyproxy.envoy.config.route.v3.Route> keep = new ArrayList<>();
      for (io.envoyproxy.envoy.config.route.v3.Route r : vh.getRoutesList()) {
        if (grpcCanUse(r)) {
          keep.add(r);
        } else {
          dropped.add(r.getName());
        }
      }
      vh.clearRoutes().addAllRoutes(keep);
    }
    if (dropped.isEmpty()) {
      return rc.getName();
    }
    // No diagnostic: documented behaviour, and a warning on every redirect would drown real ones.
    out.addRoute(grpc.build());
    return grpc.getName();
  }

  private static boolean grpcCanUse(io.envoyproxy.envoy.config.route.v3.Route r) {
    return r.hasRoute() && !r.getMatch().hasPathMatchPolicy();
  }

  /** The plugin document of {@code type} targeting exactly ({@code kind}, {@code name}): the first by name. */
  private Optional<Plugin> pick(String type, PluginTarget.Kind kind, String name) {
    for (Plugin doc : active.getOrDefault(type, List.of())) {
      for (PluginTarget t : doc.spec().targets()) {
        if (t.kind() == kind && t.name().equals(name)) {
          return Optional.of(doc);
        }
      }
    }
    return Optional.empty();
  }

  /** The plugin document of {@code type} whose Host target covers {@code vhost} most specifically. */
  private Optional<Plugin> hostPlugin(String type, String vhost) {
    Plugin best = null;
    String bestHost = null;
    for (Plugin doc : active.getOrDefault(type, List.of())) {
      for (PluginTarget t : doc.spec().targets()) {
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

  private void addFilters(HttpConnectionManager.Builder hcm, Gateway g, Listener l, Set<String> usedTypes, boolean api) {
    TreeMap<String, HttpFilter> byKey = new TreeMap<>();
    Set<String> names = new TreeSet<>();
    for (HttpFilterPlugin p : plugins.ordered()) {
      if (!usedTypes.contains(p.type()) || (api && !p.supportedByProxylessGrpc())) {
        continue;
      }
      guard(p, g.ref(), () -> p.patchHcm(new HcmCtx(p, g, l, api, hcm, byKey, names)));
    }
    byKey.values().forEach(hcm::addHttpFilters);
    hcm.addHttpFilters(HttpFilter.newBuilder().setName(ROUTER).setTypedConfig(pack(Router.getDefaultInstance())));
  }

  private void apiListeners(Map<String, List<ApiCandidate>> candidates) {
    Map<String, String> grpcRouteConfigs = new TreeMap<>();
    candidates.forEach((host, list) -> {
      ApiCandidate c = list.get(0);
      String routeConfig = grpcRouteConfigs.computeIfAbsent(
          c.routeConfig().getName(), k -> grpcRouteConfig(c.gateway(), c.listener(), c.routeConfig()));
      if (list.size() > 1) {
        List<String> others = list.subList(1, list.size()).stream().map(x -> Names.listener(x.gateway().name(), x.listener().name())).toList();
        diags.warning(c.gateway().ref(), "spec.listeners",
            "host " + host + " is also served by " + String.join(", ", others) + "; its proxyless-gRPC API listener uses the routes of "
                + Names.listener(c.gateway().name(), c.listener().name()));
      }
      HttpConnectionManager.Builder hcm = HttpConnectionManager.newBuilder()
          .setStatPrefix(host)
          .setRds(Rds.newBuilder().setConfigSource(Protos.ads()).setRouteConfigName(routeConfig));
      addFilters(hcm, c.gateway(), c.listener(), c.pluginTypes(), true);
      out.addListener(io.envoyproxy.envoy.config.listener.v3.Listener.newBuilder()
          .setName(host)
          .setApiListener(ApiListener.newBuilder().setApiListener(pack(hcm.build())))
          .build());
    });
  }

  // ------------------------------------------------------------------ clusters, endpoints, secrets

  private void clusters() {
    Set<ClusterKey> keys = new TreeSet<>(used);
    if (!options.emitOnlyUsedClusters()) {
      for (Service s : services.values()) {
        keys.add(new ClusterKey(s.name(), null));
        s.spec().subsets().forEach(x -> keys.add(new ClusterKey(s.name(), x.name())));
      }
    }
    ClusterTranslator ct = new ClusterTranslator(diags, this::pack, this::useSecret);
    for (ClusterKey k : keys) {
      Service s = services.get(k.service());
      if (s == null) {
        continue;
      }
      out.addCluster(ct.translate(s, k.subset()));
      if (!ClusterTranslator.usesDns(s)) {
        out.addEndpoints(EndpointTranslator.assignment(
            k.clusterName(), EndpointTranslator.select(s, k.subset(), endpoints.forService(s.name())), diags, s.ref(), true));
      }
    }
  }

  private boolean secretUsable(String name, boolean ca) {
    io.hango.model.secret.Secret s = secrets.get(name);
    return s != null && (ca ? s.spec().ca().isPresent() : s.spec().certificate().isPresent() && s.spec().privateKey().isPresent());
  }

  private void useSecret(String name, boolean ca) {
    (ca ? caSecrets : certificateSecrets).add(name);
  }

  private void secrets() {
    for (String name : certificateSecrets) {
      io.hango.model.secret.Secret s = secrets.get(name);
      if (s == null) {
        diags.error("Secret/" + name, "", "referenced as a certificate but not defined");
      } else if (s.spec().certificate().isEmpty() || s.spec().privateKey().isEmpty()) {
        diags.error(s.ref(), "spec", "used as a certificate but has no certificate and privateKey; secret left out");
      } else {
        out.addSecret(Secret.newBuilder()
            .setName(Names.certificateSecret(name))
            .setTlsCertificate(TlsCertificate.newBuilder()
                .setCertificateChain(dataSource(s.spec().certificate().get()))
                .setPrivateKey(dataSource(s.spec().privateKey().get())))
            .build());
      }
    }
    for (String name : caSecrets) {
      io.hango.model.secret.Secret s = secrets.get(name);
      if (s == null) {
        diags.error("Secret/" + name, "", "referenced as a CA bundle but not defined");
      } else if (s.spec().ca().isEmpty()) {
        diags.error(s.ref(), "spec.ca", "used as a CA bundle but has no ca; secret left out");
      } else {
        out.addSecret(Secret.newBuilder()
            .setName(Names.caSecret(name))
            .setValidationContext(CertificateValidationContext.newBuilder().setTrustedCa(dataSource(s.spec().ca().get())))
            .build());
      }
    }
  }

  private static DataSource dataSource(PemSource p) {
    return p.pem().map(pem -> DataSource.newBuilder().setInlineString(pem).build())
        .orElseGet(() -> DataSource.newBuilder().setFilename(p.file().orElse("")).build());
  }

  // ------------------------------------------------------------------ plugin contexts

  private void guard(HttpFilterPlugin p, String ref, Runnable hook) {
    try {
      hook.run();
    } catch (RuntimeException e) {
      diags.error(ref, "", "plugin '" + p.type() + "' failed: " + e);
    }
  }

  private abstract class BaseCtx implements io.hango.translate.spi.PluginContext {
    final HttpFilterPlugin plugin;
    final String ref;

    BaseCtx(HttpFilterPlugin plugin, String ref) {
      this.plugin = plugin;
      this.ref = ref;
    }

    @Override
    public GatewayConfig gatewayConfig() {
      return config;
    }

    @Override
    public TranslatorOptions options() {
      return options;
    }

    @Override
    public Any pack(Message message) {
      return TranslationRun.this.pack(message);
    }

    @Override
    public void error(String path, String reason) {
      diags.error(ref, path, reason);
    }

    @Override
    public void warning(String path, String reason) {
      diags.warning(ref, path, reason);
    }
  }

  private final class HcmCtx extends BaseCtx implements HcmContext {
    private final Gateway gateway;
    private final Listener listener;
    private final boolean api;
    private final HttpConnectionManager.Builder hcm;
    private final TreeMap<String, HttpFilter> byKey;
    private final Set<String> names;

    HcmCtx(HttpFilterPlugin p, Gateway g, Listener l, boolean api, HttpConnectionManager.Builder hcm, TreeMap<String, HttpFilter> byKey, Set<String> names) {
      super(p, g.ref());
      this.gateway = g;
      this.listener = l;
      this.api = api;
      this.hcm = hcm;
      this.byKey = byKey;
      this.names = names;
    }

    @Override
    public String gateway() {
      return gateway.name();
    }

    @Override
    public String listener() {
      return listener.name();
    }

    @Override
    public boolean apiListener() {
      return api;
    }

    @Override
    public void addHttpFilter(String name, Message filterConfig) {
      if (name.equals(ROUTER) || !names.add(name)) {
        return;
      }
      // order key: plugin order (offset to sort negatives correctly), then filter name
      String key = String.format("%011d", (long) plugin.order() + Integer.MAX_VALUE) + " " + name;
      byKey.put(key, HttpFilter.newBuilder().setName(name).setTypedConfig(TranslationRun.this.pack(filterConfig)).build());
    }

    @Override
    public boolean hasHttpFilter(String name) {
      return names.contains(name);
    }

    @Override
    public HttpConnectionManager.Builder hcm() {
      return hcm;
    }
  }

  private abstract class AttachCtx extends BaseCtx {
    final Plugin doc;
    final String gateway;
    final String vhost;

    AttachCtx(HttpFilterPlugin p, Plugin doc, String gateway, String vhost) {
      super(p, doc.ref());
      this.doc = doc;
      this.gateway = gateway;
      this.vhost = vhost;
    }

    public Plugin plugin() {
      return doc;
    }

    public String gateway() {
      return gateway;
    }

    public String virtualHost() {
      return vhost;
    }

    Any perFilter(Message m) {
      if (options.proxylessGrpc() && !plugin.supportedByProxylessGrpc()) {
        return TranslationRun.this.pack(FilterConfig.newBuilder().setConfig(TranslationRun.this.pack(m)).setIsOptional(true).build());
      }
      return TranslationRun.this.pack(m);
    }
  }

  private final class RouteCtx extends AttachCtx implements RouteContext {
    private final Route route;
    private final io.envoyproxy.envoy.config.route.v3.Route.Builder rb;

    RouteCtx(HttpFilterPlugin p, Plugin doc, String gateway, String vhost, Route route, io.envoyproxy.envoy.config.route.v3.Route.Builder rb) {
      super(p, doc, gateway, vhost);
      this.route = route;
      this.rb = rb;
    }

    @Override
    public Route route() {
      return route;
    }

    @Override
    public io.envoyproxy.envoy.config.route.v3.Route.Builder envoyRoute() {
      return rb;
    }

    @Override
    public void setPerFilterConfig(Message m) {
      rb.putTypedPerFilterConfig(plugin.filterName(), perFilter(m));
    }
  }

  private final class VirtualHostCtx extends AttachCtx implements VirtualHostContext {
    private final VirtualHost.Builder vh;

    VirtualHostCtx(HttpFilterPlugin p, Plugin doc, String gateway, String vhost, VirtualHost.Builder vh) {
      super(p, doc, gateway, vhost);
      this.vh = vh;
    }

    @Override
    public VirtualHost.Builder envoyVirtualHost() {
      return vh;
    }

    @Override
    public void setPerFilterConfig(Message m) {
      vh.putTypedPerFilterConfig(plugin.filterName(), perFilter(m));
    }
  }

  private final class ResourceCtx extends BaseCtx implements ResourceContext {
    private final List<Plugin> docs;

    ResourceCtx(HttpFilterPlugin p, List<Plugin> docs) {
      super(p, docs.get(0).ref());
      this.docs = List.copyOf(docs);
    }

    @Override
    public List<Plugin> plugins() {
      return docs;
    }

    @Override
    public String useServiceCluster(String service) {
      if (services.containsKey(service)) {
        used.add(new ClusterKey(service, null));
      } else {
        diags.error(ref, "spec.config", "no Service named '" + service + "'");
      }
      return Names.cluster(service);
    }

    @Override
    public void addCluster(Cluster cluster) {
      out.addCluster(cluster);
    }

    @Override
    public void addEndpoints(ClusterLoadAssignment e) {
      out.addEndpoints(e);
    }

    @Override
    public void addSecret(Secret secret) {
      out.addSecret(secret);
    }
  }
}
