package io.hango.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.hango.controlplane.ControlPlane;
import io.hango.controlplane.NodeGrouping;
import io.hango.kubernetes.internal.HangoKinds;
import io.hango.model.ResourceKind;
import io.hango.testkit.Await;
import io.hango.testkit.kubernetes.MockKubernetesApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The testkit's mock API server (fabric8's, CRUD mode; no real API server can be had here) with the
 * Hango CRDs installed, and helpers to write Hango resources the way {@code kubectl apply} does.
 */
final class HangoCluster implements AutoCloseable {

  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  final MockKubernetesApi api;
  final NamespacedKubernetesClient client;

  private HangoCluster(MockKubernetesApi api) {
    this.api = api;
    this.client = api.client();
  }

  /** A mock API server with the CRDs of {@link HangoCrds} created in it. */
  static HangoCluster start() {
    HangoCluster c = new HangoCluster(MockKubernetesApi.start(0));
    for (var crd : HangoCrds.all()) {
      CustomResourceDefinition d =
          c.client.getKubernetesSerialization().unmarshal(crd.toString(), CustomResourceDefinition.class);
      c.client.apiextensions().v1().customResourceDefinitions().resource(d).create();
    }
    return c;
  }

  /** Creates or replaces every document of {@code yaml} in {@code namespace}, like {@code kubectl apply -f}. */
  List<GenericKubernetesResource> apply(String namespace, String yaml) {
    List<GenericKubernetesResource> applied = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
        continue;
      }
      GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(doc, GenericKubernetesResource.class);
      r.getMetadata().setNamespace(namespace);
      applied.add(kindIn(kindOf(r), namespace).resource(r)
          .createOr(NonDeletingOperation::update));
    }
    return applied;
  }

  /** Applies every file of {@code examples/} (not its subdirectories). */
  void applyExamples(String namespace) {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        apply(namespace, Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Changes the spec of a resource (an update, as {@code kubectl edit} makes). */
  @SuppressWarnings("unchecked")
  GenericKubernetesResource editSpec(ResourceKind kind, String namespace, String name, Consumer<Map<String, Object>> edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return one(kind, namespace, name).edit(r -> {
          Map<String, Object> spec = new HashMap<>((Map<String, Object>) r.getAdditionalProperties().get("spec"));
          edit.accept(spec);
          r.setAdditionalProperty("spec", spec);
          return r;
        });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        // A status write came in between the read and the write: read again, as kubectl would.
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  void delete(ResourceKind kind, String namespace, String name) {
    one(kind, namespace, name).delete();
  }

  GenericKubernetesResource get(ResourceKind kind, String namespace, String name) {
    return one(kind, namespace, name).get();
  }

  /** The status conditions of a resource, by type. */
  Map<String, Map<String, Object>> conditions(ResourceKind kind, String namespace, String name) {
    Map<String, Map<String, Object>> byType = new HashMap<>();
    GenericKubernetesResource r = get(kind, namespace, name);
    if (r != null && r.getAdditionalProperties().get("status") instanceof Map<?, ?> status
        && status.get("conditions") instanceof List<?> list) {
      for (Object o : list) {
        Map<String, Object> c = new HashMap<>();
        ((Map<?, ?>) o).forEach((k, v) -> c.put(String.valueOf(k), v));
        byType.put(String.valueOf(c.get("type")), c);
      }
    }
    return byType;
  }

  /** Whether the resource's condition {@code type} has {@code status} ({@code True} or {@code False}). */
  boolean hasCondition(ResourceKind kind, String namespace, String name, String type, String status) {
    return status.equals(conditions(kind, namespace, name).getOrDefault(type, Map.of()).get("status"));
  }

  /** A source on {@code namespace} with quick debouncing and a quick election (lease of 2 s). */
  KubernetesConfigSource.Builder source(String namespace, String identity) {
    return KubernetesConfigSource.builder(client)
        .namespaces(List.of(namespace))
        .identity(identity)
        .lease("hango-" + namespace, namespace)
        .electionTimings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200))
        .debounce(Duration.ofMillis(50), Duration.ofMillis(500));
  }

  /** A started control plane reading {@code source}, xDS on 127.0.0.1, no admin port, a group per gateway. */
  static ControlPlane controlPlane(io.hango.controlplane.ConfigSource source) {
    try {
      return ControlPlane.builder()
          .configSource(source)
          .xdsHost("127.0.0.1")
          .xdsPort(0)
          .disableAdmin()
          .nodeGroup(NodeGrouping.CLUSTER)
          .build()
          .start();
    } catch (io.hango.controlplane.InvalidConfigException e) {
      throw new AssertionError("rejected: " + e.problems(), e);
    }
  }

  static void await(String what, BooleanSupplier condition) {
    Await.await(what, Duration.ofSeconds(20), condition);
  }


  private Resource<GenericKubernetesResource> one(ResourceKind kind, String namespace, String name) {
    return client.genericKubernetesResources(HangoKinds.context(kind)).inNamespace(namespace).withName(name);
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      kindIn(ResourceKind kind, String namespace) {
    return client.genericKubernetesResources(HangoKinds.context(kind)).inNamespace(namespace);
  }

  private static ResourceKind kindOf(GenericKubernetesResource r) {
    ResourceKind k = ResourceKind.fromKindName(r.getKind());
    if (k == null) {
      throw new IllegalArgumentException("not a Hango kind: " + r.getKind());
    }
    return k;
  }

  @Override
  public void close() {
    api.close();
  }
}
