package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import io.envoyproxy.pgv.validate.Validate.MapRules;
import io.envoyproxy.pgv.validate.Validate.RepeatedRules;
import java.util.HashSet;
import java.util.Set;

/** What to do with one field of a message: its compiled rules and whether to descend into its message values. */
final class FieldPlan {

  private enum Shape { SCALAR, MESSAGE, REPEATED, MAP }

  private static final Set<String> WRAPPERS = Set.of("google.protobuf.DoubleValue", "google.protobuf.FloatValue",
      "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.Int32Value",
      "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
      "google.protobuf.BytesValue");

  private final FieldDescriptor field;
  private final String name;
  private final Shape shape;
  /** For singular message fields: the rule that makes them required ({@code message.required}, ...), or null. */
  private final String requiredRule;
  /** Check of each value (the value itself, each list item, or each map value); may be null. */
  private final ValueCheck check;
  /** Check of each map key; may be null. */
  private final ValueCheck keyCheck;
  /** Whether message values are validated in turn. */
  private final boolean recurse;
  // Collection rules (repeated or map); -1 when unset.
  private final long minItems;
  private final long maxItems;
  private final boolean unique;
  private final boolean ignoreEmpty;

  private FieldPlan(FieldDescriptor field, Shape shape, String requiredRule, ValueCheck check, ValueCheck keyCheck,
      boolean recurse, long minItems, long maxItems, boolean unique, boolean ignoreEmpty) {
    this.field = field;
    this.name = field.getName();
    this.shape = shape;
    this.requiredRule = requiredRule;
    this.check = check;
    this.keyCheck = keyCheck;
    this.recurse = recurse;
    this.minItems = minItems;
    this.maxItems = maxItems;
    this.unique = unique;
    this.ignoreEmpty = ignoreEmpty;
  }

  /** The plan of {@code field}, or null if the field needs no attention. */
  static FieldPlan compile(FieldDescriptor field) {
    FieldRules r = RuleOptions.rules(field);
    if (field.isMapField()) {
      FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
      FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
      MapRules mr = r != null && r.hasMap() ? r.getMap() : null;
      ValueCheck keys = mr != null && mr.hasKeys() ? compileCheck(mr.getKeys(), keyField) : null;
      ValueCheck values = mr != null && mr.hasValues() ? compileCheck(mr.getValues(), valueField) : null;
      boolean skip = mr != null && mr.getValues().getMessage().getSkip();
      boolean recurse = !skip && descends(valueField);
      if (mr == null && !recurse) {
        return null;
      }
      return new FieldPlan(field, Shape.MAP, null, values, keys, recurse,
          mr != null && mr.hasMinPairs() ? mr.getMinPairs() : -1, mr != null && mr.hasMaxPairs() ? mr.getMaxPairs() : -1,
          false, mr != null && mr.getIgnoreEmpty());
    }
    if (field.isRepeated()) {
      RepeatedRules rr = r != null && r.hasRepeated() ? r.getRepeated() : null;
      ValueCheck items = rr != null && rr.hasItems() ? compileCheck(rr.getItems(), field) : null;
      boolean skip = rr != null && rr.getItems().getMessage().getSkip() || r != null && r.getMessage().getSkip();
      boolean recurse = !skip && descends(field);
      if (rr == null && !recurse) {
        return null;
      }
      return new FieldPlan(field, Shape.REPEATED, null, items, null, recurse,
          rr != null && rr.hasMinItems() ? rr.getMinItems() : -1, rr != null && rr.hasMaxItems() ? rr.getMaxItems() : -1,
          rr != null && rr.getUnique(), rr != null && rr.getIgnoreEmpty());
    }
    ValueCheck check = r != null ? compileCheck(r, field) : null;
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return check == null ? null : new FieldPlan(field, Shape.SCALAR, null, check, null, false, -1, -1, false, false);
    }
    String required = null;
    // In a oneof, rules apply only to the member that is set, so "required" cannot fail there (as in PGV).
    if (r != null && field.getRealContainingOneof() == null) {
      if (r.getMessage().getRequired()) {
        required = "message.required";
      } else if (r.hasAny() && r.getAny().getRequired()) {
        required = "any.required";
      } else if (r.hasDuration() && r.getDuration().getRequired()) {
        required = "duration.required";
      } else if (r.hasTimestamp() && r.getTimestamp().getRequired()) {
        required = "timestamp.required";
      }
    }
    boolean recurse = !(r != null && r.getMessage().getSkip()) && descends(field);
    if (check == null && required == null && !recurse) {
      return null;
    }
    return new FieldPlan(field, Shape.MESSAGE, required, check, null, recurse, -1, -1, false, false);
  }

  /**
   * Messages are validated recursively, except well-known types other than Any: they carry no rules of their own, and
   * Struct in particular is opaque configuration.
   */
  private static boolean descends(FieldDescriptor field) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return false;
    }
    String type = field.getMessageType().getFullName();
    // Any is unpacked; Duration is checked against the range Envoy enforces on every duration.
    return !type.startsWith("google.protobuf.") || type.equals(ValidationEngine.ANY) || type.equals(ValidationEngine.DURATION);
  }

  /** The check of single values of {@code element}'s type under {@code r}, or null if the rules ask for nothing. */
  private static ValueCheck compileCheck(FieldRules r, FieldDescriptor element) {
    boolean isMessage = element.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    boolean wrapper = isMessage && WRAPPERS.contains(element.getMessageType().getFullName());
    ValueCheck scalar = switch (r.getTypeCase()) {
      case FLOAT, DOUBLE, INT32, INT64, UINT32, UINT64, SINT32, SINT64, FIXED32, FIXED64, SFIXED32, SFIXED64 -> {
        FieldDescriptor kind = FieldRules.getDescriptor().findFieldByNumber(r.getTypeCase().getNumber());
        NumericCheck n = new NumericCheck(kind.getName(), (Message) r.getField(kind));
        yield n.isEmpty() ? null : n;
      }
      case BOOL -> SimpleChecks.bool(r.getBool());
      case STRING -> new StringCheck(r.getString());
      case BYTES -> new BytesCheck(r.getBytes());
      default -> null;
    };
    if (scalar != null) {
      if (isMessage) {
        return wrapper ? SimpleChecks.wrapper(scalar) : null;
      }
      return scalar;
    }
    return switch (r.getTypeCase()) {
      case ENUM -> element.getJavaType() == FieldDescriptor.JavaType.ENUM
          ? SimpleChecks.enumeration(r.getEnum(), element.getEnumType()) : null;
      case ANY -> isMessage ? SimpleChecks.any(r.getAny()) : null;
      case DURATION -> isMessage ? TimeChecks.duration(r.getDuration()) : null;
      case TIMESTAMP -> isMessage ? TimeChecks.timestamp(r.getTimestamp()) : null;
      default -> null;
    };
  }

  void apply(Message m, ViolationSink sink, ValidationEngine engine) {
    FieldPath path = sink.path();
    switch (shape) {
      case SCALAR -> {
        if (field.hasPresence() && !m.hasField(field)) {
          return;
        }
        path.push(name);
        check.check(m.getField(field), sink);
        path.pop();
      }
      case MESSAGE -> {
        if (!m.hasField(field)) {
          if (requiredRule != null) {
            path.push(name);
            sink.error(requiredRule, "value is required");
            path.pop();
          }
          return;
        }
        path.push(name);
        applyValue(m.getField(field), sink, engine);
        path.pop();
      }
      case REPEATED -> {
        int n = m.getRepeatedFieldCount(field);
        if (n == 0 && (ignoreEmpty || minItems <= 0)) {
          return;
        }
        path.push(name);
        checkCount(n, "repeated", "min_items", "max_items", "items", sink);
        Set<Object> seen = unique ? new HashSet<>() : null;
        for (int i = 0; i < n; i++) {
          Object v = m.getRepeatedField(field, i);
          path.push(i);
          if (seen != null && !seen.add(v instanceof EnumValueDescriptor e ? e.getNumber() : v)) {
            sink.error("repeated.unique", "repeated value must contain unique items");
          }
          applyValue(v, sink, engine);
          path.pop();
        }
        path.pop();
      }
      case MAP -> {
        int n = m.getRepeatedFieldCount(field);
        if (n == 0 && (ignoreEmpty || minItems <= 0)) {
          return;
        }
        path.push(name);
        checkCount(n, "map", "min_pairs", "max_pairs", "pairs", sink);
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        for (int i = 0; i < n; i++) {
          Message entry = (Message) m.getRepeatedField(field, i);
          Object key = entry.getField(keyField);
          path.push(new FieldPath.MapKey(key));
          if (keyCheck != null) {
            String previous = sink.rulePrefix("map.keys.");
            keyCheck.check(key, sink);
            sink.rulePrefix(previous);
          }
          applyValue(entry.getField(valueField), sink, engine);
          path.pop();
        }
        path.pop();
      }
      default -> throw new IllegalStateException(shape.name());
    }
  }

  private void checkCount(int n, String kind, String minRule, String maxRule, String noun, ViolationSink sink) {
    if (minItems >= 0 && n < minItems) {
      sink.error(kind + "." + minRule, "value must contain at least " + minItems + " " + noun);
    }
    if (maxItems >= 0 && n > maxItems) {
      sink.error(kind + "." + maxRule, "value must contain no more than " + maxItems + " " + noun);
    }
  }

  private void applyValue(Object v, ViolationSink sink, ValidationEngine engine) {
    if (check != null) {
      check.check(v, sink);
    }
    if (recurse) {
      engine.validateNested((Message) v, sink);
    }
  }
}
