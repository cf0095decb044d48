/**
 * A real Eureka server for tests, in its own JVM: {@link io.hango.testing.eureka.EurekaServerProcess}
 * starts, stops and restarts it. This package has no Spring class on its class path; only the
 * server's JVM does.
 */
package io.hango.testing.eureka;
