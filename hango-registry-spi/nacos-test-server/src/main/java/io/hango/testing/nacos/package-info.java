/**
 * A real Nacos server for tests, in its own JVM: {@link io.hango.testing.nacos.NacosServerProcess}
 * starts, stops and restarts it. This package has no Nacos class on its class path; only the
 * server's JVM does.
 */
package io.hango.testing.nacos;
