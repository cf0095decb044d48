/**
 * The entry point of the Nacos test server, run in its own JVM by
 * {@link io.hango.testing.nacos.NacosServerProcess}: not API, may change in any release.
 */
package io.hango.testing.nacos.internal;
