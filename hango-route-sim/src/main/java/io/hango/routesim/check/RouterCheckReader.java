package io.hango.routesim.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.extensions.filters.http.set_metadata.v3.Metadata;
import io.hango.routesim.Headers;
import io.hango.routesim.internal.AnyTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads router_check test files ({@code envoy.RouterCheckToolSchema.Validation}, see Envoy's
 * {@code test/tools/router_check/validation.proto}) in JSON (trailing commas allowed) or YAML.
 * Field names may be {@code snake_case} or {@code lowerCamelCase}. Unknown fields and violated
 * constraints ({@code test_name} non-empty, {@code authority} and {@code path} non-empty,
 * {@code method} at least 3 characters, at least one test) are errors naming the field.
 */
public final class RouterCheckReader {
  private static final ObjectMapper JSON = lenientJson();
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> ROOT = Set.of("tests", "runtime");
  private static final Set<String> ITEM = Set.of("test_name", "input", "validate");
  private static final Set<String> INPUT = Set.of("authority", "path", "method", "random_value", "ssl",
      "internal", "additional_request_headers", "additional_response_headers", "dynamic_metadata",
      "runtime");
  private static final Set<String> ASSERT = Set.of("cluster_name", "virtual_cluster_name",
      "virtual_host_name", "host_rewrite", "path_rewrite", "path_redirect", "request_header_fields",
      "response_header_fields", "request_header_matches", "response_header_matches", "code_redirect",
      "timeout");
  private static final Set<String> HEADER_VALUE = Set.of("key", "value", "raw_value");

  private RouterCheckReader() {}

  static ObjectMapper lenientJson() {
    return JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
  }

  /** Reads a test file; {@code .yaml}/{@code .yml} as YAML, anything else as JSON. */
  public static RouterCheckSuite read(Path file) throws IOException {
    String name = file.getFileName().toString();
    try {
      return parse(Files.readString(file), name.endsWith(".yaml") || name.endsWith(".yml"));
    } catch (RouterCheckFormatException e) {
      throw new RouterCheckFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses JSON text. */
  public static RouterCheckSuite parseJson(String json) {
    return parse(json, false);
  }

  /** Parses YAML text. */
  public static RouterCheckSuite parseYaml(String yaml) {
    return parse(yaml, true);
  }

  private static RouterCheckSuite parse(String text, boolean yaml) {
    JsonNode root;
    try {
      root = (yaml ? YAML : JSON).readTree(text);
    } catch (JsonProcessingException e) {
      throw new RouterCheckFormatException("not valid " + (yaml ? "YAML" : "JSON") + ": "
          + e.getOriginalMessage(), e);
    }
    Map<String, JsonNode> fields = fields(root, ROOT, "");
    JsonNode tests = fields.get("tests");
    if (tests == null || !tests.isArray() || tests.isEmpty()) {
      throw new RouterCheckFormatException("tests: at least one test is required");
    }
    List<RouterCheckCase> cases = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      cases.add(readCase(tests.get(i), "tests[" + i + "]"));
    }
    Map<String, Object> runtime = new LinkedHashMap<>();
    JsonNode rt = fields.get("runtime");
    if (rt != null) {
      if (!rt.isObject()) {
        throw new RouterCheckFormatException("runtime: must be a mapping");
      }
      rt.fields().forEachRemaining(e -> runtime.put(e.getKey(), scalar(e.getValue())));
    }
    return new RouterCheckSuite(cases, runtime);
  }

  private static RouterCheckCase readCase(JsonNode node, String where) {
    Map<String, JsonNode> f = fields(node, ITEM, where);
    String name = text(f.get("test_name"), where + ".test_name");
    if (name.isEmpty()) {
      throw new RouterCheckFormatException(where + ".test_name: must not be empty");
    }
    String at = where + " (" + name + ")";
    if (f.get("input") == null) {
      throw new RouterCheckFormatException(at + ".input: is required");
    }
    if (f.get("validate") == null) {
      throw new RouterCheckFormatException(at + ".validate: is required");
    }
    return new RouterCheckCase(name, readInput(f.get("input"), at + ".input"),
        readAssert(f.get("validate"), at + ".validate"));
  }

  private static RouterCheckInput readInput(JsonNode node, String where) {
    Map<String, JsonNode> f = fields(node, INPUT, where);
    String authority = text(f.get("authority"), where + ".authority");
    String path = text(f.get("path"), where + ".path");
    String method = text(f.get("method"), where + ".method");
    if (authority.isEmpty()) {
      throw new RouterCheckFormatException(where + ".authority: must not be empty");
    }
    if (path.isEmpty()) {
      throw new RouterCheckFormatException(where + ".path: must not be empty");
    }
    if (method.length() < 3) {
      throw new RouterCheckFormatException(where + ".method: must have at least 3 characters");
    }
    List<Metadata> metadata = new ArrayList<>();
    JsonNode md = f.get("dynamic_metadata");
    if (md != null) {
      for (int i = 0; i < md.size(); i++) {
        metadata.add(proto(md.get(i), Metadata.newBuilder(), where + ".dynamic_metadata[" + i + "]"));
      }
    }
    return new RouterCheckInput(authority, path, method, bool(f.get("internal"), where + ".internal"),
        uint(f.get("random_value"), where + ".random_value"), bool(f.get("ssl"), where + ".ssl"),
        text(f.get("runtime"), where + ".runtime"),
        headers(f.get("additional_request_headers"), where + ".additional_request_headers"),
        headers(f.get("additional_response_headers"), where + ".additional_response_headers"),
        metadata);
  }

  private static RouterCheckExpectations readAssert(JsonNode node, String where) {
    Map<String, JsonNode> f = fields(node, ASSERT, where);
    OptionalInt code = OptionalInt.empty();
    if (f.get("code_redirect") != null) {
      code = OptionalInt.of((int) uint(f.get("code_redirect"), where + ".code_redirect"));
    }
    return new RouterCheckExpectations(optText(f, "cluster_name", where),
        optText(f, "virtual_cluster_name", where), optText(f, "virtual_host_name", where),
        optText(f, "host_rewrite", where), optText(f, "path_rewrite", where),
        optText(f, "path_redirect", where), code, optText(f, "timeout", where),
        matchers(f.get("request_header_matches"), where + ".request_header_matches"),
        matchers(f.get("response_header_matches"), where + ".response_header_matches"),
        headers(f.get("request_header_fields"), where + ".request_header_fields"),
        headers(f.get("response_header_fields"), where + ".response_header_fields"));
  }

  private static List<HeaderMatcher> matchers(JsonNode node, String where) {
    List<HeaderMatcher> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!node.isArray()) {
      throw new RouterCheckFormatException(where + ": must be a list");
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(proto(node.get(i), HeaderMatcher.newBuilder(), where + "[" + i + "]"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T proto(JsonNode node, Message.Builder builder, String where) {
    try {
      AnyTypes types = AnyTypes.forDocument(node, List.of());
      JsonFormat.parser().usingTypeRegistry(types.registry()).merge(JSON.writeValueAsString(node), builder);
      return (T) builder.build();
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new RouterCheckFormatException(where + ": not a valid "
          + builder.getDescriptorForType().getFullName() + ": " + e.getMessage(), e);
    }
  }

  private static Headers headers(JsonNode node, String where) {
    Headers h = Headers.empty();
    if (node == null) {
      return h;
    }
    if (!node.isArray()) {
      throw new RouterCheckFormatException(where + ": must be a list");
    }
    for (int i = 0; i < node.size(); i++) {
      Map<String, JsonNode> f = fields(node.get(i), HEADER_VALUE, where + "[" + i + "]");
      String key = text(f.get("key"), where + "[" + i + "].key");
      if (key.isEmpty()) {
        throw new RouterCheckFormatException(where + "[" + i + "].key: must not be empty");
      }
      h = h.with(key, text(f.get("value"), where + "[" + i + "].value"));
    }
    return h;
  }

  /** The fields of an object, names normalized to snake_case, unknown ones rejected. */
  private static Map<String, JsonNode> fields(JsonNode node, Set<String> allowed, String where) {
    if (node == null || !node.isObject()) {
      throw new RouterCheckFormatException((where.isEmpty() ? "document" : where) + ": must be a mapping");
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = snake(e.getKey());
      if (!allowed.contains(name)) {
        throw new RouterCheckFormatException((where.isEmpty() ? "" : where + ".") + e.getKey()
            + ": unknown field (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
      if (!e.getValue().isNull()) {
        out.put(name, e.getValue());
      }
    }
    return out;
  }

  private static String snake(String name) {
    StringBuilder b = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Optional<String> optText(Map<String, JsonNode> f, String name, String where) {
    JsonNode n = f.get(name);
    return n == null ? Optional.empty() : Optional.of(text(n, where + "." + name));
  }

  private static String text(JsonNode n, String where) {
    if (n == null) {
      return "";
    }
    if (!n.isValueNode() || n.isBoolean()) {
      throw new RouterCheckFormatException(where + ": must be a string");
    }
    return n.asText();
  }

  private static boolean bool(JsonNode n, String where) {
    if (n == null) {
      return false;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
      return Boolean.parseBoolean(n.asText());
    }
    throw new RouterCheckFormatException(where + ": must be a boolean");
  }

  private static long uint(JsonNode n, String where) {
    if (n == null) {
      return 0;
    }
    try {
      if (n.isIntegralNumber() || n.isTextual()) {
        return Long.parseUnsignedLong(n.asText());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RouterCheckFormatException(where + ": must be a non-negative integer");
  }

  private static Object scalar(JsonNode n) {
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isNumber()) {
      return n.numberValue();
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }
}
