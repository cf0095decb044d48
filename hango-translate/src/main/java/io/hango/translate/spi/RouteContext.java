package io.hango.translate.spi;

import io.envoyproxy.envoy.config.route.v3.Route;

/** A plugin applied to one route (a {@code Route} target). */
public interface RouteContext extends AttachmentContext {

  /** The model route. */
  io.hango.model.route.Route route();

  /** The Envoy route being built (match and action already set), e.g. to add {@code rate_limits}. */
  Route.Builder envoyRoute();
}
