package io.hango.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderCacheTest {

  @TempDir Path dir;

  @Test
  void onlyAChangedFileIsReadAgainAndPositionsStayRight() throws Exception {
    Files.writeString(dir.resolve("a.yaml"), doc("edge", 8080));
    Files.writeString(dir.resolve("b.yaml"), doc("other", 9090));
    ConfigReader reader = ConfigReader.flat().withFileCache();

    ConfigLoad first = reader.readAll(List.of(dir));
    Files.writeString(dir.resolve("b.yaml"), "\n\n" + doc("other", 9191));
    ConfigLoad second = reader.readAll(List.of(dir));

    Resource a1 = first.config().resources().get(0);
    Resource a2 = second.config().resources().get(0);
    assertThat(a2).isSameAs(a1); // not parsed again
    Resource b2 = second.config().resources().get(1);
    assertThat(b2).isNotSameAs(first.config().resources().get(1));
    assertThat(ConfigWriter.toYaml(b2)).contains("9191");
    // Positions of the re-read file follow its new text; those of the cached one are unchanged.
    assertThat(second.sourceMap().locate(b2, "metadata.name").orElseThrow().line()).isEqualTo(5);
    assertThat(second.sourceMap().locate(a2, "metadata.name").orElseThrow().line()).isEqualTo(3);
    // The same as a reader without a cache.
    assertThat(second.config()).isEqualTo(ConfigReader.read(dir).config());

    // A file that goes away is forgotten; a syntax error is reported each time the file is read.
    Files.delete(dir.resolve("a.yaml"));
    Files.writeString(dir.resolve("b.yaml"), "kind: [");
    assertThat(reader.readAll(List.of(dir)).readErrors()).hasSize(1);
    assertThat(reader.readAll(List.of(dir)).readErrors()).hasSize(1);
  }

  private static String doc(String name, int port) {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Gateway
        metadata: {name: %s}
        spec:
          listeners: [{name: http, port: %d}]
        """.formatted(name, port);
  }
}
