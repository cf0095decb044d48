package io.hango.routesim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.JsonFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites the forms Envoy's (C++) JSON parser accepts but protobuf-java's does not, guided by the
 * message descriptor: a {@code google.protobuf.Duration} written as an object
 * ({@code {seconds: 1, nanos: 0}}) becomes the canonical string ({@code "1s"}).
 */
public final class LegacyJson {
  private LegacyJson() {}

  /** Normalizes {@code node}, a message of type {@code type}, in place; returns the rewrites made. */
  public static List<String> normalize(JsonNode node, Descriptor type, JsonFormat.TypeRegistry registry) {
    List<String> rewrites = new ArrayList<>();
    walk(node, type, registry, "", rewrites);
    return rewrites;
  }

  private static void walk(JsonNode node, Descriptor type, JsonFormat.TypeRegistry registry, String where,
      List<String> rewrites) {
    if (!(node instanceof ObjectNode)) {
      return;
    }
    ObjectNode object = (ObjectNode) node;
    if (type.getFullName().equals("google.protobuf.Any")) {
      JsonNode url = object.get("@type");
      if (url != null && url.isTextual()) {
        String name = url.asText().substring(url.asText().lastIndexOf('/') + 1);
        Descriptor inner = registry.find(name);
        if (inner != null) {
          walk(node, inner, registry, where, rewrites);
        }
      }
      return;
    }
    for (var it = object.fields(); it.hasNext(); ) {
      var entry = it.next();
      FieldDescriptor field = find(type, entry.getKey());
      if (field == null || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      String path = where.isEmpty() ? entry.getKey() : where + "." + entry.getKey();
      if (field.isMapField()) {
        FieldDescriptor value = field.getMessageType().findFieldByName("value");
        if (value.getJavaType() == FieldDescriptor.JavaType.MESSAGE && entry.getValue().isObject()) {
          entry.getValue().fields().forEachRemaining(e -> walk(e.getValue(), value.getMessageType(), registry,
              path + "." + e.getKey(), rewrites));
        }
        continue;
      }
      Descriptor fieldType = field.getMessageType();
      if (field.isRepeated() && entry.getValue() instanceof ArrayNode) {
        ArrayNode array = (ArrayNode) entry.getValue();
        for (int i = 0; i < array.size(); i++) {
          walk(array.get(i), fieldType, registry, path + "[" + i + "]", rewrites);
        }
        continue;
      }
      if (fieldType.getFullName().equals("google.protobuf.Duration") && entry.getValue().isObject()) {
        String text = durationText(entry.getValue());
        if (text != null) {
          entry.setValue(TextNode.valueOf(text));
          rewrites.add(path + ": duration object rewritten as \"" + text + "\"");
        }
        continue;
      }
      walk(entry.getValue(), fieldType, registry, path, rewrites);
    }
  }

  private static FieldDescriptor find(Descriptor type, String name) {
    FieldDescriptor f = type.findFieldByName(name);
    if (f != null) {
      return f;
    }
    for (FieldDescriptor d : type.getFields()) {
      if (d.getJsonName().equals(name)) {
        return d;
      }
    }
    return null;
  }

  private static String durationText(JsonNode object) {
    for (var it = object.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (!n.equals("seconds") && !n.equals("nanos")) {
        return null;
      }
    }
    try {
      BigDecimal seconds = new BigDecimal(object.path("seconds").asText("0"));
      BigDecimal nanos = new BigDecimal(object.path("nanos").asText("0"));
      BigDecimal total = seconds.add(nanos.movePointLeft(9));
      return total.stripTrailingZeros().toPlainString() + "s";
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
