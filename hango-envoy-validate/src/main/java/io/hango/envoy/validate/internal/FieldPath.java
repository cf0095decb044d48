package io.hango.envoy.validate.internal;

import java.util.Arrays;

/**
 * A mutable field path, pushed and popped while walking a message. Segments are kept unformatted so that walking a valid
 * message allocates almost nothing; the path is rendered only when a violation is reported.
 */
public final class FieldPath {

  /** The full name of the type unpacked from an {@code Any}, rendered as {@code <type>}. */
  public record TypeNote(String typeName) {}

  /** A map key, rendered as {@code ["key"]} for strings and {@code [key]} otherwise. */
  public record MapKey(Object key) {}

  private Object[] segments = new Object[32];
  private int size;

  /** Pushes a field name. */
  public void push(String fieldName) {
    add(fieldName);
  }

  /** Pushes a list index. */
  public void push(int index) {
    add(index);
  }

  /** Pushes a map key or a type note. */
  public void push(Object segment) {
    add(segment);
  }

  /** Removes the last segment. */
  public void pop() {
    segments[--size] = null;
  }

  /** Renders the path, e.g. {@code virtual_hosts[0].routes[2].route.cluster}. */
  public String render() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < size; i++) {
      Object s = segments[i];
      if (s instanceof String name) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(name);
      } else if (s instanceof Integer index) {
        b.append('[').append(index).append(']');
      } else if (s instanceof MapKey key) {
        b.append('[');
        if (key.key() instanceof String str) {
          b.append('"').append(str).append('"');
        } else {
          b.append(key.key());
        }
        b.append(']');
      } else if (s instanceof TypeNote note) {
        b.append('<').append(note.typeName()).append('>');
      }
    }
    return b.toString();
  }

  /** Renders the path with one more field name appended, without changing it. */
  public String render(String fieldName) {
    push(fieldName);
    try {
      return render();
    } finally {
      pop();
    }
  }

  private void add(Object segment) {
    if (size == segments.length) {
      segments = Arrays.copyOf(segments, size * 2);
    }
    segments[size++] = segment;
  }
}
