/**
 * Envoy's router_check test format: {@link io.hango.testkit.route.check.RouteConfigurationReader}
 * reads route configurations (YAML/JSON, strict), {@link io.hango.testkit.route.check.RouterCheckReader}
 * reads test files, {@link io.hango.testkit.route.check.RouterCheckRunner} runs them and returns a
 * {@link io.hango.testkit.route.check.RouterCheckReport} ({@code PASS}/{@code FAIL} lines and a
 * summary). Backs {@code hango route-check}.
 */
package io.hango.testkit.route.check;
