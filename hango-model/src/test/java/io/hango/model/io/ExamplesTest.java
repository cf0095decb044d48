package io.hango.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.ResourceKind;
import io.hango.model.validation.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The repository's {@code examples/}: the valid config validates and round-trips; every invalid file fails. */
class ExamplesTest {

  /** Maven runs tests in the module directory; the examples are at the repository root. */
  static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void examplesValidateWithoutAnyProblem() {
    ConfigLoad load = ConfigReader.read(EXAMPLES);
    assertThat(load.readErrors()).isEmpty();
    assertThat(load.validate().problems()).isEmpty();
    assertThat(load.files()).extracting(f -> Path.of(f).getFileName().toString())
        .containsExactly("gateway.yaml", "plugins.yaml", "registry.yaml", "routes.yaml", "secrets.yaml", "services.yaml");
    assertThat(load.config().resources()).extracting(r -> r.kind())
        .contains(ResourceKind.values());
  }

  @Test
  void examplesRoundTripThroughYamlAndJson() {
    GatewayConfig original = ConfigReader.read(EXAMPLES).config();
    String yaml = ConfigWriter.toYaml(original);
    GatewayConfig fromYaml = ConfigReader.readString("all.yaml", yaml).config();
    assertThat(fromYaml).isEqualTo(original);
    assertThat(ConfigWriter.toYaml(fromYaml)).isEqualTo(yaml);
    assertThat(fromYaml.validate().problems()).isEmpty();

    String json = ConfigWriter.toJson(original);
    ConfigLoad fromJson = ConfigReader.readString("all.json", json);
    assertThat(fromJson.readErrors()).isEmpty();
    assertThat(fromJson.config()).isEqualTo(original);
    assertThat(ConfigWriter.toJson(fromJson.config())).isEqualTo(json);
  }

  @Test
  void writtenFilesReadBack(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    GatewayConfig original = GatewayConfig.read(EXAMPLES);
    ConfigWriter.write(original, dir.resolve("all.yaml"));
    ConfigWriter.write(original, dir.resolve("copy.json"));
    assertThat(GatewayConfig.read(dir.resolve("all.yaml"))).isEqualTo(original);
    assertThat(GatewayConfig.read(dir.resolve("copy.json"))).isEqualTo(original);
  }

  static Stream<Path> invalidExamples() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES.resolve("invalid"))) {
      return s.sorted().collect(Collectors.toList()).stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExamples")
  void everyInvalidExampleFailsAndSaysWhatItShows(Path file) throws IOException {
    assertThat(Files.readString(file)).as("a comment at the top says what it shows").startsWith("# Shows: ");
    ConfigLoad load = ConfigReader.read(file);
    List<Problem> problems = load.hasReadErrors() ? load.readErrors() : load.validate().errors();
    assertThat(problems).isNotEmpty();
    assertThat(problems).allSatisfy(p -> assertThat(p.location()).isPresent());
  }
}
