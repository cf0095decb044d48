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
 * {@code nacos}, {@code zookeeper} or {@code static}, each with typed settings; any other type is a
 * {@link Custom} registry whose {@code settings} its provider checks. Common to all: how often to
 * refresh, what to do when the registry answers with no endpoints, how changes are debounced and how
 * long the first sync may take.
 *
 * <p>YAML: {@code spec: {type: nacos, serverAddr: "127.0.0.1:8848", namespace: prod, refreshInterval: 30s}}
 */
@com.fasterxml.jackson.annotation.JsonTypeInfo(
    use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
    include = com.fasterxml.jackson.annotation.JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true,
    defaultImpl = RegistrySpec.Custom.class)
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"type", "refreshInterval", "onEmpty", "emptyGracePeriod", "debounceQuietPeriod", "debounceMaxDelay", "initialSyncTimeout"})
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

  /**
   * What to do when the registry answers, authoritatively, that a service has no instances left.
   * Default: {@link OnEmpty#CLEAR} after {@link #emptyGracePeriod()}. An outage or an error never
   * empties a service, whatever this says.
   */
  @Value.Default
  default OnEmpty onEmpty() {
    return OnEmpty.CLEAR;
  }

  /**
   * How long an authoritative empty answer must last before the service is emptied (with
   * {@code onEmpty: clear}): a Nacos server restart briefly pushes empty lists. Default: 15s.
   */
  @Value.Default
  default Duration emptyGracePeriod() {
    return Duration.ofSeconds(15);
  }

  /** Quiet period of the per-service debounce of endpoint changes. Default: 100ms. */
  @Value.Default
  default Duration debounceQuietPeriod() {
    return Duration.ofMillis(100);
  }

  /** Longest delay of the per-service debounce, however often the service changes. Default: 1s. */
  @Value.Default
  default Duration debounceMaxDelay() {
    return Duration.ofSeconds(1);
  }

  /**
   * How long {@code serve} waits at start for this registry's first answer before it serves what it
   * has. Default: 10s.
   */
  @Value.Default
  default Duration initialSyncTimeout() {
    return Duration.ofSeconds(10);
  }

  /** The registry type name, as written in {@code type:}. */
  @JsonProperty("type")
  String typeName();

  /** Behaviour on an authoritative empty answer. */
  enum OnEmpty {
    /** Keep the last known endpoints for ever (dead instances stay routed: use with care). */
    @JsonProperty("keepLast") KEEP_LAST,
    /** Trust the registry once the answer has stayed empty for {@code emptyGracePeriod}. */
    @JsonProperty("clear") CLEAR
  }

  /**
   * A registry type that the model does not know, served by a provider found on the class path (a
   * user's own, say Consul). Its {@code settings} are checked by that provider.
   *
   * <p>YAML: {@code spec: {type: consul, refreshInterval: 10s, settings: {address: "127.0.0.1:8500"}}}
   */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableCustom.class)
  @JsonDeserialize(as = ImmutableCustom.class)
  interface Custom extends RegistrySpec {
    /** The type name, e.g. {@code consul}. Required. */
    @Override
    @JsonProperty("type")
    String typeName();

    /** The provider's settings. Default: {@code {}}. Treat the tree as read-only. */
    @Value.Default
    default com.fasterxml.jackson.databind.node.ObjectNode settings() {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    static ImmutableCustom.Builder builder() {
      return ImmutableCustom.builder();
    }
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
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
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
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
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

    /** Password. Default: none. Never in {@code toString()}. */
    @Value.Redacted
    Optional<String> password();

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
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
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
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
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    default String typeName() {
      return "static";
    }

    static ImmutableStatic.Builder builder() {
      return ImmutableStatic.builder();
    }
  }
}
