package io.hango.translate.spi;

import io.envoyproxy.envoy.config.route.v3.VirtualHost;

/** A plugin applied to a whole virtual host (a {@code Host} target, or a {@code Gateway} target on each of its hosts). */
public interface VirtualHostContext extends AttachmentContext {

  /** The virtual host being built (its routes are already in place). */
  VirtualHost.Builder envoyVirtualHost();
}
