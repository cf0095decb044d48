package io.hango.translate;

import com.fasterxml.jackson.databind.MappingIterator;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.io.HangoMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads test configs (multi-document YAML) into the model. */
final class TestConfigs {

  private TestConfigs() {}

  static List<Resource> documents(String yaml) {
    try (MappingIterator<Resource> it = HangoMappers.yaml().readerFor(Resource.class).readValues(yaml)) {
      return it.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GatewayConfig read(String yaml) {
    return GatewayConfig.of(documents(yaml));
  }

  static GatewayConfig read(Path file) {
    try {
      return read(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
