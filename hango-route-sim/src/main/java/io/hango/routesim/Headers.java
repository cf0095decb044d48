package io.hango.routesim;

import static java.util.Objects.requireNonNull;

import io.hango.routesim.internal.HeaderList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, ordered, multi-valued list of HTTP headers with case-insensitive names (names are
 * stored lower-cased, as Envoy does). Pseudo-headers such as {@code :authority} and {@code :path}
 * are ordinary entries.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(List.of());

  private final List<Map.Entry<String, String>> entries;

  private Headers(List<Map.Entry<String, String>> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No headers. */
  public static Headers empty() {
    return EMPTY;
  }

  /** Headers from name/value pairs: {@code Headers.of("a", "1", "b", "2")}. */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Headers h = EMPTY;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h = h.with(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  static Headers copyOf(HeaderList list) {
    return new Headers(list.entries());
  }

  HeaderList toList() {
    HeaderList list = new HeaderList();
    entries.forEach(e -> list.add(e.getKey(), e.getValue()));
    return list;
  }

  /** A copy with one more value for {@code name} (existing values are kept). */
  public Headers with(String name, String value) {
    requireNonNull(name, "name");
    requireNonNull(value, "value");
    List<Map.Entry<String, String>> copy = new ArrayList<>(entries);
    copy.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
    return new Headers(copy);
  }

  /** A copy without any value of {@code name}. */
  public Headers without(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    List<Map.Entry<String, String>> copy = new ArrayList<>(entries);
    copy.removeIf(e -> e.getKey().equals(key));
    return new Headers(copy);
  }

  /** The first value of {@code name}. */
  public Optional<String> get(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return entries.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst();
  }

  /** Every value of {@code name}, in order. */
  public List<String> getAll(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return entries.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
  }

  /** All values of {@code name} joined with {@code ","}, as Envoy's header matchers see them. */
  public Optional<String> joined(String name) {
    List<String> all = getAll(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(String.join(",", all));
  }

  /** Whether {@code name} has at least one value. */
  public boolean contains(String name) {
    return get(name).isPresent();
  }

  /** All entries in order, names lower-cased. */
  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  /** Whether there are no headers. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers && ((Headers) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
