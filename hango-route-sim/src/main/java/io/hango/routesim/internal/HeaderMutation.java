package io.hango.routesim.internal;

import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One level of {@code *_headers_to_add} / {@code *_headers_to_remove}, evaluated like Envoy's
 * {@code HeaderParser::evaluateHeaders}: removals first, then every value is formatted against
 * the headers as they were, then overwrites are applied, then appends.
 */
public final class HeaderMutation {
  public static final HeaderMutation EMPTY = new HeaderMutation(List.of(), List.of());

  private record Add(String key, String value, HeaderAppendAction action, boolean keepEmpty) {}

  private final List<Add> adds;
  private final List<String> removes;

  private HeaderMutation(List<Add> adds, List<String> removes) {
    this.adds = adds;
    this.removes = removes;
  }

  @SuppressWarnings("deprecation")
  public static HeaderMutation compile(List<HeaderValueOption> toAdd, List<String> toRemove,
      Problems problems, String where) {
    List<Add> adds = new ArrayList<>();
    for (int i = 0; i < toAdd.size(); i++) {
      HeaderValueOption o = toAdd.get(i);
      HeaderAppendAction action = o.getAppendAction();
      if (o.hasAppend()) {
        if (action != HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD) {
          problems.add(where + "_to_add[" + i + "]", "both append and append_action are set");
        }
        action = o.getAppend().getValue() ? HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD
            : HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD;
      }
      String key = o.getHeader().getKey();
      if (key.isEmpty()) {
        problems.add(where + "_to_add[" + i + "].header.key", "must not be empty");
      }
      if (key.startsWith(":") || HeaderList.lower(key).equals("host")) {
        problems.add(where + "_to_add[" + i + "].header.key",
            "':'-prefixed or host headers may not be modified");
      }
      String value = o.getHeader().getValue().isEmpty() && !o.getHeader().getRawValue().isEmpty()
          ? o.getHeader().getRawValue().toStringUtf8() : o.getHeader().getValue();
      adds.add(new Add(HeaderList.lower(key), value, action, o.getKeepEmptyValue()));
    }
    List<String> removes = new ArrayList<>();
    for (int i = 0; i < toRemove.size(); i++) {
      String name = toRemove.get(i);
      if (name.startsWith(":") || HeaderList.lower(name).equals("host")) {
        problems.add(where + "_to_remove[" + i + "]", "':'-prefixed or host headers may not be removed");
      }
      removes.add(HeaderList.lower(name));
    }
    if (adds.isEmpty() && removes.isEmpty()) {
      return EMPTY;
    }
    return new HeaderMutation(List.copyOf(adds), List.copyOf(removes));
  }

  public void apply(HeaderList headers, HeaderFormatter.Context context, List<String> notes) {
    for (String name : removes) {
      headers.remove(name);
    }
    List<Map.Entry<String, String>> toAdd = new ArrayList<>();
    List<Map.Entry<String, String>> toOverwrite = new ArrayList<>();
    for (Add add : adds) {
      String value = HeaderFormatter.format(add.value(), context, notes);
      if (value.isEmpty() && !add.keepEmpty()) {
        continue;
      }
      switch (add.action()) {
        case ADD_IF_ABSENT:
          if (!headers.contains(add.key())) {
            toAdd.add(Map.entry(add.key(), value));
          }
          break;
        case OVERWRITE_IF_EXISTS:
          if (headers.contains(add.key())) {
            toOverwrite.add(Map.entry(add.key(), value));
          }
          break;
        case OVERWRITE_IF_EXISTS_OR_ADD:
          toOverwrite.add(Map.entry(add.key(), value));
          break;
        default:
          toAdd.add(Map.entry(add.key(), value));
          break;
      }
    }
    toOverwrite.forEach(e -> headers.set(e.getKey(), e.getValue()));
    toAdd.forEach(e -> headers.add(e.getKey(), e.getValue()));
  }
}
