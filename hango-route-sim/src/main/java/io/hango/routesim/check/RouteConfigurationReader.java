package io.hango.routesim.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.hango.routesim.internal.AnyTypes;
import io.hango.routesim.internal.LegacyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Envoy v3 {@link RouteConfiguration} from YAML or JSON, strictly: an unknown field or an
 * {@code @type} that no class provides is an error naming it, never silently dropped.
 *
 * <p>YAML is converted to JSON with Jackson, then parsed with protobuf's {@link JsonFormat} and a
 * type registry built from the {@code @type}s the document uses.
 */
public final class RouteConfigurationReader {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = RouterCheckReader.lenientJson();

  private final List<Descriptor> extraTypes;

  private RouteConfigurationReader(List<Descriptor> extraTypes) {
    this.extraTypes = List.copyOf(extraTypes);
  }

  /** A reader resolving {@code @type}s from the Envoy API jar only. */
  public static RouteConfigurationReader create() {
    return new RouteConfigurationReader(List.of());
  }

  /** A reader that also knows {@code extraTypes} (for {@code typed_config}s of other jars). */
  public static RouteConfigurationReader withTypes(List<Descriptor> extraTypes) {
    return new RouteConfigurationReader(new ArrayList<>(extraTypes));
  }

  /** Reads a file; {@code .yaml}/{@code .yml} as YAML, anything else as JSON. */
  public RouteConfiguration read(Path file) throws IOException {
    String text = Files.readString(file);
    String name = file.getFileName().toString();
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    try {
      return parse(text, yaml);
    } catch (RouterCheckFormatException e) {
      throw new RouterCheckFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses YAML text. */
  public RouteConfiguration parseYaml(String yaml) {
    return parse(yaml, true);
  }

  /** Parses JSON text (trailing commas allowed). */
  public RouteConfiguration parseJson(String json) {
    return parse(json, false);
  }

  private RouteConfiguration parse(String text, boolean yaml) {
    JsonNode tree;
    try {
      tree = (yaml ? YAML : JSON).readTree(text);
    } catch (JsonProcessingException e) {
      throw new RouterCheckFormatException("not valid " + (yaml ? "YAML" : "JSON") + ": "
          + e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new RouterCheckFormatException("a route configuration must be a mapping");
    }
    AnyTypes types = AnyTypes.forDocument(tree, extraTypes);
    if (!types.unknown().isEmpty()) {
      throw new RouterCheckFormatException("unknown @type " + String.join(", ", types.unknown()));
    }
    RouteConfiguration.Builder builder = RouteConfiguration.newBuilder();
    // Envoy's parser also takes durations written as {seconds, nanos} objects.
    LegacyJson.normalize(tree, RouteConfiguration.getDescriptor(), types.registry());
    try {
      JsonFormat.parser().usingTypeRegistry(types.registry()).merge(JSON.writeValueAsString(tree), builder);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new RouterCheckFormatException("not a valid envoy.config.route.v3.RouteConfiguration: "
          + e.getMessage(), e);
    }
    return builder.build();
  }
}
