package io.hango.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import io.hango.model.io.ConfigWriter;
import io.hango.model.io.HangoMappers;
import io.hango.model.io.ModelSchema;
import io.hango.testkit.arbitraries.HangoArbitraries;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Every document of a generated valid config, as the model's writer writes it, fits the schema of
 * its kind: the writer emits no field, type or spelling that {@link ModelSchema} does not allow.
 */
class ModelSchemaArbitrariesTest {

  private static final Map<ResourceKind, Schema> SCHEMAS = new EnumMap<>(ResourceKind.class);

  static {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
    for (ResourceKind kind : ResourceKind.values()) {
      SCHEMAS.put(kind, registry.getSchema(closed(ModelSchema.documentSchema(kind))));
    }
  }

  @Property(tries = 200)
  void everyWrittenDocumentFitsTheSchemaOfItsKind(@ForAll("configs") GatewayConfig config) throws IOException {
    assertThat(config.resources()).isNotEmpty();
    for (Resource r : config.resources()) {
      String json = ConfigWriter.toJson(r);
      JsonNode doc = HangoMappers.json().readTree(json);
      assertThat(SCHEMAS.get(r.kind()).validate(doc)).as("%s%n%s", r.ref(), json).isEmpty();
      Statistics.label("kind").collect(r.kind());
    }
    // Every kind turns up in some try, or the property says nothing about it.
    Statistics.label("kind").coverage(c -> {
      for (ResourceKind kind : ResourceKind.values()) {
        c.check(kind).count(n -> n > 0);
      }
    });
  }

  @Provide
  Arbitrary<GatewayConfig> configs() {
    return HangoArbitraries.configs();
  }

  /**
   * The schema with {@code additionalProperties: false} on every object that lists its properties
   * and does not preserve unknown fields, as Kubernetes' strict field validation applies it (a
   * structural schema cannot say it). The same helper as in hango-model's {@code ModelSchemaTest}:
   * test classes are not shared between the modules.
   */
  private static JsonNode closed(JsonNode schema) {
    ObjectNode copy = (ObjectNode) schema.deepCopy();
    close(copy);
    return copy;
  }

  private static void close(ObjectNode node) {
    if (node.has("properties")) {
      node.get("properties").forEach(p -> close((ObjectNode) p));
      if (!node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
        node.put("additionalProperties", false);
      }
    }
    if (node.has("items")) {
      close((ObjectNode) node.get("items"));
    }
    if (node.path("additionalProperties").isObject()) {
      close((ObjectNode) node.get("additionalProperties"));
    }
  }
}
