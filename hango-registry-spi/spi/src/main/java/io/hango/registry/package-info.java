/**
 * Service discovery for Hango: the SPI a registry implements ({@link io.hango.registry.RegistryProvider},
 * {@link io.hango.registry.RegistryClient}, {@link io.hango.registry.RegistryListener}) and the
 * runtime that runs registries for a config ({@link io.hango.registry.ServiceDiscovery}): it asks
 * each registry to watch only the services that {@code Service} documents reference, applies the
 * empty-answer policy, debounces changes per service and reports status.
 *
 * <p>A registry type is added by putting its jar on the class path: providers are found with
 * {@link java.util.ServiceLoader}.
 */
package io.hango.registry;
