package io.hango.xds.internal;

/**
 * Makes client-supplied text (node ids, NACK messages, type URLs, nonces) safe to log: control
 * characters and line separators are escaped, so a client cannot forge log lines or send
 * terminal escapes, and very long text is cut.
 */
final class LogText {

  /** Longer text is cut here, with a note of how much was left out. */
  static final int MAX_CHARS = 1000;

  private LogText() {}

  /** The text with backslashes, control characters and line separators escaped, cut to {@link #MAX_CHARS}. */
  static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int end = Math.min(text.length(), MAX_CHARS);
    StringBuilder sb = null;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      String replacement = replacement(c);
      if (replacement != null && sb == null) {
        sb = new StringBuilder(end + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    String escaped = sb == null ? text.substring(0, end) : sb.toString();
    return end < text.length() ? escaped + "...(" + (text.length() - end) + " more chars)" : escaped;
  }

  /** The escape for a character, or null if it is logged as it is. */
  private static String replacement(char c) {
    return switch (c) {
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> {
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
        yield control ? String.format("\\u%04x", (int) c) : null;
      }
    };
  }
}
