package io.hango.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hango.model.gateway.Gateway;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Route;
import io.hango.model.secret.Secret;
import io.hango.model.service.Service;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A whole gateway config: the set of documents (gateways, routes, services, plugins, registries,
 * secrets) that the translator turns into Envoy resources. Built in Java with {@link #of} or the
 * builder, or read from files with {@code ConfigReader}.
 */
@Value.Immutable
@HangoStyle
public interface GatewayConfig {

  /** Every document, in the order given. */
  List<Resource> resources();

  /** The gateways. */
  @JsonIgnore
  @Value.Lazy
  default List<Gateway> gateways() {
    return ofKind(Gateway.class);
  }

  /** The routes. */
  @JsonIgnore
  @Value.Lazy
  default List<Route> routes() {
    return ofKind(Route.class);
  }

  /** The services. */
  @JsonIgnore
  @Value.Lazy
  default List<Service> services() {
    return ofKind(Service.class);
  }

  /** The plugins. */
  @JsonIgnore
  @Value.Lazy
  default List<Plugin> plugins() {
    return ofKind(Plugin.class);
  }

  /** The registries. */
  @JsonIgnore
  @Value.Lazy
  default List<Registry> registries() {
    return ofKind(Registry.class);
  }

  /** The secrets. */
  @JsonIgnore
  @Value.Lazy
  default List<Secret> secrets() {
    return ofKind(Secret.class);
  }

  /** The gateway named {@code name}. */
  default Optional<Gateway> gateway(String name) {
    return find(gateways(), name);
  }

  /** The route named {@code name}. */
  default Optional<Route> route(String name) {
    return find(routes(), name);
  }

  /** The service named {@code name}. */
  default Optional<Service> service(String name) {
    return find(services(), name);
  }

  /** The plugin named {@code name}. */
  default Optional<Plugin> plugin(String name) {
    return find(plugins(), name);
  }

  /** The registry named {@code name}. */
  default Optional<Registry> registry(String name) {
    return find(registries(), name);
  }

  /** The secret named {@code name}. */
  default Optional<Secret> secret(String name) {
    return find(secrets(), name);
  }

  private <T extends Resource> List<T> ofKind(Class<T> type) {
    return resources().stream().filter(type::isInstance).map(type::cast).collect(Collectors.toUnmodifiableList());
  }

  private static <T extends Resource> Optional<T> find(List<T> list, String name) {
    return list.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** A config of these documents. */
  static GatewayConfig of(Collection<? extends Resource> resources) {
    return ImmutableGatewayConfig.builder().addAllResources(resources).build();
  }

  /** A config of these documents. */
  static GatewayConfig of(Resource... resources) {
    return ImmutableGatewayConfig.builder().addResources(resources).build();
  }

  static ImmutableGatewayConfig.Builder builder() {
    return ImmutableGatewayConfig.builder();
  }
}
