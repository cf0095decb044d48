package io.hango.model.io.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the OpenAPI v3 schema of a model type from its {@link Shape}, as a Kubernetes
 * <em>structural</em> schema: every node has a {@code type} (or preserves unknown fields), no
 * {@code $ref}, never {@code properties} and {@code additionalProperties} together, no
 * {@code additionalProperties: false} (unknown fields are left to pruning and strict field
 * validation). Properties and {@code required} are in sorted order, so the same model always gives
 * the same text. No descriptions: the model has none to give at run time. Internal.
 */
public final class SchemaWriter {

  /** The Kubernetes extension that lets a node hold fields the schema does not name. */
  public static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";

  /**
   * What {@link io.hango.model.Durations#parse} accepts: number + unit parts, each unit at most
   * once, largest first ({@code h}, {@code m}, {@code s}, {@code ms}), with {@code minLength: 1}
   * ruling out the empty string. Only the size of the numbers is not expressed: a part too large for
   * a {@code long} is rejected by the parser, not by this pattern. Anchored, because patterns
   * search; no look-around or inline flags, so ECMA-262, RE2 (Kubernetes) and Java read it alike.
   */
  public static final String DURATION_PATTERN = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$";

  /** Regex syntax characters, escaped with a backslash in a name (valid in ECMA-262, RE2 and Java). */
  private static final String REGEX_SYNTAX = "\\^$.|?*+()[]{}";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The struct and polymorphic types being written, outermost first: a type met again is recursive. */
  private final List<Type> writing = new ArrayList<>();

  private SchemaWriter() {}

  /** The schema of values of {@code type}, a model type (or a type of one of its properties). */
  public static ObjectNode schemaOf(Type type) {
    return new SchemaWriter().write(type);
  }

  /**
   * An object schema with these properties: {@code type: object}, {@code properties} (always, even
   * when empty: an object with no fields is still closed) and {@code required} when not empty,
   * both in sorted order.
   */
  public static ObjectNode object(SortedMap<String, ObjectNode> properties, SortedSet<String> required) {
    ObjectNode o = typed("object");
    ObjectNode props = o.putObject("properties");
    properties.forEach(props::set);
    if (!required.isEmpty()) {
      ArrayNode r = o.putArray("required");
      required.forEach(r::add);
    }
    return o;
  }

  /** {@code {type: string}}. */
  public static ObjectNode string() {
    return typed("string");
  }

  /**
   * A pattern matching exactly {@code names}, ignoring case the way the structure check does
   * ({@code toLowerCase(Locale.ROOT)} on both sides), for ASCII letters: each letter is written as
   * a class of its two cases, because ECMA-262, the dialect of OpenAPI, has no inline {@code (?i)}.
   */
  private static String caseInsensitivePattern(List<String> names) {
    StringBuilder sb = new StringBuilder("^(");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append('|');
      }
      for (char c : names.get(i).toCharArray()) {
        char lower = Character.toLowerCase(c);
        char upper = Character.toUpperCase(c);
        if (c < 128 && Character.isLetter(c) && lower != upper) {
          sb.append('[').append(upper).append(lower).append(']');
        } else {
          if (REGEX_SYNTAX.indexOf(c) >= 0) {
            sb.append('\\');
          }
          sb.append(c);
        }
      }
    }
    return sb.append(")$").toString();
  }

  private ObjectNode write(Type type) {
    Shape shape = Shapes.of(type);
    if (shape instanceof Shape.Text) {
      return string();
    }
    if (shape instanceof Shape.WholeNumber n) {
      return wholeNumber(n);
    }
    if (shape instanceof Shape.Decimal) {
      return typed("number");
    }
    if (shape instanceof Shape.Bool) {
      return typed("boolean");
    }
    if (shape instanceof Shape.DurationText) {
      ObjectNode s = string();
      s.put("minLength", 1);
      s.put("pattern", DURATION_PATTERN);
      return s;
    }
    if (shape instanceof Shape.OneOfNames names) {
      // The mappers and the structure check match enum names ignoring case
      // (ACCEPT_CASE_INSENSITIVE_ENUMS): an `enum` of the documented spellings would make a
      // cluster reject documents that the file reader accepts, so the two would drift. A
      // case-insensitive pattern accepts exactly what the reader does (for ASCII).
      ObjectNode s = string();
      s.put("pattern", caseInsensitivePattern(names.names()));
      return s;
    }
    if (shape instanceof Shape.ListOf list) {
      ObjectNode s = typed("array");
      s.set("items", write(list.element()));
      return s;
    }
    if (shape instanceof Shape.MapOf map) {
      ObjectNode s = typed("object");
      s.set("additionalProperties", write(map.value()));
      return s;
    }
    if (shape instanceof Shape.AnyObject) {
      return freeObject();
    }
    if (shape instanceof Shape.Struct struct) {
      return struct(struct);
    }
    if (shape instanceof Shape.Polymorphic poly) {
      return polymorphic(poly, type);
    }
    throw new IllegalStateException("no schema for the shape " + shape + " of " + type.getTypeName());
  }

  private static ObjectNode wholeNumber(Shape.WholeNumber n) {
    boolean int32 = n.min() >= Integer.MIN_VALUE && n.max() <= Integer.MAX_VALUE;
    ObjectNode s = typed("integer");
    s.put("format", int32 ? "int32" : "int64");
    // The format already bounds the value to the Java type's range: say only what is narrower.
    if (n.min() > (int32 ? Integer.MIN_VALUE : Long.MIN_VALUE)) {
      s.put("minimum", n.min());
    }
    if (n.max() < (int32 ? Integer.MAX_VALUE : Long.MAX_VALUE)) {
      s.put("maximum", n.max());
    }
    return s;
  }

  private ObjectNode struct(Shape.Struct struct) {
    enter(struct.type());
    SortedMap<String, ObjectNode> props = new TreeMap<>();
    SortedSet<String> required = new TreeSet<>();
    for (Shape.Property p : struct.properties().values()) {
      props.put(p.name(), write(p.type()));
      if (p.required()) {
        required.add(p.name());
      }
    }
    leave();
    return object(props, required);
  }

  /**
   * One object schema for all the subtypes, since a structural schema cannot choose its
   * properties by the value of another: the union of their properties (a property is required
   * only when every subtype requires it), and the naming property, required, as a string. What a
   * single subtype requires, or forbids, is left to the reader's structure check.
   */
  private ObjectNode polymorphic(Shape.Polymorphic poly, Type type) {
    enter(type);
    // A fallback whose own fields are free (an object of any shape) cannot be closed by any
    // list of properties: keep unknown fields, or a cluster would prune them. A fallback with
    // fixed fields (a registry's Custom: its free part is its `settings` object, written as a
    // free object below) joins the union like any subtype.
    boolean freeFallback = poly.fallback() != null && Shapes.of(poly.fallback()) instanceof Shape.AnyObject;
    List<Shape.Struct> variants = new ArrayList<>();
    poly.subtypes().values().forEach(c -> variants.add(Shapes.struct(c)));
    if (poly.fallback() != null && !freeFallback) {
      variants.add(Shapes.struct(poly.fallback()));
    }
    SortedMap<String, ObjectNode> props = new TreeMap<>();
    Set<String> disagreeing = new TreeSet<>();
    Map<String, Integer> requiredBy = new TreeMap<>();
    for (Shape.Struct v : variants) {
      for (Shape.Property p : v.properties().values()) {
        if (p.name().equals(poly.property())) {
          continue; // the naming property is written below, as the structure check reads it
        }
        ObjectNode s = write(p.type());
        ObjectNode before = props.putIfAbsent(p.name(), s);
        if (before != null && !before.equals(s)) {
          disagreeing.add(p.name());
        }
        if (p.required()) {
          requiredBy.merge(p.name(), 1, Integer::sum);
        }
      }
    }
    // Subtypes that give one name different shapes: no single type fits, so the property is kept
    // (a field of the model is never pruned) as a node that takes any value, and the structure
    // check, which knows the subtype, checks it. No subtype of the model does this today.
    for (String name : disagreeing) {
      ObjectNode any = NODES.objectNode();
      any.put(PRESERVE_UNKNOWN_FIELDS, true);
      props.put(name, any);
    }
    ObjectNode discriminator = string();
    if (poly.fallback() == null) {
      ArrayNode names = discriminator.putArray("enum");
      poly.subtypes().keySet().forEach(names::add);
    } else {
      // Any name is a type served by its own provider, but not a blank one (the structure check
      // rejects it); `\S` is that check, up to what counts as white space beyond ASCII.
      discriminator.put("pattern", "\\S");
    }
    props.put(poly.property(), discriminator);
    SortedSet<String> required = requiredBy.entrySet().stream()
        .filter(e -> e.getValue() == variants.size())
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
    required.add(poly.property());
    leave();
    ObjectNode o = object(props, required);
    if (freeFallback) {
      o.put(PRESERVE_UNKNOWN_FIELDS, true);
    }
    return o;
  }

  private void enter(Type type) {
    if (writing.contains(type)) {
      List<Type> cycle = writing.subList(writing.indexOf(type), writing.size());
      throw new IllegalStateException("the model type " + type.getTypeName() + " contains itself ("
          + cycle.stream().map(Type::getTypeName).collect(Collectors.joining(" -> ")) + " -> "
          + type.getTypeName() + "): a structural schema has no $ref to express it");
    }
    writing.add(type);
  }

  private void leave() {
    writing.remove(writing.size() - 1);
  }

  private static ObjectNode freeObject() {
    ObjectNode s = typed("object");
    s.put(PRESERVE_UNKNOWN_FIELDS, true);
    return s;
  }

  private static ObjectNode typed(String type) {
    ObjectNode s = NODES.objectNode();
    s.put("type", type);
    return s;
  }
}
