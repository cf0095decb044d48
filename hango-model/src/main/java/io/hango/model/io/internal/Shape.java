package io.hango.model.io.internal;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * What a node of a document must look like, derived from the model interfaces by {@link Shapes}.
 * Internal.
 */
public sealed interface Shape {

  /** A string. */
  record Text() implements Shape {}

  /** A whole number within {@code [min, max]} (the Java type's range). */
  record WholeNumber(long min, long max) implements Shape {}

  /** Any number. */
  record Decimal() implements Shape {}

  /** {@code true} or {@code false}. */
  record Bool() implements Shape {}

  /** A duration string such as {@code 5s}. */
  record DurationText() implements Shape {}

  /** One of {@code names} (compared ignoring case, as the mappers do). */
  record OneOfNames(List<String> names) implements Shape {}

  /** A list of {@code element}s. */
  record ListOf(Type element) implements Shape {}

  /** An object with free keys and {@code value}s. */
  record MapOf(Type value) implements Shape {}

  /** Any JSON object (plugin configs, whose schema is the plugin's). */
  record AnyObject() implements Shape {}

  /**
   * A string, or an object of {@code type}'s {@link Struct}: the type declares a static
   * {@code @JsonCreator} factory taking one {@code String} that reads the short form (e.g. a list
   * entry written {@code "10.0.0.0/8"} for {@code {clientIp: "10.0.0.0/8"}}). Used by plugin
   * configs; the model's own documents have no such field (a structural schema cannot say it).
   */
  record Shorthand(Class<?> type) implements Shape {}

  /** An object with these properties, by name. */
  record Struct(Class<?> type, Map<String, Property> properties) implements Shape {}

  /**
   * An object whose {@code property} names which of {@code subtypes} it is; any other name is a
   * {@code fallback} (null when other names are errors).
   */
  record Polymorphic(String property, Map<String, Class<?>> subtypes, Class<?> fallback) implements Shape {}

  /** A property of a {@link Struct}: required unless optional, a collection, or with a default. */
  record Property(String name, Type type, boolean required) {}
}
