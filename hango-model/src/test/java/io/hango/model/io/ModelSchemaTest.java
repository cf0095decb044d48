package io.hango.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.hango.model.Durations;
import io.hango.model.Metadata;
import io.hango.model.ResourceKind;
import io.hango.model.io.internal.DocumentParser;
import io.hango.model.io.internal.ParsedDocument;
import io.hango.model.io.internal.SchemaWriter;
import io.hango.model.io.internal.Shape;
import io.hango.model.io.internal.Shapes;
import io.hango.model.validation.Problem;
import io.hango.model.validation.internal.Formats;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModelSchema} against an independent JSON Schema validator: the examples fit it, structural
 * mistakes do not, it is a Kubernetes structural schema, it is stable, and it names every field
 * of the model.
 */
class ModelSchemaTest {

  private static final Path EXAMPLES = ExamplesTest.EXAMPLES;
  private static final SchemaRegistry VALIDATORS = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
  private static final String PRESERVE = SchemaWriter.PRESERVE_UNKNOWN_FIELDS;

  // ------------------------------------------------------------------ (a) the examples fit

  static Stream<Path> validExampleFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(EXAMPLES, EXAMPLES.resolve("registries"))) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validExampleFiles")
  void everyExampleDocumentFitsTheSchemaOfItsKind(Path file) throws IOException {
    List<JsonNode> docs = documents(file);
    assertThat(docs).isNotEmpty();
    for (JsonNode doc : docs) {
      assertThat(errors(doc)).as("%s: %s", file, doc.path("metadata").path("name")).isEmpty();
    }
  }

  @Test
  void theExamplesHoldEveryKind() throws IOException {
    Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
    for (Path file : validExampleFiles().collect(Collectors.toList())) {
      documents(file).forEach(d -> kinds.add(ResourceKind.fromKindName(d.path("kind").asText())));
    }
    assertThat(kinds).containsExactlyInAnyOrder(ResourceKind.values());
  }

  // ------------------------------------------------------------------ (b) structural mistakes do not

  @Test
  void valuesOfTheWrongTypeAreRejected() throws IOException {
    List<JsonNode> docs = documents(EXAMPLES.resolve("invalid/types.yaml"));
    assertThat(errors(docs.get(0))).as("Gateway")
        .anyMatch(e -> e.startsWith("/spec/listeners/0/port:") && e.contains("integer expected"))
        .anyMatch(e -> e.startsWith("/spec/http/idleTimeout:") && e.contains("string expected"));
    assertThat(errors(docs.get(1))).as("Service: an object for a list")
        .anyMatch(e -> e.startsWith("/spec/endpoints:") && e.contains("array expected"));
    assertThat(errors(docs.get(2))).as("Route: a bare number for a duration")
        .anyMatch(e -> e.startsWith("/spec/forward/timeout:") && e.contains("string expected"));
    assertThat(errors(docs.get(3))).as("Plugin: unsupported apiVersion")
        .anyMatch(e -> e.startsWith("/apiVersion:"));
  }

  @Test
  void misspeltFieldsEnumValuesAndKindsAreRejected() throws IOException {
    List<JsonNode> docs = documents(EXAMPLES.resolve("invalid/typos.yaml"));
    assertThat(errors(docs.get(0))).as("Gateway")
        .anyMatch(e -> e.startsWith("/spec/listeners/0:") && e.contains("'protocl'"))
        .anyMatch(e -> e.startsWith("/spec/listeners/1/protocol:") && e.contains("pattern"))
        .anyMatch(e -> e.startsWith("/spec:") && e.contains("'clientIP'"));
    for (ResourceKind kind : ResourceKind.values()) {
      assertThat(validator(kind).validate(docs.get(1))).extracting(Object::toString).as("kind: Rout")
          .anyMatch(e -> e.startsWith("/kind:"));
    }
    assertThat(errors(docs.get(2))).as("Service")
        .anyMatch(e -> e.startsWith("/spec:") && e.contains("'endpoint'"))
        .anyMatch(e -> e.startsWith("/spec/trafficPolicy/loadBalancer/type:"));
  }

  static Stream<Path> invalidExampleFiles() throws IOException {
    return ExamplesTest.invalidExamples();
  }

  /**
   * Each document of {@code examples/invalid/}, read alone: the schema rejects it exactly when the
   * reader's structure check does (leaving aside the name format, which the validator checks).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExampleFiles")
  void theSchemaRejectsAnInvalidExampleDocumentExactlyWhenTheReaderDoes(Path file) throws IOException {
    for (JsonNode doc : documents(file)) {
      List<Problem> reader = ConfigReader.readString("doc.json", HangoMappers.json().writeValueAsString(doc)).problems();
      ResourceKind kind = ResourceKind.fromKindName(doc.path("kind").asText());
      List<String> schema = kind == null
          ? List.of("unknown kind") // rejected by the schema of every kind: see misspeltFieldsEnumValuesAndKindsAreRejected
          : errors(doc).stream().filter(e -> !e.startsWith("/metadata/name:")).collect(Collectors.toList());
      assertThat(schema.isEmpty()).as("%s %s:%n reader: %s%n schema: %s", file.getFileName(), doc, reader, schema)
          .isEqualTo(reader.isEmpty());
    }
  }

  @Test
  void aMissingRequiredFieldIsRejected() {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("kind", "Secret");
    doc.putObject("metadata").put("name", "s");
    assertThat(errors(doc)).anyMatch(e -> e.contains("'spec'"));
    doc.putObject("spec");
    doc.remove("metadata");
    assertThat(errors(doc)).anyMatch(e -> e.contains("'metadata'"));
  }

  // ------------------------------------------------------------------ (c) structural

  @ParameterizedTest
  @EnumSource(ResourceKind.class)
  void theSchemasAreStructural(ResourceKind kind) {
    assertThat(structuralViolations(ModelSchema.documentSchema(kind), "")).isEmpty();
    assertThat(structuralViolations(ModelSchema.specSchema(kind), "")).isEmpty();
    assertThat(ModelSchema.documentSchema(kind).get("properties").get("spec")).isEqualTo(ModelSchema.specSchema(kind));
  }

  @Test
  void theStructuralCheckFindsViolations() throws IOException {
    JsonNode bad = new ObjectMapper().readTree("""
        {"type": "object", "properties": {
           "a": {"properties": {}},
           "b": {"type": "object", "properties": {"y": {"type": "string"}, "x": {"type": "string"}},
                 "additionalProperties": {"type": "string"}},
           "c": {"$ref": "#/x"},
           "d": {"type": "object", "additionalProperties": false},
           "e": {"type": "array"},
           "f": {"type": "object", "properties": {}, "required": ["g"]}}}""");
    assertThat(structuralViolations(bad, "")).containsExactlyInAnyOrder(
        "/a: no type", "/a: properties without type object", "/b: properties and additionalProperties",
        "/b: properties not sorted", "/c: no type", "/c: $ref", "/d: additionalProperties is not a schema",
        "/e: array without items", "/f: required g is not a property");
  }

  // ------------------------------------------------------------------ (d) stable

  @ParameterizedTest
  @EnumSource(ResourceKind.class)
  void twoCallsGiveEqualTreesAndText(ResourceKind kind) throws IOException {
    ObjectNode first = ModelSchema.documentSchema(kind);
    ObjectNode second = ModelSchema.documentSchema(kind);
    assertThat(first).isNotSameAs(second).isEqualTo(second);
    ObjectMapper json = HangoMappers.json();
    assertThat(json.writeValueAsString(first)).isEqualTo(json.writeValueAsString(second));
    assertThat(ModelSchema.specSchema(kind)).isNotSameAs(ModelSchema.specSchema(kind)).isEqualTo(ModelSchema.specSchema(kind));
  }

  @Test
  void callersMayChangeWhatTheyGet() {
    ObjectNode mine = ModelSchema.documentSchema(ResourceKind.ROUTE);
    ((ObjectNode) mine.get("properties")).removeAll();
    ModelSchema.specSchema(ResourceKind.ROUTE).put("type", "string");
    assertThat(ModelSchema.documentSchema(ResourceKind.ROUTE).get("properties")).isNotEmpty();
    assertThat(ModelSchema.specSchema(ResourceKind.ROUTE).get("type").asText()).isEqualTo("object");
  }

  // ------------------------------------------------------------------ (e) every field of the model

  @ParameterizedTest
  @EnumSource(ResourceKind.class)
  void everyPropertyOfTheModelIsInTheSchema(ResourceKind kind) {
    ObjectNode doc = ModelSchema.documentSchema(kind);
    Set<String> top = new LinkedHashSet<>(Shapes.struct(kind.type()).properties().keySet());
    top.add("kind");
    assertThat(names(doc.get("properties"))).containsExactlyInAnyOrderElementsOf(top);
    assertThat(names(doc.get("required"))).containsExactly("kind", "metadata", "spec");
    assertMirrors(Metadata.class, doc.get("properties").get("metadata"), "metadata");
    Type spec = Shapes.struct(kind.type()).properties().get("spec").type();
    assertMirrors(spec, doc.get("properties").get("spec"), "spec");
  }

  /** Walks the shape of {@code type} and its schema together: every property is there, with its type. */
  private static void assertMirrors(Type type, JsonNode schema, String path) {
    Shape shape = Shapes.of(type);
    String t = schema.path("type").asText();
    if (shape instanceof Shape.Text) {
      assertThat(t).as(path).isEqualTo("string");
    } else if (shape instanceof Shape.WholeNumber) {
      assertThat(t).as(path).isEqualTo("integer");
    } else if (shape instanceof Shape.Decimal) {
      assertThat(t).as(path).isEqualTo("number");
    } else if (shape instanceof Shape.Bool) {
      assertThat(t).as(path).isEqualTo("boolean");
    } else if (shape instanceof Shape.DurationText) {
      assertThat(t).as(path).isEqualTo("string");
      assertThat(schema.path("pattern").asText()).as(path).isEqualTo(SchemaWriter.DURATION_PATTERN);
    } else if (shape instanceof Shape.OneOfNames) {
      assertThat(t).as(path).isEqualTo("string");
      assertThat(schema.has("pattern")).as(path).isTrue();
    } else if (shape instanceof Shape.ListOf list) {
      assertThat(t).as(path).isEqualTo("array");
      assertMirrors(list.element(), schema.get("items"), path + "[]");
    } else if (shape instanceof Shape.MapOf map) {
      assertThat(t).as(path).isEqualTo("object");
      assertMirrors(map.value(), schema.get("additionalProperties"), path + "{}");
    } else if (shape instanceof Shape.AnyObject) {
      assertThat(t).as(path).isEqualTo("object");
      assertThat(schema.path(PRESERVE).asBoolean()).as(path).isTrue();
    } else if (shape instanceof Shape.Struct struct) {
      assertThat(t).as(path).isEqualTo("object");
      assertThat(names(schema.get("properties"))).as(path).containsExactlyInAnyOrderElementsOf(struct.properties().keySet());
      for (Shape.Property p : struct.properties().values()) {
        assertThat(names(schema.get("required")).contains(p.name())).as(path + "." + p.name() + " required").isEqualTo(p.required());
        assertMirrors(p.type(), schema.get("properties").get(p.name()), path + "." + p.name());
      }
    } else if (shape instanceof Shape.Polymorphic poly) {
      assertThat(t).as(path).isEqualTo("object");
      JsonNode props = schema.get("properties");
      assertThat(names(schema.get("required"))).as(path).contains(poly.property());
      assertThat(props.get(poly.property()).path("type").asText()).as(path).isEqualTo("string");
      assertThat(names(props.get(poly.property()).get("enum"))).as(path + "." + poly.property())
          .isEqualTo(poly.fallback() == null ? List.copyOf(poly.subtypes().keySet()) : List.of());
      List<Class<?>> variants = new ArrayList<>(poly.subtypes().values());
      if (poly.fallback() != null) {
        variants.add(poly.fallback());
      }
      for (Class<?> v : variants) {
        for (Shape.Property p : Shapes.struct(v).properties().values()) {
          if (!p.name().equals(poly.property())) {
            assertThat(props.has(p.name())).as(path + "." + p.name() + " (" + v.getSimpleName() + ")").isTrue();
            assertMirrors(p.type(), props.get(p.name()), path + "." + p.name());
          }
        }
      }
    } else {
      throw new AssertionError("unexpected shape " + shape + " at " + path);
    }
  }

  @Test
  void aTypeThatContainsItselfIsRefusedByName() {
    assertThatThrownBy(() -> SchemaWriter.schemaOf(Tree.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Tree.class.getTypeName());
  }

  /** A recursive model type: none exists in the model, so this one is made up. */
  interface Tree {
    List<Tree> children();
  }

  // ------------------------------------------------------------------ value formats

  @Test
  void theDurationPatternAcceptsWhatTheParserAccepts() {
    Schema schema = VALIDATORS.getSchema(SchemaWriter.schemaOf(Duration.class));
    List<String> values = List.of("0s", "5s", "250ms", "1m30s", "1h", "1h2m3s4ms", "90s", "1h30m", "01s", "1m1ms",
        "", "5", "1.5s", "5S", "1s1m", "1m1m", "1ms1s", "ms", "5 s", " 5s", "5s ", "-5s", "1d", "5sms", "1h-1m", "1µs");
    for (String v : values) {
      boolean parses;
      try {
        Durations.parse(v);
        parses = true;
      } catch (IllegalArgumentException e) {
        parses = false;
      }
      assertThat(schema.validate(text(v)).isEmpty()).as("'%s' fits the schema", v).isEqualTo(parses);
    }
    // A size the pattern cannot say: the parser rejects a part too large for a long.
    assertThat(schema.validate(text("99999999999999999999s"))).isEmpty();
  }

  /** Each name in its own and other cases, and near misses, for every enum of the model. */
  @Test
  void enumPatternsIgnoreCaseLikeTheReader() {
    Set<Type> enums = new LinkedHashSet<>();
    for (ResourceKind kind : ResourceKind.values()) {
      collect(kind.type(), enums, new LinkedHashSet<>());
    }
    assertThat(enums).hasSizeGreaterThan(5);
    for (Type type : enums) {
      List<String> names = ((Shape.OneOfNames) Shapes.of(type)).names();
      Schema schema = VALIDATORS.getSchema(SchemaWriter.schemaOf(type));
      for (String name : names) {
        for (String v : List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT), swapCase(name),
            name + "x", "x" + name, name.substring(1), name.replace('.', '_'), "")) {
          boolean readerAccepts = names.stream()
              .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT)));
          assertThat(schema.validate(text(v)).isEmpty()).as("%s: '%s'", type.getTypeName(), v).isEqualTo(readerAccepts);
        }
      }
    }
  }

  @Test
  void aDocumentWithEnumNamesInOtherCasesFitsAsTheReaderReadsIt() {
    String yaml = """
        apiVersion: hango.io/v1alpha1
        kind: Service
        metadata: {name: orders}
        spec:
          protocol: HTTP2
          endpoints: [{address: 10.0.0.1, port: 80}]
          trafficPolicy: {tls: {mode: Mutual}}
        """;
    ConfigLoad load = ConfigReader.readString("case.yaml", yaml);
    assertThat(load.readErrors()).isEmpty();
    assertThat(load.problems()).isEmpty();
    assertThat(load.config().resources()).hasSize(1);
    JsonNode doc = DocumentParser.parse("case.yaml", yaml, DocumentParser.Format.YAML).documents().get(0).root();
    assertThat(errors(doc)).isEmpty();
  }

  @Test
  void theNamePatternIsTheValidators() {
    Schema schema = VALIDATORS.getSchema(closed(ModelSchema.documentSchema(ResourceKind.GATEWAY)
        .get("properties").get("metadata").get("properties").get("name")));
    List<String> names = List.of("a", "orders", "orders-v2", "a.b", "a-b", "0", "a..b", "a.-b",
        "-a", "a-", ".a", "a.", "A", "Orders", "a_b", "a b", "", "é", "a".repeat(253), "a".repeat(254));
    for (String n : names) {
      assertThat(schema.validate(text(n)).isEmpty()).as("'%s'", n).isEqualTo(Formats.name(n).isEmpty());
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The documents of a YAML file, as the reader parses them. */
  private static List<JsonNode> documents(Path file) throws IOException {
    return DocumentParser.parse(file.toString(), Files.readString(file), DocumentParser.Format.YAML).documents()
        .stream().map(ParsedDocument::root).collect(Collectors.toList());
  }

  /** The validator's messages for {@code doc} against the (closed) schema of the kind it names. */
  private static List<String> errors(JsonNode doc) {
    ResourceKind kind = ResourceKind.fromKindName(doc.path("kind").asText());
    assertThat(kind).as("kind of %s", doc).isNotNull();
    return validator(kind).validate(doc).stream().map(Object::toString).collect(Collectors.toList());
  }

  private static Schema validator(ResourceKind kind) {
    return VALIDATORS.getSchema(closed(ModelSchema.documentSchema(kind)));
  }

  /**
   * The schema with {@code additionalProperties: false} on every object that lists its properties
   * and does not preserve unknown fields. A structural schema cannot say it, but Kubernetes'
   * strict field validation rejects unknown fields (as the reader does), so this is the schema as
   * a cluster applies it; without it, a plain validator would let any misspelt field through.
   */
  static JsonNode closed(JsonNode schema) {
    ObjectNode copy = (ObjectNode) schema.deepCopy();
    close(copy);
    return copy;
  }

  private static void close(ObjectNode node) {
    if (node.has("properties")) {
      node.get("properties").forEach(p -> close((ObjectNode) p));
      if (!node.path(PRESERVE).asBoolean()) {
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

  /** What makes {@code node} (at {@code path}) not a Kubernetes structural schema, or not sorted. */
  static List<String> structuralViolations(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    boolean preserve = node.path(PRESERVE).asBoolean();
    if (!node.has("type") && !preserve) {
      out.add(path + ": no type");
    }
    if (node.has("$ref")) {
      out.add(path + ": $ref");
    }
    if (node.has("properties")) {
      if (!node.path("type").asText().equals("object")) {
        out.add(path + ": properties without type object");
      }
      if (node.has("additionalProperties")) {
        out.add(path + ": properties and additionalProperties");
      }
      List<String> names = names(node.get("properties"));
      if (!names.equals(names.stream().sorted().collect(Collectors.toList()))) {
        out.add(path + ": properties not sorted");
      }
      node.get("properties").fields().forEachRemaining(e -> out.addAll(structuralViolations(e.getValue(), path + "/" + e.getKey())));
    }
    if (node.has("required")) {
      List<String> required = names(node.get("required"));
      if (!required.equals(required.stream().sorted().collect(Collectors.toList()))) {
        out.add(path + ": required not sorted");
      }
      required.stream().filter(r -> !node.path("properties").has(r))
          .forEach(r -> out.add(path + ": required " + r + " is not a property"));
    }
    if (node.has("additionalProperties")) {
      if (node.get("additionalProperties").isObject()) {
        out.addAll(structuralViolations(node.get("additionalProperties"), path + "/*"));
      } else {
        out.add(path + ": additionalProperties is not a schema");
      }
    }
    if (node.path("type").asText().equals("array")) {
      if (node.has("items")) {
        out.addAll(structuralViolations(node.get("items"), path + "[]"));
      } else {
        out.add(path + ": array without items");
      }
    }
    return out;
  }

  /** The field names of an object, or the texts of an array, in order; empty for a missing node. */
  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isObject()) {
      node.fieldNames().forEachRemaining(out::add);
    } else if (node != null && node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** Collects the enum types reachable from {@code type}. */
  private static void collect(Type type, Set<Type> enums, Set<Type> seen) {
    if (!seen.add(type)) {
      return;
    }
    Shape shape = Shapes.of(type);
    if (shape instanceof Shape.OneOfNames) {
      enums.add(type);
    } else if (shape instanceof Shape.ListOf list) {
      collect(list.element(), enums, seen);
    } else if (shape instanceof Shape.MapOf map) {
      collect(map.value(), enums, seen);
    } else if (shape instanceof Shape.Struct struct) {
      struct.properties().values().forEach(p -> collect(p.type(), enums, seen));
    } else if (shape instanceof Shape.Polymorphic poly) {
      List<Class<?>> variants = new ArrayList<>(poly.subtypes().values());
      if (poly.fallback() != null) {
        variants.add(poly.fallback());
      }
      variants.forEach(c -> Shapes.struct(c).properties().values().forEach(p -> collect(p.type(), enums, seen)));
    }
  }

  private static String swapCase(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return sb.toString();
  }

  private static JsonNode text(String s) {
    return JsonNodeFactory.instance.textNode(s);
  }
}
