package io.hango.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.route.Route;
import io.hango.model.validation.Problem;
import io.hango.model.validation.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading: multi-document files, directories, JSON arrays, syntax errors, and the source map. */
class ConfigReaderTest {

  static final String SECRET = "kind: Secret\nmetadata: {name: %s}\nspec: {ca: {file: /ca.crt}}\n";

  static final String ROUTE = String.join("\n",
      "# a comment first",
      "apiVersion: hango.io/v1alpha1",
      "kind: Route",
      "metadata:",
      "  name: orders",
      "spec:",
      "  gateway: edge",
      "  match:",
      "    headers:",
      "      - {name: x-a, exact: a}",
      "      - name: x-b",
      "        regex: \"b+\"",
      "  forward:",
      "    destinations:",
      "      - service: orders",
      "      - {service: orders, subset: v2, weight: 10}",
      "");

  static Stream<Arguments> positions() {
    return Stream.of(
        Arguments.of("", 2, 1),
        Arguments.of("kind", 3, 7),
        Arguments.of("metadata.name", 5, 9),
        Arguments.of("spec.match.headers[0]", 10, 9),
        Arguments.of("spec.match.headers[0].exact", 10, 28),
        Arguments.of("spec.match.headers[1].regex", 12, 16),
        Arguments.of("spec.forward.destinations[0].service", 15, 18),
        Arguments.of("spec.forward.destinations[1].subset", 16, 35),
        // not written: the nearest written ancestor
        Arguments.of("spec.forward.destinations[0].weight", 15, 9),
        Arguments.of("spec.forward.timeout", 14, 5));
  }

  @ParameterizedTest(name = "{0} at {1}:{2}")
  @MethodSource("positions")
  void sourceMapLocatesEveryNode(String path, int line, int column) {
    ConfigLoad load = ConfigReader.readString("routes.yaml", ROUTE);
    Route route = load.config().routes().get(0);
    assertThat(load.sourceMap().locate(route, path)).contains(new SourceLocation("routes.yaml", line, column));
  }

  @Test
  void sourceMapKnowsKeyPositions() {
    ConfigLoad load = ConfigReader.readString("routes.yaml", ROUTE);
    DocumentPositions doc = load.sourceMap().document(load.config().resources().get(0)).orElseThrow();
    assertThat(doc.key("spec.forward")).contains(new SourceLocation("routes.yaml", 13, 3));
    assertThat(doc.value("spec.forward.timeout")).isEmpty();
    assertThat(doc.file()).isEqualTo("routes.yaml");
  }

  @Test
  void sourceMapIsKeyedByIdentityNotEquality() {
    ConfigLoad load = ConfigReader.readString("two.yaml", String.format(SECRET, "a") + "---\n" + String.format(SECRET, "a"));
    List<Resource> docs = load.config().resources();
    assertThat(docs.get(0)).isEqualTo(docs.get(1));
    assertThat(load.sourceMap().locate(docs.get(0), "").orElseThrow().line()).isEqualTo(1);
    assertThat(load.sourceMap().locate(docs.get(1), "").orElseThrow().line()).isEqualTo(5);
  }

  @Test
  void readsMultiDocumentYamlSkippingEmptyDocuments() {
    String text = "---\n# nothing here\n---\n" + String.format(SECRET, "a") + "---\n" + String.format(SECRET, "b") + "---\n";
    ConfigLoad load = ConfigReader.readString("multi.yaml", text);
    assertThat(load.readErrors()).isEmpty();
    assertThat(load.config().resources()).extracting(Resource::name).containsExactly("a", "b");
    assertThat(load.sourceMap().locate(load.config().resources().get(1), "metadata.name"))
        .contains(new SourceLocation("multi.yaml", 9, 18));
  }

  @Test
  void aTrailingSeparatorAfterAFlowMappingIsNoDocument() {
    String text = "apiVersion: hango.io/v1alpha1\nkind: Registry\nmetadata: {name: demo}\nspec: {type: static}\n---\n";
    ConfigLoad load = ConfigReader.readString("trail.yaml", text);
    assertThat(load.validate().problems()).isEmpty();
    assertThat(load.config().resources()).extracting(Resource::name).containsExactly("demo");
  }

  @Test
  void readsJsonDocumentAndArrayOfDocuments() {
    String one = "{\"kind\": \"Secret\", \"metadata\": {\"name\": \"a\"}, \"spec\": {\"ca\": {\"file\": \"/ca\"}}}";
    assertThat(ConfigReader.readString("one.json", one).config().resources()).hasSize(1);
    ConfigLoad many = ConfigReader.readString("many.json", "[\n" + one + ",\n" + one.replace("\"a\"", "\"b\"") + "\n]");
    assertThat(many.config().resources()).extracting(Resource::name).containsExactly("a", "b");
    assertThat(many.sourceMap().locate(many.config().resources().get(1), "metadata.name"))
        .contains(new SourceLocation("many.json", 3, 41));
  }

  @Test
  void readsDirectoriesSortedFlatOrRecursive(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.yaml"), String.format(SECRET, "b"));
    Files.writeString(dir.resolve("a.yml"), String.format(SECRET, "a"));
    Files.writeString(dir.resolve("c.json"), "{\"kind\": \"Secret\", \"metadata\": {\"name\": \"c\"}, \"spec\": {\"ca\": {\"file\": \"/ca\"}}}");
    Files.writeString(dir.resolve("notes.txt"), "not config");
    Files.writeString(dir.resolve(".hidden.yaml"), String.format(SECRET, "hidden"));
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/d.yaml"), String.format(SECRET, "d"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/e.yaml"), String.format(SECRET, "e"));

    ConfigLoad flat = ConfigReader.read(dir);
    assertThat(flat.config().resources()).extracting(Resource::name).containsExactly("a", "b", "c");
    assertThat(flat.files()).containsExactly(
        dir.resolve("a.yml").toString(), dir.resolve("b.yaml").toString(), dir.resolve("c.json").toString());

    ConfigLoad deep = ConfigReader.recursive().readAll(List.of(dir));
    assertThat(deep.config().resources()).extracting(Resource::name).containsExactly("a", "b", "c", "d");
    assertThat(deep.sourceMap().locate(deep.config().resources().get(3), ""))
        .contains(new SourceLocation(dir.resolve("sub/d.yaml").toString(), 1, 1));
  }

  @Test
  void aFileGivenByNameIsReadWhateverItsExtension(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("config.txt");
    Files.writeString(f, String.format(SECRET, "a"));
    assertThat(ConfigReader.read(f).config().resources()).hasSize(1);
  }

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        Arguments.of("bad.yaml", "kind: Secret\nmetadata: {name: a\nspec: {}\n",
            "bad.yaml:3:5: syntax error: expected ',' or '}', but got : (while parsing a flow mapping started at line 2, column 11)"),
        Arguments.of("bad.yaml", "kind: Secret\n  metadata: x\n",
            "bad.yaml:2:11: syntax error: mapping values are not allowed here"),
        Arguments.of("bad.yaml", "kind: Secret\nspec:\n\t- a\n",
            "bad.yaml:3:1: syntax error: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)"),
        Arguments.of("dup.yaml", "kind: Secret\nmetadata: {name: a}\nkind: Route\n",
            "dup.yaml:3:1: kind: duplicate field 'kind' (first written at line 1)"),
        Arguments.of("bad.json", "{\"kind\": \"Secret\",\n \"metadata\": {\"name\": }}",
            "bad.json:2:23: syntax error: Unexpected character ('}' (code 125)): expected a value"),
        Arguments.of("bad.json", "{\"kind\": \"Secret\"",
            "bad.json:1:18: syntax error: Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1)"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("syntaxErrors")
  void syntaxErrorsAreReadErrorsWithAPosition(String file, String text, String expected) {
    ConfigLoad load = ConfigReader.readString(file, text);
    assertThat(load.hasReadErrors()).isTrue();
    assertThat(load.readErrors()).extracting(Problem::toString).containsExactly(expected);
  }

  @Test
  void documentsBeforeASyntaxErrorAreKept() {
    ConfigLoad load = ConfigReader.readString("f.yaml", String.format(SECRET, "a") + "---\nkind: [\n");
    assertThat(load.config().resources()).extracting(Resource::name).containsExactly("a");
    assertThat(load.readErrors()).hasSize(1);
  }

  @Test
  void missingFileIsAReadError(@TempDir Path dir) {
    ConfigLoad load = ConfigReader.read(dir.resolve("nope.yaml"));
    assertThat(load.readErrors()).extracting(Problem::toString)
        .containsExactly(dir.resolve("nope.yaml") + ":1:1: no such file or directory");
  }

  @Test
  void structuralProblemsAreNotReadErrorsAndLeaveTheDocumentOut() {
    ConfigLoad load = ConfigReader.readString("f.yaml", String.format(SECRET, "a") + "---\n" + String.format(SECRET, "b").replace("ca:", "caa:"));
    assertThat(load.hasReadErrors()).isFalse();
    assertThat(load.problems()).extracting(Problem::toString)
        .containsExactly("f.yaml:7:8: Secret/b: spec.caa: unknown field 'caa'; did you mean 'ca'?");
    assertThat(load.config().resources()).extracting(Resource::name).containsExactly("a");
    assertThat(load.unboundRefs()).containsExactly("Secret/b");
    assertThat(load.validate().problems()).containsExactlyElementsOf(load.problems());
  }

  @Test
  void referencesToDocumentsThatFailedToBindAreNotReportedAgain() {
    String text = "kind: Gateway\nmetadata: {name: edge}\nspec: {listeners: [{name: a, port: 80, protocl: HTTP}]}\n---\n"
        + "kind: Route\nmetadata: {name: r}\nspec: {gateway: edge, directResponse: {status: 200}}\n";
    ConfigLoad load = ConfigReader.readString("f.yaml", text);
    assertThat(load.validate().problems()).extracting(Problem::toString)
        .containsExactly("f.yaml:3:40: Gateway/edge: spec.listeners[0].protocl: unknown field 'protocl'; did you mean 'protocol'?");
  }

  @Test
  void gatewayConfigReadThrowsWithEveryProblemAndValidatesWithPositions(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "kind: Secret\nmetadata: {name: a}\nspec: {ca: {file: /ca}, extra: 1}\n---\nkind: [\n");
    assertThatThrownBy(() -> GatewayConfig.read(bad))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
            .containsExactly(bad + ":3:25: Secret/a: spec.extra: unknown field 'extra'",
                bad + ":6:1: syntax error: expected the node content, but found '<stream end>' (while parsing a flow node started at line 6, column 1)"));

    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "kind: Secret\nmetadata: {name: a}\nspec: {ca: {file: /ca}, certificate: {file: /c}}\n");
    GatewayConfig config = GatewayConfig.read(good);
    assertThat(config.validate().problems()).extracting(Problem::toString)
        .containsExactly(good + ":3:7: Secret/a: spec.privateKey: a certificate needs its privateKey");
  }

  @Test
  void filesAreReportedInReadingOrder() {
    ConfigLoad load = ConfigReader.flat().readAll(List.of(ExamplesTest.EXAMPLES.resolve("routes.yaml"), ExamplesTest.EXAMPLES.resolve("gateway.yaml")));
    assertThat(load.files().stream().map(f -> Path.of(f).getFileName().toString()).collect(Collectors.toList()))
        .containsExactly("routes.yaml", "gateway.yaml");
  }
}
