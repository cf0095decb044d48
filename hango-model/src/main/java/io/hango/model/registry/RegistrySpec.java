package io.hango.model.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import io.hango.model.Metadata;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The body of a {@link Registry}, chosen by {@code type}: {@code kubernetes}, {@code eureka},
 * {@code nacos}, {@code zookeeper} or {@code static}. Common to all: how often to refresh, and what
 * to do when the registry answers with no endpoints.
 *
 * <p>YAML: {@code spec: {type: nacos, serverAddr: "127.0.0.1:8848", namespace: prod, refreshInterval: 30s}}
 */
@com.fasterxml.jackson.annotation.JsonTypeInfo(
    use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
    include = com.fasterxml.jackson.annotation.JsonTypeInfo.As.PROPERTY,
    property = "type")
@com.fasterxml.jackson.annotation.JsonSubTypes({
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = RegistrySpec.Kubernetes.class, name = "kubernetes"),
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = RegistrySpec.Eureka.class, name = "eureka"),
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = RegistrySpec.Nacos.class, name = "nacos"),
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = RegistrySpec.Zookeeper.class, name = "zookeeper"),
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = RegistrySpec.Static.class, name = "static")
})
public interface RegistrySpec {

  /** Polling interval (registries that push changes use it as a resync period). Default: 30s. */
  @Value.Default
  default Duration refreshInterval() {
    return Duration.ofSeconds(30);
  }

  /** What to do when a service's endpoint list comes back empty. Default: {@link OnEmpty#KEEP_LAST}. */
  @Value.Default
  default OnEmpty onEmpty() {
    return OnEmpty.KEEP_LAST;
  }

  /** The registry type name, as written in {@code type:}. */
  @JsonIgnore
  String typeName();

  /** Behaviour on an empty answer. */
  enum OnEmpty {
    /** Keep the last known endpoints, so an outage never empties a service by accident. */
    @JsonProperty("keepLast") KEEP_LAST,
    /** Trust the registry: the service has no endpoints. */
    @JsonProperty("clear") CLEAR
  }

  /** Kubernetes EndpointSlices. YAML: {@code {type: kubernetes, namespaces: [shop], kubeconfig: ~/.kube/config}} */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("kubernetes")
  @JsonSerialize(as = ImmutableKubernetes.class)
  @JsonDeserialize(as = ImmutableKubernetes.class)
  interface Kubernetes extends RegistrySpec {
    /** API server URL. Default: in-cluster config, or the kubeconfig's. */
    Optional<String> apiServer();

    /** Path of a kubeconfig file. Default: the standard lookup. */
    Optional<String> kubeconfig();

    /** Namespaces watched. Default: all the credentials can see. */
    List<String> namespaces();

    @Override
    default String typeName() {
      return "kubernetes";
    }

    static ImmutableKubernetes.Builder builder() {
      return ImmutableKubernetes.builder();
    }
  }

  /** Eureka over its REST API. YAML: {@code {type: eureka, serviceUrls: ["http://eureka:8761/eureka"]}} */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("eureka")
  @JsonSerialize(as = ImmutableEureka.class)
  @JsonDeserialize(as = ImmutableEureka.class)
  interface Eureka extends RegistrySpec {
    /** Eureka server URLs (ending in {@code /eureka}); at least one. */
    List<String> serviceUrls();

    @Override
    default String typeName() {
      return "eureka";
    }

    static ImmutableEureka.Builder builder() {
      return ImmutableEureka.builder();
    }
  }

  /** Nacos. YAML: {@code {type: nacos, serverAddr: "127.0.0.1:8848", namespace: prod, group: DEFAULT_GROUP}} */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("nacos")
  @JsonSerialize(as = ImmutableNacos.class)
  @JsonDeserialize(as = ImmutableNacos.class)
  interface Nacos extends RegistrySpec {
    /** Server addresses, {@code host:port[,host:port]}. Required. */
    String serverAddr();

    /** Namespace id. Default: public. */
    Optional<String> namespace();

    /** Default group. Default: {@code DEFAULT_GROUP}. */
    Optional<String> group();

    /** User name. Default: none. */
    Optional<String> username();

    /** Password. Default: none. */
    Optional<String> password();

    @Override
    default String typeName() {
      return "nacos";
    }

    static ImmutableNacos.Builder builder() {
      return ImmutableNacos.builder();
    }
  }

  /** Zookeeper (Dubbo or Curator service layouts). YAML: {@code {type: zookeeper, connectString: "zk:2181", layout: dubbo}} */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("zookeeper")
  @JsonSerialize(as = ImmutableZookeeper.class)
  @JsonDeserialize(as = ImmutableZookeeper.class)
  interface Zookeeper extends RegistrySpec {
    /** Connect string, {@code host:port[,host:port][/chroot]}. Required. */
    String connectString();

    /** Node layout. Default: {@link Layout#DUBBO}. */
    @Value.Default
    default Layout layout() {
      return Layout.DUBBO;
    }

    /** Root path. Default: {@code /dubbo} for Dubbo, {@code /services} for Curator. */
    Optional<String> rootPath();

    /** Session timeout. Default: 60s. */
    @Value.Default
    default Duration sessionTimeout() {
      return Duration.ofSeconds(60);
    }

    /** Zookeeper layouts. */
    enum Layout {
      /** Dubbo: {@code /dubbo/<interface>/providers/<url>}. */
      @JsonProperty("dubbo") DUBBO,
      /** Curator / Dubbo 3 service discovery: {@code /services/<name>/<id>}. */
      @JsonProperty("curator") CURATOR
    }

    @Override
    default String typeName() {
      return "zookeeper";
    }

    static ImmutableZookeeper.Builder builder() {
      return ImmutableZookeeper.builder();
    }
  }

  /** Static endpoints per service name, e.g. for tests. YAML: {@code {type: static, services: {orders: [{address: 10.0.0.1, port: 80}]}}} */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("static")
  @JsonSerialize(as = ImmutableStatic.class)
  @JsonDeserialize(as = ImmutableStatic.class)
  interface Static extends RegistrySpec {
    /** Endpoints by service name. */
    Map<String, List<io.hango.model.service.Endpoint>> services();

    @Override
    default String typeName() {
      return "static";
    }

    static ImmutableStatic.Builder builder() {
      return ImmutableStatic.builder();
    }
  }
}
