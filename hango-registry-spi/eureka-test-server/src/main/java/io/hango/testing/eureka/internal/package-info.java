/**
 * The Spring Boot application of the Eureka test server, run in its own JVM by
 * {@link io.hango.testing.eureka.EurekaServerProcess}: not API, may change in any release.
 */
package io.hango.testing.eureka.internal;
