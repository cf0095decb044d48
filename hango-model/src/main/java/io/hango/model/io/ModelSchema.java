package io.hango.model.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.Resource;
import io.hango.model.ResourceKind;
import io.hango.model.io.internal.SchemaWriter;
import io.hango.model.io.internal.Shape;
import io.hango.model.io.internal.Shapes;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI v3 schema of each kind of Hango document, derived from the model by reflection (the
 * way the reader checks documents), so that it cannot drift from the model: for Kubernetes
 * CustomResourceDefinitions, editors and other validators.
 *
 * <p>The schemas are <em>structural</em>, as CustomResourceDefinitions require: every node has a
 * {@code type}, no {@code $ref}, no {@code additionalProperties: false} (Kubernetes prunes, or with
 * strict field validation rejects, fields that the schema does not name). Properties are in sorted
 * order, so the JSON text is stable.
 *
 * <p>A schema says what the reader's structure check says (names, types, durations, enum names in
 * any case, required fields), not what validation adds: ranges, references, regular expressions,
 * one-of groups, and which fields a subtype (a registry {@code type}, a load balancer
 * {@code type}) has or requires: the properties of all subtypes are allowed together.
 */
public final class ModelSchema {

  /**
   * The resource name format of the validator ({@code Formats.name}): lower-case DNS style, at most
   * {@value #NAME_MAX_LENGTH} characters. A copy, kept in step with it by a test.
   */
  private static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

  private static final int NAME_MAX_LENGTH = 253;

  private static final Map<ResourceKind, ObjectNode> SPECS = new ConcurrentHashMap<>();
  private static final Map<ResourceKind, ObjectNode> DOCUMENTS = new ConcurrentHashMap<>();

  private ModelSchema() {}

  /**
   * The OpenAPI v3 schema of the spec of documents of {@code kind}: structural, as Kubernetes
   * CustomResourceDefinitions require.
   *
   * @return a new tree on each call, which the caller may change
   * @throws IllegalStateException if the model cannot be expressed as a structural schema (a type
   *     that contains itself)
   */
  public static ObjectNode specSchema(ResourceKind kind) {
    return SPECS.computeIfAbsent(kind, ModelSchema::spec).deepCopy();
  }

  /**
   * The schema of a whole document of {@code kind}: {@code apiVersion} (the one the reader accepts;
   * optional, as in the reader), {@code kind}, {@code metadata} ({@code name} in the validator's
   * format, {@code labels}) and {@code spec} ({@link #specSchema}).
   *
   * <p>As the {@code openAPIV3Schema} of a CustomResourceDefinition, note that Kubernetes accepts
   * restrictions on {@code metadata.name} and {@code metadata.generateName} only: remove the other
   * properties of {@code metadata} ({@code labels}) first.
   *
   * @return a new tree on each call, which the caller may change
   * @throws IllegalStateException if the model cannot be expressed as a structural schema
   */
  public static ObjectNode documentSchema(ResourceKind kind) {
    return DOCUMENTS.computeIfAbsent(kind, ModelSchema::document).deepCopy();
  }

  private static ObjectNode spec(ResourceKind kind) {
    Shape.Property spec = Shapes.struct(kind.type()).properties().get("spec");
    if (spec == null) {
      throw new IllegalStateException(kind.type().getName() + " has no spec");
    }
    return SchemaWriter.schemaOf(spec.type());
  }

  /** Every top-level property of the kind's model type, as the reader sees it, plus {@code kind}. */
  private static ObjectNode document(ResourceKind kind) {
    SortedMap<String, ObjectNode> props = new TreeMap<>();
    SortedSet<String> required = new TreeSet<>();
    for (Shape.Property p : Shapes.struct(kind.type()).properties().values()) {
      props.put(p.name(), SchemaWriter.schemaOf(p.type()));
      if (p.required()) {
        required.add(p.name());
      }
    }
    // The reader rejects any apiVersion but this one, and reads a document without one as this one.
    props.put("apiVersion", oneString(Resource.API_VERSION));
    // `kind` chooses the model type (it is not a property of it) and is the one field the reader
    // needs before anything else; its spelling is exact.
    props.put("kind", oneString(kind.kindName()));
    required.add("kind");
    // The name format is the validator's, not the reader's: a cluster can check it up front.
    ObjectNode name = (ObjectNode) props.get("metadata").get("properties").get("name");
    name.put("maxLength", NAME_MAX_LENGTH);
    name.put("pattern", NAME_PATTERN);
    return SchemaWriter.object(props, required);
  }

  private static ObjectNode oneString(String value) {
    ObjectNode s = SchemaWriter.string();
    ArrayNode e = s.putArray("enum");
    e.add(value);
    return s;
  }
}
