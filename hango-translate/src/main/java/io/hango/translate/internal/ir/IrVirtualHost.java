package io.hango.translate.internal.ir;

import java.util.List;

/**
 * A virtual host of a listener: one domain, its routes in their final order ({@link
 * io.hango.translate.internal.RouteOrder}), and the Host- or Gateway-targeted plugin documents that
 * apply to it (the most specific per type, in filter-chain order).
 */
public record IrVirtualHost(String name, List<IrRoute> routes, List<PluginAttachment> plugins) {

  public IrVirtualHost {
    routes = List.copyOf(routes);
    plugins = List.copyOf(plugins);
  }
}
