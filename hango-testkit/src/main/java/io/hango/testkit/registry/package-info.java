/** Registries for tests: {@link io.hango.testkit.registry.InMemoryRegistry}, a provider whose instances the test sets. */
package io.hango.testkit.registry;
