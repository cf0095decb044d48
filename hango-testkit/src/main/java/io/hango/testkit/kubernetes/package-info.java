/**
 * A Kubernetes API server for tests: fabric8's mock server in CRUD mode on 127.0.0.1. Needs
 * {@code io.fabric8:kubernetes-server-mock} on the test class path (an optional dependency of the
 * testkit).
 */
package io.hango.testkit.kubernetes;
