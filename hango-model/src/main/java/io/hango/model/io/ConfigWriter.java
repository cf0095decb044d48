package io.hango.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes documents canonically, so that the same config always gives the same text: top-level keys
 * in the order {@code kind, apiVersion, metadata, spec}, fields in model order, map entries sorted,
 * durations in their canonical form ({@code 90s} is written {@code 1m30s}), absent and empty
 * fields left out, multi-line strings (PEM) as YAML literal blocks.
 *
 * <p>Text written here reads back ({@link ConfigReader}) to an equal config.
 */
public final class ConfigWriter {

  private static final List<String> TOP_LEVEL = List.of("kind", "apiVersion", "metadata", "spec");
  private static final ObjectWriter YAML =
      HangoMappers.yaml().writer().with(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE);
  private static final ObjectWriter JSON = HangoMappers.json().writer().with(SerializationFeature.INDENT_OUTPUT);

  private ConfigWriter() {}

  /** One document as YAML. */
  public static String toYaml(Resource resource) {
    return write(YAML, tree(resource));
  }

  /** Every document of {@code config} as multi-document YAML ({@code ---} between documents). */
  public static String toYaml(GatewayConfig config) {
    StringBuilder sb = new StringBuilder();
    for (Resource r : config.resources()) {
      if (sb.length() > 0) {
        sb.append("---\n");
      }
      sb.append(toYaml(r));
    }
    return sb.toString();
  }

  /** One document as JSON (indented, ending with a newline). */
  public static String toJson(Resource resource) {
    return write(JSON, tree(resource)) + "\n";
  }

  /** Every document of {@code config} as a JSON array (indented, ending with a newline). */
  public static String toJson(GatewayConfig config) {
    ArrayNode a = HangoMappers.json().createArrayNode();
    config.resources().forEach(r -> a.add(tree(r)));
    return write(JSON, a) + "\n";
  }

  /** Writes {@code config} to {@code file}: JSON if its name ends in {@code .json}, else YAML. */
  public static void write(GatewayConfig config, Path file) throws IOException {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    Files.writeString(file, json ? toJson(config) : toYaml(config));
  }

  /** The document as a tree with the canonical top-level key order. */
  private static ObjectNode tree(Resource resource) {
    ObjectNode raw;
    try {
      raw = (ObjectNode) HangoMappers.json().readTree(HangoMappers.json().writerFor(Resource.class).writeValueAsBytes(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode ordered = HangoMappers.json().createObjectNode();
    for (String key : TOP_LEVEL) {
      if (raw.has(key)) {
        ordered.set(key, raw.get(key));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!ordered.has(e.getKey())) {
        ordered.set(e.getKey(), e.getValue());
      }
    }
    return ordered;
  }

  private static String write(ObjectWriter writer, JsonNode node) {
    try {
      return writer.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // Trees built from model values always serialize; failing here is a bug, not bad input.
      throw new IllegalStateException(e);
    }
  }
}
