/**
 * The {@code eureka} registry type: {@link io.hango.registry.eureka.EurekaRegistryProvider}, found
 * with {@link java.util.ServiceLoader} when this jar is on the class path. It reads Eureka's REST API
 * with the JDK's HTTP client and Jackson, without Netflix's {@code eureka-client}.
 */
package io.hango.registry.eureka;
