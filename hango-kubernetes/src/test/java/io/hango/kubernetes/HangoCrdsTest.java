package io.hango.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.ResourceKind;
import io.hango.model.io.ModelSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRDs are the model's: each spec schema is {@link ModelSchema#specSchema} (whose tests show it
 * accepts every example and every generated config, and rejects the invalid examples' structural
 * errors), and {@code examples/kubernetes/crds.yaml} is exactly what {@code hango crds} prints
 * (rewritten with {@code -Dcrds.update=true}). That fabric8 and the mock API server take them is
 * shown by every test that starts a {@link HangoCluster}.
 */
class HangoCrdsTest {

  private static final Path FILE = HangoCluster.EXAMPLES.resolve("kubernetes/crds.yaml");

  @Test
  void theCommittedCrdsAreWhatTheModelGenerates() throws Exception {
    String generated = HangoCrds.yaml();
    if (Boolean.getBoolean("crds.update")) {
      Files.writeString(FILE, generated);
    }
    assertThat(Files.readString(FILE))
        .as("examples/kubernetes/crds.yaml is stale: run mvn -pl hango-kubernetes test -Dtest=HangoCrdsTest -Dcrds.update=true")
        .isEqualTo(generated);
  }

  @Test
  void eachCrdCarriesTheModelsSpecSchemaAStatusAndItsNames() {
    for (ResourceKind kind : ResourceKind.values()) {
      ObjectNode crd = HangoCrds.crd(kind);
      assertThat(crd.at("/metadata/name").asText()).isEqualTo(HangoCrds.plural(kind) + ".hango.io");
      assertThat(crd.at("/spec/names/kind").asText()).isEqualTo(kind.kindName());
      assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
      JsonNode version = crd.at("/spec/versions/0");
      assertThat(version.at("/name").asText()).isEqualTo("v1alpha1");
      assertThat(version.at("/subresources/status").isObject()).isTrue();
      assertThat(version.at("/schema/openAPIV3Schema/properties/spec")).isEqualTo(ModelSchema.specSchema(kind));
      assertThat(version.at("/schema/openAPIV3Schema/properties/status/properties/conditions/items/required").toString())
          .isEqualTo("[\"type\",\"status\"]");
      assertThat(version.at("/additionalPrinterColumns").findValuesAsText("name")).containsExactly("Accepted", "Programmed", "Age");
    }
    assertThat(HangoCrds.plural(ResourceKind.REGISTRY)).isEqualTo("registries");
    assertThat(HangoCrds.plural(ResourceKind.GATEWAY)).isEqualTo("gateways");
  }
}
