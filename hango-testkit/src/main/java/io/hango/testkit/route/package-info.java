/**
 * Envoy route simulator: {@link io.hango.testkit.route.RouteSimulator} answers what Envoy's router
 * does with a {@link io.hango.testkit.route.Request} for given Envoy v3 {@code RouteConfiguration}s,
 * as a {@link io.hango.testkit.route.Decision}. See {@code io.hango.testkit.route.check} for
 * Envoy's router_check test format.
 */
package io.hango.testkit.route;
