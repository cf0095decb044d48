package io.hango.envoy.validate.internal;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate.AnyRules;
import io.envoyproxy.pgv.validate.Validate.BoolRules;
import io.envoyproxy.pgv.validate.Validate.EnumRules;
import java.util.HashSet;
import java.util.Set;

/** The small rule kinds: bool, enum, Any type URLs, and the unwrapping of wrapper types. */
final class SimpleChecks {

  private SimpleChecks() {}

  /** {@code validate.rules.bool.const}. */
  static ValueCheck bool(BoolRules r) {
    if (!r.hasConst()) {
      return null;
    }
    boolean expected = r.getConst();
    return (value, sink) -> {
      if ((Boolean) value != expected) {
        sink.error("bool.const", "value must equal " + expected);
      }
    };
  }

  /** {@code validate.rules.enum}: const, defined_only, in, not_in (on numbers). */
  static ValueCheck enumeration(EnumRules r, EnumDescriptor type) {
    Set<Integer> in = new HashSet<>(r.getInList());
    Set<Integer> notIn = new HashSet<>(r.getNotInList());
    return (value, sink) -> {
      int number = ((EnumValueDescriptor) value).getNumber();
      if (r.hasConst() && number != r.getConst()) {
        sink.error("enum.const", "value must equal " + r.getConst());
      }
      if (r.getDefinedOnly() && type.findValueByNumber(number) == null) {
        sink.error("enum.defined_only", "value " + number + " must be one of the defined values of " + type.getFullName());
      }
      if (!in.isEmpty() && !in.contains(number)) {
        sink.error("enum.in", "value must be in list " + r.getInList());
      }
      if (notIn.contains(number)) {
        sink.error("enum.not_in", "value must not be in list " + r.getNotInList());
      }
    };
  }

  /** {@code validate.rules.any.in} / {@code not_in} on the type URL; {@code required} is checked by the field. */
  static ValueCheck any(AnyRules r) {
    if (r.getInCount() == 0 && r.getNotInCount() == 0) {
      return null;
    }
    Set<String> in = new HashSet<>(r.getInList());
    Set<String> notIn = new HashSet<>(r.getNotInList());
    return (value, sink) -> {
      Message any = (Message) value;
      String url = (String) any.getField(any.getDescriptorForType().findFieldByNumber(1));
      if (!in.isEmpty() && !in.contains(url)) {
        sink.error("any.in", "type URL must be in list " + r.getInList());
      }
      if (notIn.contains(url)) {
        sink.error("any.not_in", "type URL must not be in list " + r.getNotInList());
      }
    };
  }

  /** Applies {@code inner} to the {@code value} of a set {@code google.protobuf.*Value} wrapper. */
  static ValueCheck wrapper(ValueCheck inner) {
    return (value, sink) -> {
      Message wrapper = (Message) value;
      FieldDescriptor fd = wrapper.getDescriptorForType().findFieldByNumber(1);
      inner.check(wrapper.getField(fd), sink);
    };
  }
}
