package io.hango.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Object <-> text, both directions, for every kind and every polymorphic variant: the written text
 * is exactly {@code serialization/<case>.yaml|json}, and that text reads back to an equal object.
 */
class SerializationTest {

  static Stream<Arguments> cases() {
    return SerializationCases.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesYaml(String name, Resource resource) throws IOException {
    assertThat(ConfigWriter.toYaml(resource)).isEqualTo(expected(name + ".yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesJson(String name, Resource resource) throws IOException {
    assertThat(ConfigWriter.toJson(resource)).isEqualTo(expected(name + ".json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsYaml(String name, Resource resource) throws IOException {
    ConfigLoad load = ConfigReader.readString(name + ".yaml", expected(name + ".yaml"));
    assertThat(load.readErrors()).isEmpty();
    assertThat(load.problems()).isEmpty();
    assertThat(load.config().resources()).containsExactly(resource);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsJson(String name, Resource resource) throws IOException {
    ConfigLoad load = ConfigReader.readString(name + ".json", expected(name + ".json"));
    assertThat(load.readErrors()).isEmpty();
    assertThat(load.problems()).isEmpty();
    assertThat(load.config().resources()).containsExactly(resource);
  }

  private static String expected(String file) throws IOException {
    try (InputStream in = SerializationTest.class.getResourceAsStream("/serialization/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
