package io.hango.routesim.internal;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.type.matcher.v3.DoubleMatcher;
import io.envoyproxy.envoy.type.matcher.v3.MetadataMatcher;
import io.envoyproxy.envoy.type.matcher.v3.ValueMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One compiled dynamic-metadata {@link MetadataMatcher}, as Envoy's {@code Matchers::MetadataMatcher}. */
public final class MetadataCondition {
  private final String filter;
  private final List<String> path;
  private final ValueCheck check;
  private final boolean invert;

  private interface ValueCheck {
    boolean test(Value value);
  }

  private MetadataCondition(String filter, List<String> path, ValueCheck check, boolean invert) {
    this.filter = filter;
    this.path = path;
    this.check = check;
    this.invert = invert;
  }

  public static MetadataCondition compile(MetadataMatcher m, Problems problems, String where) {
    List<String> path = new ArrayList<>();
    m.getPathList().forEach(seg -> path.add(seg.getKey()));
    return new MetadataCondition(m.getFilter(), path,
        compileValue(m.getValue(), problems, where + ".value"), m.getInvert());
  }

  private static ValueCheck compileValue(ValueMatcher vm, Problems problems, String where) {
    switch (vm.getMatchPatternCase()) {
      case NULL_MATCH:
        return v -> v.getKindCase() == Value.KindCase.NULL_VALUE;
      case DOUBLE_MATCH: {
        DoubleMatcher d = vm.getDoubleMatch();
        return v -> v.getKindCase() == Value.KindCase.NUMBER_VALUE && (d.hasRange()
            ? v.getNumberValue() >= d.getRange().getStart() && v.getNumberValue() < d.getRange().getEnd()
            : v.getNumberValue() == d.getExact());
      }
      case STRING_MATCH: {
        StringMatch sm = StringMatch.compile(vm.getStringMatch(), problems, where + ".string_match");
        return v -> v.getKindCase() == Value.KindCase.STRING_VALUE && sm.matches(v.getStringValue());
      }
      case BOOL_MATCH: {
        boolean expected = vm.getBoolMatch();
        return v -> v.getKindCase() == Value.KindCase.BOOL_VALUE && v.getBoolValue() == expected;
      }
      case PRESENT_MATCH: {
        boolean present = vm.getPresentMatch();
        return v -> present && v.getKindCase() != Value.KindCase.KIND_NOT_SET;
      }
      case LIST_MATCH: {
        ValueCheck element = compileValue(vm.getListMatch().getOneOf(), problems, where + ".list_match.one_of");
        return v -> v.getKindCase() == Value.KindCase.LIST_VALUE
            && v.getListValue().getValuesList().stream().anyMatch(element::test);
      }
      case OR_MATCH: {
        List<ValueCheck> checks = new ArrayList<>();
        for (int i = 0; i < vm.getOrMatch().getValueMatchersCount(); i++) {
          checks.add(compileValue(vm.getOrMatch().getValueMatchers(i), problems,
              where + ".or_match.value_matchers[" + i + "]"));
        }
        return v -> checks.stream().anyMatch(c -> c.test(v));
      }
      default:
        problems.add(where, "value matcher must be set");
        return v -> false;
    }
  }

  public boolean matches(Map<String, Struct> metadata) {
    Value value = lookup(metadata);
    return check.test(value) != invert;
  }

  private Value lookup(Map<String, Struct> metadata) {
    Struct struct = metadata.get(filter);
    if (struct == null || path.isEmpty()) {
      return Value.getDefaultInstance();
    }
    Value current = null;
    for (String key : path) {
      if (current != null) {
        if (current.getKindCase() != Value.KindCase.STRUCT_VALUE) {
          return Value.getDefaultInstance();
        }
        struct = current.getStructValue();
      }
      current = struct.getFieldsMap().get(key);
      if (current == null) {
        return Value.getDefaultInstance();
      }
    }
    return current;
  }
}
