package io.hango.model.io.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.Durations;
import io.hango.model.internal.FieldPaths;
import io.hango.model.validation.Suggestions;
import io.hango.model.io.DocumentPositions;
import io.hango.model.validation.Problem;
import io.hango.model.validation.Severity;
import io.hango.model.validation.SourceLocation;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a document's tree against the {@link Shape} of the model, collecting every structural
 * problem (unknown fields, wrong value types, bad enum values, missing required fields) instead of
 * stopping at the first, as Jackson would. A tree that passes binds without error.
 *
 * <p>Fields written as {@code null} are removed from the tree: they mean "not set", as in
 * Kubernetes manifests. Internal.
 */
final class StructureChecker {

  private final String resource;
  private final DocumentPositions positions;
  private final List<Problem> problems;

  /** With {@code positions} null, problems have no location (a tree not read from a file). */
  StructureChecker(String resource, DocumentPositions positions, List<Problem> problems) {
    this.resource = resource;
    this.positions = positions;
    this.problems = problems;
  }

  /** Checks {@code node} at {@code path} against the shape of {@code type}. */
  void check(JsonNode node, Type type, String path) {
    Shape shape = Shapes.of(type);
    if (shape instanceof Shape.Text) {
      if (!node.isTextual()) {
        String quote = node.isValueNode() ? " (quote it: \"" + node.asText() + "\")" : "";
        error(path, "expected a string, found " + describe(node) + quote);
      }
    } else if (shape instanceof Shape.WholeNumber n) {
      checkWholeNumber(node, n, path);
    } else if (shape instanceof Shape.Decimal) {
      if (!node.isNumber()) {
        error(path, "expected a number, found " + describe(node));
      }
    } else if (shape instanceof Shape.Bool) {
      if (!node.isBoolean()) {
        error(path, "expected true or false, found " + describe(node));
      }
    } else if (shape instanceof Shape.DurationText) {
      checkDuration(node, path);
    } else if (shape instanceof Shape.OneOfNames names) {
      checkName(node, names.names(), path);
    } else if (shape instanceof Shape.ListOf list) {
      checkList(node, list.element(), path);
    } else if (shape instanceof Shape.MapOf map) {
      checkMap(node, map.value(), path);
    } else if (shape instanceof Shape.AnyObject) {
      if (!node.isObject()) {
        error(path, "expected an object, found " + describe(node));
      }
    } else if (shape instanceof Shape.Struct struct) {
      if (node.isObject()) {
        checkStruct((ObjectNode) node, struct, path, Set.of());
      } else {
        error(path, "expected an object, found " + describe(node));
      }
    } else if (shape instanceof Shape.Polymorphic poly) {
      checkPolymorphic(node, poly, path);
    } else if (shape instanceof Shape.Shorthand shorthand) {
      if (node.isObject()) {
        checkStruct((ObjectNode) node, Shapes.struct(shorthand.type()), path, Set.of());
      } else if (!node.isTextual()) {
        error(path, "expected a string or an object, found " + describe(node));
      }
    }
  }

  /** Checks the fields of {@code node} against {@code struct}; {@code extra} names fields handled by the caller. */
  void checkStruct(ObjectNode node, Shape.Struct struct, String path, Set<String> extra) {
    Map<String, Shape.Property> props = struct.properties();
    List<String> nulls = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      String child = FieldPaths.field(path, name);
      if (extra.contains(name)) {
        continue;
      }
      Shape.Property p = props.get(name);
      if (p == null) {
        List<String> known = new ArrayList<>(props.keySet());
        known.addAll(extra);
        problems.add(problem(positions == null ? null : positions.key(child).orElse(positions.nearest(child)), child,
            "unknown field '" + name + "'" + Suggestions.hint(name, known)));
      } else if (field.getValue().isNull()) {
        nulls.add(name);
      } else {
        check(field.getValue(), p.type(), child);
      }
    }
    node.remove(nulls);
    for (Shape.Property p : props.values()) {
      if (p.required() && !node.has(p.name())) {
        error(FieldPaths.field(path, p.name()), "required field '" + p.name() + "' is missing");
      }
    }
  }

  private void checkPolymorphic(JsonNode node, Shape.Polymorphic poly, String path) {
    if (!node.isObject()) {
      error(path, "expected an object, found " + describe(node));
      return;
    }
    String child = FieldPaths.field(path, poly.property());
    JsonNode type = node.get(poly.property());
    String choices = String.join(", ", poly.subtypes().keySet());
    if (type == null || type.isNull()) {
      error(child, "required field '" + poly.property() + "' is missing; one of " + choices);
      return;
    }
    Class<?> subtype = type.isTextual() ? poly.subtypes().get(type.asText()) : null;
    if (subtype == null && type.isTextual() && poly.fallback() != null && !type.asText().isBlank()) {
      // A type the model does not know: its own provider checks what is under 'settings'.
      int before = problems.size();
      checkStruct((ObjectNode) node, Shapes.struct(poly.fallback()), path, Set.of(poly.property()));
      for (int i = before; i < problems.size(); i++) {
        Problem p = problems.get(i);
        if (p.message().startsWith("unknown field") && !p.message().contains(";")) {
          problems.set(i, new Problem(p.severity(), p.location(), p.resource(), p.path(), p.message()
              + "; type '" + type.asText() + "' is not built in (" + choices + "), so its settings go under 'settings'"));
        }
      }
      return;
    }
    if (subtype == null) {
      String hint = type.isTextual() ? Suggestions.hint(type.asText(), poly.subtypes().keySet()) : "";
      error(child, describe(type) + " is not one of " + choices + hint);
      return;
    }
    checkStruct((ObjectNode) node, Shapes.struct(subtype), path, Set.of(poly.property()));
  }

  private void checkWholeNumber(JsonNode node, Shape.WholeNumber n, String path) {
    if (!node.isIntegralNumber()) {
      error(path, "expected a whole number, found " + describe(node));
      return;
    }
    BigInteger v = node.bigIntegerValue();
    if (v.compareTo(BigInteger.valueOf(n.min())) < 0 || v.compareTo(BigInteger.valueOf(n.max())) > 0) {
      error(path, v + " is out of range (" + n.min() + " to " + n.max() + ")");
    }
  }

  private void checkDuration(JsonNode node, String path) {
    if (!node.isValueNode() || node.isNull()) {
      error(path, "expected a duration such as 5s, found " + describe(node));
      return;
    }
    try {
      Durations.parse(node.asText());
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage());
    }
  }

  private void checkName(JsonNode node, List<String> names, String path) {
    if (node.isTextual()) {
      for (String n : names) {
        if (n.toLowerCase(Locale.ROOT).equals(node.asText().toLowerCase(Locale.ROOT))) {
          return;
        }
      }
    }
    String hint = node.isTextual() ? Suggestions.hint(node.asText(), names) : "";
    error(path, describe(node) + " is not one of " + String.join(", ", names) + hint);
  }

  private void checkList(JsonNode node, Type element, String path) {
    if (!node.isArray()) {
      error(path, "expected a list, found " + describe(node));
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      String child = FieldPaths.index(path, i);
      if (node.get(i).isNull()) {
        error(child, "a list element cannot be null");
      } else {
        check(node.get(i), element, child);
      }
    }
  }

  private void checkMap(JsonNode node, Type value, String path) {
    if (!node.isObject()) {
      error(path, "expected an object, found " + describe(node));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = FieldPaths.field(path, e.getKey());
      if (e.getValue().isNull()) {
        error(child, "a value is required");
      } else {
        check(e.getValue(), value, child);
      }
    }
  }

  private void error(String path, String message) {
    problems.add(problem(positions == null ? null : positions.nearest(path), path, message));
  }

  private Problem problem(SourceLocation at, String path, String message) {
    return new Problem(Severity.ERROR, Optional.ofNullable(at), resource, path, message);
  }

  /** A node as a person reads it in a message: {@code text "abc"}, {@code number 5}, {@code a list}. */
  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "'" + node.asText() + "'";
    }
    if (node.isNumber()) {
      return "number " + node.asText();
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }
}
