/**
 * Envoy's router_check test format: {@link io.hango.routesim.check.RouteConfigurationReader}
 * reads route configurations (YAML/JSON, strict), {@link io.hango.routesim.check.RouterCheckReader}
 * reads test files, {@link io.hango.routesim.check.RouterCheckRunner} runs them and returns a
 * {@link io.hango.routesim.check.RouterCheckReport} ({@code PASS}/{@code FAIL} lines and a
 * summary). Backs {@code hango route-check}.
 */
package io.hango.routesim.check;
