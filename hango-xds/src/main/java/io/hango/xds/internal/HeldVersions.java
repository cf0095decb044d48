package io.hango.xds.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a Delta client holds of one type: name to version, or {@link #ABSENT} for a name it was
 * told does not exist. The version of the held set ({@link ResourceVersions#setVersion(Map)}
 * over the held pairs) is kept up to date as entries change, so it costs what changed, not what
 * is held.
 */
final class HeldVersions {

  /** Marks a subscribed name the client was told does not exist, so it is told only once. */
  static final String ABSENT = "";

  private final Map<String, String> versions = new HashMap<>();
  private long sumHigh;
  private long sumLow;
  private int held;

  String get(String name) {
    return versions.get(name);
  }

  boolean containsKey(String name) {
    return versions.containsKey(name);
  }

  void put(String name, String version) {
    uncount(name, versions.put(name, version));
    count(name, version, 1);
  }

  void putAll(Map<String, String> entries) {
    entries.forEach(this::put);
  }

  void remove(String name) {
    uncount(name, versions.remove(name));
  }

  /** Forgets every name not in {@code keep}. */
  void retainOnly(Set<String> keep) {
    versions.keySet().stream().filter(n -> !keep.contains(n)).toList().forEach(this::remove);
  }

  void forEach(BiConsumer<String, String> action) {
    versions.forEach(action);
  }

  /** Names with a version (not {@link #ABSENT}). */
  int held() {
    return held;
  }

  /** The version of the held pairs. */
  String version() {
    return ResourceVersions.setVersion(sumHigh, sumLow);
  }

  private void uncount(String name, String version) {
    if (version != null) {
      count(name, version, -1);
    }
  }

  private void count(String name, String version, int sign) {
    if (ABSENT.equals(version)) {
      return;
    }
    long[] p = ResourceVersions.pairHash(name, version);
    sumHigh += sign * p[0];
    sumLow += sign * p[1];
    held += sign;
  }
}
