package io.hango.translate.internal.emit;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.route.v3.FilterConfig;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.hango.model.GatewayConfig;
import io.hango.model.ResourceKind;
import io.hango.model.plugin.Plugin;
import io.hango.model.route.Route;
import io.hango.model.service.Service;
import io.hango.model.validation.RuleMessages;
import io.hango.translate.EnvoyResources;
import io.hango.translate.TranslatorOptions;
import io.hango.translate.internal.ClusterKey;
import io.hango.translate.internal.Names;
import io.hango.translate.internal.ir.IrListener;
import io.hango.translate.internal.ir.PluginAttachment;
import io.hango.translate.internal.ir.PluginDoc;
import io.hango.translate.spi.HcmContext;
import io.hango.translate.spi.HttpFilterPlugin;
import io.hango.translate.spi.PluginContext;
import io.hango.translate.spi.ResourceContext;
import io.hango.translate.spi.RouteContext;
import io.hango.translate.spi.VirtualHostContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Calls the plugin SPI's hooks with the contexts the translator implements ({@link HcmContext},
 * {@link RouteContext}, {@link VirtualHostContext}, {@link ResourceContext}). A plugin that throws is
 * reported, never propagated.
 */
final class PluginHooks {

  static final String ROUTER = "envoy.filters.http.router";

  private final TranslationContext ctx;

  PluginHooks(TranslationContext ctx) {
    this.ctx = ctx;
  }

  /** Applies a Route-targeted document to one placement of a route. */
  void patchRoute(PluginAttachment a, String gateway, String vhost, Route route, io.envoyproxy.envoy.config.route.v3.Route.Builder rb) {
    HttpFilterPlugin p = a.doc().plugin();
    guard(p, a.doc().document().ref(), () -> p.patchRoute(new RouteCtx(a.doc(), gateway, vhost, route, rb)));
  }

  /** Applies a Host- or Gateway-targeted document to one virtual host. */
  void patchVirtualHost(PluginAttachment a, String gateway, String vhost, VirtualHost.Builder vh) {
    HttpFilterPlugin p = a.doc().plugin();
    guard(p, a.doc().document().ref(), () -> p.patchVirtualHost(new VirtualHostCtx(a.doc(), gateway, vhost, vh)));
  }

  /** Adds the HTTP filters of {@code listener}'s plugins to {@code hcm} (only those gRPC implements for an API listener), then the router. */
  void addFilters(HttpConnectionManager.Builder hcm, IrListener listener, boolean api) {
    TreeMap<String, HttpFilter> byKey = new TreeMap<>();
    Set<String> names = new TreeSet<>();
    for (HttpFilterPlugin p : listener.filters()) {
      if (api && !p.supportedByProxylessGrpc()) {
        continue;
      }
      guard(p, listener.gateway().ref(), () -> p.patchHcm(new HcmCtx(p, listener, api, hcm, byKey, names)));
    }
    byKey.values().forEach(hcm::addHttpFilters);
    hcm.addHttpFilters(HttpFilter.newBuilder().setName(ROUTER).setTypedConfig(ctx.packAny(Router.getDefaultInstance())));
  }

  /** Lets {@code plugin} add the resources its documents {@code docs} need, to {@code out}. */
  void addResources(HttpFilterPlugin plugin, List<PluginDoc> docs, Map<String, Service> services, EnvoyResources.Builder out) {
    guard(plugin, "", () -> plugin.addResources(new ResourceCtx(plugin, docs, services, out)));
  }

  private void guard(HttpFilterPlugin p, String ref, Runnable hook) {
    try {
      hook.run();
    } catch (RuntimeException e) {
      ctx.error(ref, "", "plugin '" + p.type() + "' failed: " + e);
    }
  }

  private abstract class BaseCtx implements PluginContext {
    final HttpFilterPlugin plugin;
    final String ref;

    BaseCtx(HttpFilterPlugin plugin, String ref) {
      this.plugin = plugin;
      this.ref = ref;
    }

    @Override
    public GatewayConfig gatewayConfig() {
      return ctx.config();
    }

    @Override
    public TranslatorOptions options() {
      return ctx.options();
    }

    @Override
    public Any pack(Message message) {
      return ctx.packAny(message);
    }

    @Override
    public void error(String path, String reason) {
      ctx.error(ref, path, reason);
    }

    @Override
    public void warning(String path, String reason) {
      ctx.warning(ref, path, reason);
    }
  }

  private final class HcmCtx extends BaseCtx implements HcmContext {
    private final IrListener listener;
    private final boolean api;
    private final HttpConnectionManager.Builder hcm;
    private final TreeMap<String, HttpFilter> byKey;
    private final Set<String> names;

    HcmCtx(HttpFilterPlugin p, IrListener l, boolean api, HttpConnectionManager.Builder hcm, TreeMap<String, HttpFilter> byKey, Set<String> names) {
      super(p, l.gateway().ref());
      this.listener = l;
      this.api = api;
      this.hcm = hcm;
      this.byKey = byKey;
      this.names = names;
    }

    @Override
    public String gateway() {
      return listener.gateway().name();
    }

    @Override
    public String listener() {
      return listener.model().name();
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
      byKey.put(key, HttpFilter.newBuilder().setName(name).setTypedConfig(ctx.packAny(filterConfig)).build());
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
    final PluginDoc doc;
    final String gateway;
    final String vhost;

    AttachCtx(PluginDoc doc, String gateway, String vhost) {
      super(doc.plugin(), doc.document().ref());
      this.doc = doc;
      this.gateway = gateway;
      this.vhost = vhost;
    }

    public Plugin plugin() {
      return doc.document();
    }

    public Object parsedConfig() {
      return doc.config();
    }

    public String gateway() {
      return gateway;
    }

    public String virtualHost() {
      return vhost;
    }

    Any perFilter(Message m) {
      if (ctx.options().proxylessGrpc() && !plugin.supportedByProxylessGrpc()) {
        return ctx.packAny(FilterConfig.newBuilder().setConfig(ctx.packAny(m)).setIsOptional(true).build());
      }
      return ctx.packAny(m);
    }
  }

  private final class RouteCtx extends AttachCtx implements RouteContext {
    private final Route route;
    private final io.envoyproxy.envoy.config.route.v3.Route.Builder rb;

    RouteCtx(PluginDoc doc, String gateway, String vhost, Route route, io.envoyproxy.envoy.config.route.v3.Route.Builder rb) {
      super(doc, gateway, vhost);
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

    VirtualHostCtx(PluginDoc doc, String gateway, String vhost, VirtualHost.Builder vh) {
      super(doc, gateway, vhost);
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
    private final Map<String, Service> services;
    private final EnvoyResources.Builder out;

    ResourceCtx(HttpFilterPlugin p, List<PluginDoc> docs, Map<String, Service> services, EnvoyResources.Builder out) {
      super(p, docs.get(0).document().ref());
      this.docs = docs.stream().map(PluginDoc::document).toList();
      this.services = services;
      this.out = out;
    }

    @Override
    public List<Plugin> plugins() {
      return docs;
    }

    @Override
    public String useServiceCluster(String service) {
      if (services.containsKey(service)) {
        ctx.useCluster(new ClusterKey(service, null));
      } else {
        ctx.error(ref, "spec.config", RuleMessages.missing(ResourceKind.SERVICE, service, services.keySet()));
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
