package io.hango.translate.internal.emit;

import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.hango.translate.internal.Names;
import io.hango.translate.internal.Protos;
import io.hango.translate.internal.ir.IrApiListener;
import io.hango.translate.internal.ir.IrListener;
import io.hango.translate.internal.ir.IrRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Emits proxyless-gRPC API listeners and, where needed, the route configuration they use. */
final class ProxylessGrpc {

  private ProxylessGrpc() {}

  /**
   * The route configuration for the listener's proxyless-gRPC API listeners, when its own cannot
   * serve them. grpc-java rejects a whole RouteConfiguration when one route redirects, answers
   * directly or matches a URI template ("unknown action type", "Unknown path match type"): not only
   * that route, every host of the listener becomes unusable. Then the API listeners get a copy of
   * {@code own} without those routes, named {@link Names#grpcRouteConfig}; otherwise none (empty).
   * No diagnostic: documented behaviour, and a warning on every redirect would drown real ones.
   */
  static Optional<RouteConfiguration> routeConfig(IrListener l, RouteConfiguration own) {
    if (!l.hasGrpcIncompatibleRoutes()) {
      return Optional.empty();
    }
    Set<String> dropped = new TreeSet<>();
    l.virtualHosts().forEach(v -> v.routes().stream().filter(r -> !r.grpcCompatible()).map(IrRoute::name).forEach(dropped::add));
    RouteConfiguration.Builder grpc = own.toBuilder().setName(Names.grpcRouteConfig(l.gateway().name(), l.model().name()));
    for (VirtualHost.Builder vh : grpc.getVirtualHostsBuilderList()) {
      List<Route> keep = new ArrayList<>();
      for (Route r : vh.getRoutesList()) {
        if (!dropped.contains(r.getName())) {
          keep.add(r);
        }
      }
      vh.clearRoutes().addAllRoutes(keep);
    }
    return Optional.of(grpc.build());
  }

  /** The API listener of {@code a}, on route configuration {@code routeConfig}. */
  static Listener apiListener(TranslationContext ctx, PluginHooks hooks, IrApiListener a, String routeConfig) {
    HttpConnectionManager.Builder hcm = HttpConnectionManager.newBuilder()
        .setStatPrefix(a.host())
        .setRds(Rds.newBuilder().setConfigSource(Protos.ads()).setRouteConfigName(routeConfig));
    hooks.addFilters(hcm, a.source(), true);
    return Listener.newBuilder()
        .setName(a.host())
        .setApiListener(ApiListener.newBuilder().setApiListener(ctx.packAny(hcm.build())))
        .build();
  }
}
