package io.hango.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hango.model.gateway.Gateway;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Route;
import io.hango.model.secret.Secret;
import io.hango.model.service.Service;
import org.immutables.value.Value;

/**
 * A Hango config document: Kubernetes-style {@code apiVersion}, {@code kind}, {@code metadata} and
 * {@code spec}, so the same shapes can become CRDs later.
 *
 * <pre>{@code
 * apiVersion: hango.io/v1alpha1
 * kind: Service
 * metadata: {name: orders}
 * spec: {...}
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Gateway.class, name = "Gateway"),
  @JsonSubTypes.Type(value = Route.class, name = "Route"),
  @JsonSubTypes.Type(value = Service.class, name = "Service"),
  @JsonSubTypes.Type(value = Plugin.class, name = "Plugin"),
  @JsonSubTypes.Type(value = Registry.class, name = "Registry"),
  @JsonSubTypes.Type(value = Secret.class, name = "Secret")
})
public interface Resource {

  /** The only API version this release reads and writes. */
  String API_VERSION = "hango.io/v1alpha1";

  /** The API version; must be {@value #API_VERSION}. Default: {@value #API_VERSION}. */
  @Value.Default
  default String apiVersion() {
    return API_VERSION;
  }

  /** Name and labels. */
  Metadata metadata();

  /** The kind of this document. */
  @JsonIgnore
  ResourceKind kind();

  /** The resource name, shorthand for {@code metadata().name()}. */
  @JsonIgnore
  default String name() {
    return metadata().name();
  }

  /** {@code Kind/name}, the way errors and diagnostics name a resource. */
  @JsonIgnore
  default String ref() {
    return kind().kindName() + "/" + name();
  }
}
