package io.hango.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hango.model.gateway.Gateway;
import io.hango.model.io.ConfigException;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import io.hango.model.io.SourceMap;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Route;
import io.hango.model.secret.Secret;
import io.hango.model.service.Service;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Validation;
import io.hango.model.validation.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /**
   * Where each document was read from, when the config was read from files; used to give problems a
   * file, line and column. Not part of equality: the same documents read from other files are the
   * same config.
   */
  @JsonIgnore
  @Value.Auxiliary
  Optional<SourceMap> sourceMap();

  /**
   * Every semantic problem of this config at once (ranges, formats, regexes, one-of fields,
   * duplicates, cross-references), located through {@link #sourceMap()} when known.
   */
  default Validation validate() {
    return Validator.validate(this);
  }

  /**
   * Reads the documents in {@code paths} (files, or the config files directly inside directories)
   * with {@link ConfigReader}; the result carries its {@link #sourceMap()}.
   *
   * @throws ConfigException if a file cannot be read or parsed, or a document does not fit the
   *     model (each problem with its position); use {@link ConfigReader} for partial results
   */
  static GatewayConfig read(Path... paths) {
    ConfigLoad load = ConfigReader.read(paths);
    List<Problem> problems = new ArrayList<>(load.readErrors());
    problems.addAll(load.problems());
    if (!problems.isEmpty()) {
      throw new ConfigException(Validation.of(problems).problems());
    }
    return load.config();
  }

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
