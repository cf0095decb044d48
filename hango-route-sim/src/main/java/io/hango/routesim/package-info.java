/**
 * Envoy route simulator: {@link io.hango.routesim.RouteSimulator} answers what Envoy's router
 * does with a {@link io.hango.routesim.Request} for given Envoy v3 {@code RouteConfiguration}s,
 * as a {@link io.hango.routesim.Decision}. See {@code io.hango.routesim.check} for
 * Envoy's router_check test format.
 *
 * <p>Module {@code hango-route-sim}: it needs Envoy's protos only (no other Hango module, no test
 * library), so {@code hango route-check} ships it and tests reach it through {@code hango-testkit}.
 */
package io.hango.routesim;
