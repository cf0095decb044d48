package io.hango.model.io.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives the {@link Shape} of a model type by reflection on its interface, the same way the
 * Immutables/Jackson binding sees it: every public no-argument accessor not marked
 * {@link JsonIgnore} is a property; an abstract accessor of a non-optional, non-collection type is
 * required. Deriving it keeps the reader's error checks in step with the model as fields are added.
 * Internal.
 */
public final class Shapes {

  private static final Map<Type, Shape> CACHE = new ConcurrentHashMap<>();

  private Shapes() {}

  /** The shape of values of {@code type}. */
  public static Shape of(Type type) {
    Shape cached = CACHE.get(type);
    if (cached == null) {
      cached = derive(type);
      CACHE.put(type, cached);
    }
    return cached;
  }

  /** The object shape of the concrete model interface {@code type} (ignoring any polymorphism on it). */
  public static Shape.Struct struct(Class<?> type) {
    Map<String, Shape.Property> props = new TreeMap<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || ignored(type, m.getName())) {
        continue;
      }
      boolean required = !m.isDefault() && !optionalType(m.getReturnType());
      String name = jsonName(type, m.getName());
      props.merge(name, new Shape.Property(name, m.getGenericReturnType(), required),
          // an interface may re-declare an inherited accessor with a default: the default wins
          (a, b) -> a.required() ? b : a);
    }
    return new Shape.Struct(type, Map.copyOf(props));
  }

  private static Shape derive(Type type) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (raw == Optional.class) {
        return of(args[0]);
      }
      if (Collection.class.isAssignableFrom(raw)) {
        return new Shape.ListOf(args[0]);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return new Shape.MapOf(args[1]);
      }
      throw new IllegalArgumentException("no shape for " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return new Shape.Text();
    }
    if (c == int.class || c == Integer.class) {
      return new Shape.WholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (c == long.class || c == Long.class) {
      return new Shape.WholeNumber(Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return new Shape.Decimal();
    }
    if (c == boolean.class || c == Boolean.class) {
      return new Shape.Bool();
    }
    if (c == Duration.class) {
      return new Shape.DurationText();
    }
    if (c.isEnum()) {
      return new Shape.OneOfNames(enumNames(c));
    }
    if (ObjectNode.class.isAssignableFrom(c)) {
      return new Shape.AnyObject();
    }
    JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
    JsonSubTypes sub = c.getAnnotation(JsonSubTypes.class);
    if (info != null && sub != null) {
      Map<String, Class<?>> subtypes = new LinkedHashMap<>();
      for (JsonSubTypes.Type t : sub.value()) {
        subtypes.put(t.name(), t.value());
      }
      Class<?> fallback = info.defaultImpl() == JsonTypeInfo.class ? null : info.defaultImpl();
      return new Shape.Polymorphic(info.property(), subtypes, fallback);
    }
    if (c.isInterface()) {
      return shorthandFactory(c).isPresent() ? new Shape.Shorthand(c) : struct(c);
    }
    throw new IllegalArgumentException("no shape for " + type);
  }

  /**
   * The static {@link JsonCreator} factory with one {@code String} parameter that {@code type}
   * (or an interface it implements) declares to read a short form written as a string, if any.
   */
  public static Optional<Method> shorthandFactory(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class)
          && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class && type.isAssignableFrom(m.getReturnType())) {
        return Optional.of(m);
      }
    }
    for (Class<?> s : type.getInterfaces()) {
      Optional<Method> m = shorthandFactory(s);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  private static List<String> enumNames(Class<?> c) {
    List<String> names = new ArrayList<>();
    for (Object constant : c.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      try {
        JsonProperty p = c.getField(name).getAnnotation(JsonProperty.class);
        names.add(p != null && !p.value().isEmpty() ? p.value() : name);
      } catch (NoSuchFieldException e) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  private static boolean optionalType(Class<?> c) {
    return c == Optional.class || Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c);
  }

  /** The JSON name of accessor {@code name}: a {@link JsonProperty} value on any declaration, else the name. */
  private static String jsonName(Class<?> type, String name) {
    try {
      JsonProperty p = type.getDeclaredMethod(name).getAnnotation(JsonProperty.class);
      if (p != null && !p.value().isEmpty()) {
        return p.value();
      }
    } catch (NoSuchMethodException e) {
      // not declared here: look at the interfaces
    }
    for (Class<?> s : type.getInterfaces()) {
      String n = jsonName(s, name);
      if (!n.equals(name)) {
        return n;
      }
    }
    return name;
  }

  /** Jackson inherits {@link JsonIgnore} from overridden declarations, so any declaration counts. */
  private static boolean ignored(Class<?> type, String name) {
    if (declaresIgnored(type, name)) {
      return true;
    }
    for (Class<?> s : type.getInterfaces()) {
      if (ignored(s, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresIgnored(Class<?> type, String name) {
    try {
      Method m = type.getDeclaredMethod(name);
      JsonIgnore ignore = m.getAnnotation(JsonIgnore.class);
      return ignore != null && ignore.value();
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
