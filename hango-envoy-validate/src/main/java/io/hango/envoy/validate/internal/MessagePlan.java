package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The compiled rules of one message type: required oneofs, the fields that need attention, and semantic extras. */
final class MessagePlan {

  /** Envoy's RE2 matchers; their {@code regex} must compile, which no proto rule can say. */
  private static final Set<String> REGEX_MATCHERS =
      Set.of("envoy.type.matcher.v3.RegexMatcher", "xds.type.matcher.v3.RegexMatcher");

  final boolean disabled;
  final List<OneofDescriptor> requiredOneofs;
  final List<FieldPlan> fields;
  /** The {@code regex} field if this type is an RE2 matcher, else null. */
  final FieldDescriptor regexField;

  private MessagePlan(boolean disabled, List<OneofDescriptor> requiredOneofs, List<FieldPlan> fields,
      FieldDescriptor regexField) {
    this.disabled = disabled;
    this.requiredOneofs = requiredOneofs;
    this.fields = fields;
    this.regexField = regexField;
  }

  static MessagePlan compile(Descriptor type) {
    if (RuleOptions.disabled(type)) {
      return new MessagePlan(true, List.of(), List.of(), null);
    }
    List<OneofDescriptor> oneofs = new ArrayList<>();
    for (OneofDescriptor o : type.getRealOneofs()) {
      if (RuleOptions.required(o)) {
        oneofs.add(o);
      }
    }
    List<FieldPlan> fields = new ArrayList<>();
    for (FieldDescriptor f : type.getFields()) {
      FieldPlan plan = FieldPlan.compile(f);
      if (plan != null) {
        fields.add(plan);
      }
    }
    FieldDescriptor regex = REGEX_MATCHERS.contains(type.getFullName()) ? type.findFieldByName("regex") : null;
    return new MessagePlan(false, List.copyOf(oneofs), List.copyOf(fields), regex);
  }
}
