package io.hango.routesim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.util.JsonFormat;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link JsonFormat.TypeRegistry} a document needs: every {@code "@type"} found in it
 * is resolved to the generated Java class of the Envoy API jar ({@code envoy.*} in
 * {@code io.envoyproxy.envoy.*}, {@code xds.*} in {@code com.github.xds.*}, {@code udpa.*} in
 * {@code com.github.udpa.udpa.*}). Type URLs that resolve to nothing are returned as unknown so
 * that the caller can report them.
 */
public final class AnyTypes {
  private static final List<Map.Entry<String, String>> PACKAGE_PREFIXES = List.of(
      Map.entry("envoy.", "io.envoyproxy.envoy."),
      Map.entry("xds.", "com.github.xds."),
      Map.entry("udpa.", "com.github.udpa.udpa."),
      Map.entry("google.protobuf.", "com.google.protobuf."));

  private final JsonFormat.TypeRegistry registry;
  private final List<String> unknown;

  private AnyTypes(JsonFormat.TypeRegistry registry, List<String> unknown) {
    this.registry = registry;
    this.unknown = unknown;
  }

  /** Resolves every {@code @type} in {@code document}, plus {@code extra} descriptors. */
  public static AnyTypes forDocument(JsonNode document, List<Descriptor> extra) {
    Set<String> typeUrls = new LinkedHashSet<>();
    collect(document, typeUrls);
    JsonFormat.TypeRegistry.Builder builder = JsonFormat.TypeRegistry.newBuilder();
    extra.forEach(builder::add);
    List<String> unknown = new ArrayList<>();
    for (String url : typeUrls) {
      String name = url.substring(url.lastIndexOf('/') + 1);
      Descriptor d = resolve(name);
      if (d == null) {
        if (extra.stream().noneMatch(e -> e.getFullName().equals(name))) {
          unknown.add(url);
        }
      } else {
        builder.add(d);
      }
    }
    return new AnyTypes(builder.build(), List.copyOf(unknown));
  }

  public JsonFormat.TypeRegistry registry() {
    return registry;
  }

  /** Type URLs that no class on the classpath provides. */
  public List<String> unknown() {
    return unknown;
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      JsonNode type = node.get("@type");
      if (type != null && type.isTextual()) {
        out.add(type.asText());
      }
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, out));
    }
  }

  /** The descriptor of the generated message for a proto full name, or null. */
  static Descriptor resolve(String fullName) {
    for (Map.Entry<String, String> p : PACKAGE_PREFIXES) {
      if (!fullName.startsWith(p.getKey())) {
        continue;
      }
      String className = p.getValue() + fullName.substring(p.getKey().length());
      // Nested messages: try Outer$Inner for each trailing dot.
      while (true) {
        try {
          Class<?> c = Class.forName(className, false, AnyTypes.class.getClassLoader());
          Method m = c.getMethod("getDescriptor");
          Descriptor d = (Descriptor) m.invoke(null);
          return d.getFullName().equals(fullName) ? d : null;
        } catch (ReflectiveOperationException | ClassCastException e) {
          int dot = className.lastIndexOf('.');
          if (dot < 0 || !Character.isUpperCase(className.charAt(dot + 1 < className.length() ? dot + 1 : dot))) {
            break;
          }
          className = className.substring(0, dot) + "$" + className.substring(dot + 1);
        }
      }
    }
    return null;
  }
}
