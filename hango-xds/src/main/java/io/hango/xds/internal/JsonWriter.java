package io.hango.xds.internal;

import java.time.Instant;

/**
 * A minimal streaming JSON writer, so the status endpoint needs no JSON library. It trusts
 * its caller to nest correctly; it only handles commas and string escaping.
 */
public final class JsonWriter {

  private final StringBuilder out = new StringBuilder();
  // true when the next value in the current container needs a comma before it
  private boolean needComma;

  public JsonWriter beginObject() {
    separate();
    out.append('{');
    needComma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  public JsonWriter beginArray() {
    separate();
    out.append('[');
    needComma = false;
    return this;
  }

  public JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  public JsonWriter name(String name) {
    separate();
    string(name);
    out.append(':');
    needComma = false;
    return this;
  }

  public JsonWriter value(String s) {
    separate();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    needComma = true;
    return this;
  }

  public JsonWriter value(Instant t) {
    return value(t == null ? null : t.toString());
  }

  public JsonWriter value(long n) {
    separate();
    out.append(n);
    needComma = true;
    return this;
  }

  public JsonWriter value(boolean b) {
    separate();
    out.append(b);
    needComma = true;
    return this;
  }

  private void separate() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
