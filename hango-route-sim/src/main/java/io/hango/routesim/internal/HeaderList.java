package io.hango.routesim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A mutable, ordered, multi-valued header map with lower-cased names, behaving like Envoy's
 * {@code HeaderMapImpl} for the operations the router uses.
 */
public final class HeaderList {
  private final List<Map.Entry<String, String>> entries = new ArrayList<>();

  public HeaderList() {}

  public HeaderList(HeaderList other) {
    entries.addAll(other.entries);
  }

  public static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public void add(String name, String value) {
    entries.add(Map.entry(lower(name), value));
  }

  /** Replaces every value of {@code name} with one value, like {@code setReferenceKey}. */
  public void set(String name, String value) {
    String key = lower(name);
    int first = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).getKey().equals(key)) {
        first = i;
        break;
      }
    }
    remove(key);
    if (first < 0 || first > entries.size()) {
      entries.add(Map.entry(key, value));
    } else {
      entries.add(first, Map.entry(key, value));
    }
  }

  public void remove(String name) {
    String key = lower(name);
    entries.removeIf(e -> e.getKey().equals(key));
  }

  public List<String> getAll(String name) {
    String key = lower(name);
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equals(key)) {
        values.add(e.getValue());
      }
    }
    return values;
  }

  /** The first value, as Envoy's {@code get(...)[0]}. */
  public Optional<String> first(String name) {
    String key = lower(name);
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equals(key)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The value or the empty string, as Envoy's {@code getXxxValue()} accessors. */
  public String value(String name) {
    return first(name).orElse("");
  }

  /** All values joined with a comma, as Envoy's {@code getAllOfHeaderAsString}. */
  public Optional<String> joined(String name) {
    List<String> values = getAll(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
  }

  public boolean contains(String name) {
    return first(name).isPresent();
  }

  public List<Map.Entry<String, String>> entries() {
    return List.copyOf(entries);
  }
}
