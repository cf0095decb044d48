package io.hango.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.hango.kubernetes.internal.Documents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {

  @Test
  void nothingTheApiServerAddsReachesTheDocument() {
    GenericKubernetesResource r = resource("7", 3L, Map.of("conditions", "x"));
    String text = Documents.text(r);
    assertThat(text).contains("\"name\" : \"orders\"", "\"team\" : \"shop\"", "\"prefix\" : \"/orders\"")
        .doesNotContain("generation", "resourceVersion", "uid", "namespace", "annotations", "status", "conditions", "kubectl");
    // Another replica, another resourceVersion and generation, a status written since: the same text.
    assertThat(Documents.text(resource("9", 4L, Map.of()))).isEqualTo(text);
  }

  private static GenericKubernetesResource resource(String resourceVersion, long generation, Map<String, Object> status) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion("hango.io/v1alpha1");
    r.setKind("Route");
    r.setMetadata(new ObjectMetaBuilder().withName("orders").withNamespace("shop").withUid("u-1")
        .withResourceVersion(resourceVersion).withGeneration(generation)
        .withLabels(Map.of("team", "shop"))
        .withAnnotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", "{}"))
        .build());
    r.setAdditionalProperty("spec", Map.of("gateway", "edge", "match", Map.of("path", Map.of("prefix", "/orders"))));
    r.setAdditionalProperty("status", status);
    return r;
  }
}
