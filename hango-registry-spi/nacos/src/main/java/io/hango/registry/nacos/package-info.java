/**
 * The {@code nacos} registry type: {@link io.hango.registry.nacos.NacosRegistryProvider}, found
 * with {@link java.util.ServiceLoader} once this jar is on the class path.
 */
package io.hango.registry.nacos;
