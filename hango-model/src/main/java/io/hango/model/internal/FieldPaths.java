package io.hango.model.internal;

/**
 * Field paths as users see them in errors: {@code spec.forward.destinations[1].subset}; map keys
 * that are not plain words are quoted: {@code labels["app.kubernetes.io/name"]}. Internal.
 */
public final class FieldPaths {

  private FieldPaths() {}

  /** The path of field (or map key) {@code name} under {@code parent}. */
  public static String field(String parent, String name) {
    if (!plainKey(name)) {
      return parent + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /**
   * Whether {@code name} matches {@code [A-Za-z0-9_][A-Za-z0-9_-]*}: written by hand, since every
   * field of every document read goes through here (a regex matcher each showed in profiles).
   */
  static boolean plainKey(String name) {
    if (name.isEmpty() || name.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** The path of element {@code index} of the list at {@code parent}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The path one level up: {@code a.b[1].c} -> {@code a.b[1]} -> {@code a.b} -> {@code a} -> {@code ""}. */
  public static String parent(String path) {
    if (path.isEmpty()) {
      return path;
    }
    int end = path.length();
    if (path.charAt(end - 1) == ']') {
      int open = path.lastIndexOf('[', end - 1);
      // a quoted key may itself contain '[': find the '[' that starts a quoted key or an index
      int quotedOpen = path.lastIndexOf("[\"", end - 1);
      if (path.charAt(end - 2) == '"' && quotedOpen >= 0) {
        open = quotedOpen;
      }
      return path.substring(0, open);
    }
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf(']');
    if (dot < 0) {
      return "";
    }
    return bracket > dot ? path.substring(0, bracket + 1) : path.substring(0, dot);
  }
}
