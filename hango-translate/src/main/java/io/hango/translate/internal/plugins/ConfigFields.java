package io.hango.translate.internal.plugins;

import io.hango.model.validation.Suggestions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.hango.model.Durations;
import io.hango.model.route.StringMatcher;
import io.hango.model.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a plugin's JSON config while collecting every problem with its field path. Each built-in
 * plugin parses its config with one of these, both to validate it (the problems) and to translate
 * it (the values), so the two never disagree. Never throws.
 */
final class ConfigFields {

  /** A header (or value) condition: {@code name} is empty for value-only conditions. */
  record NamedMatch(String name, StringMatcher matcher, boolean invert) {}

  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  void error(String path, String message) {
    problems.add(Problem.error("", path, message));
  }

  /** Reports every field of {@code node} not in {@code known}, suggesting the closest known name. */
  void known(JsonNode node, String path, String... known) {
    if (node == null || !node.isObject()) {
      return;
    }
    node.fieldNames().forEachRemaining(f -> {
      for (String k : known) {
        if (k.equals(f)) {
          return;
        }
      }
      String hint = Suggestions.hint(f, java.util.List.of(known));
      error(path + "." + f, "unknown field" + hint + " (known: " + String.join(", ", known) + ")");
    });
  }

  Optional<JsonNode> field(JsonNode node, String field, String path, boolean required) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        error(path + "." + field, "required");
      }
      return Optional.empty();
    }
    return Optional.of(v);
  }

  Optional<ObjectNode> object(JsonNode node, String field, String path, boolean required) {
    Optional<JsonNode> v = field(node, field, path, required);
    if (v.isPresent() && !v.get().isObject()) {
      error(path + "." + field, "must be an object");
      return Optional.empty();
    }
    return v.map(ObjectNode.class::cast);
  }

  Optional<String> string(JsonNode node, String field, String path, boolean required) {
    Optional<JsonNode> v = field(node, field, path, required);
    if (v.isPresent() && !v.get().isTextual()) {
      error(path + "." + field, "must be a string");
      return Optional.empty();
    }
    if (v.isPresent() && v.get().asText().isEmpty()) {
      error(path + "." + field, "must not be empty");
      return Optional.empty();
    }
    return v.map(JsonNode::asText);
  }

  Optional<Integer> integer(JsonNode node, String field, String path, long min, long max, boolean required) {
    Optional<JsonNode> v = field(node, field, path, required);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().isIntegralNumber() || v.get().asLong() < min || v.get().asLong() > max) {
      error(path + "." + field, "must be a whole number from " + min + " to " + max);
      return Optional.empty();
    }
    return Optional.of(v.get().asInt());
  }

  Optional<Double> percent(JsonNode node, String field, String path, boolean required) {
    Optional<JsonNode> v = field(node, field, path, required);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().isNumber() || v.get().asDouble() < 0 || v.get().asDouble() > 100) {
      error(path + "." + field, "must be a percentage from 0 to 100");
      return Optional.empty();
    }
    return Optional.of(v.get().asDouble());
  }

  Optional<Boolean> bool(JsonNode node, String field, String path) {
    Optional<JsonNode> v = field(node, field, path, false);
    if (v.isPresent() && !v.get().isBoolean()) {
      error(path + "." + field, "must be true or false");
      return Optional.empty();
    }
    return v.map(JsonNode::asBoolean);
  }

  Optional<Duration> duration(JsonNode node, String field, String path, boolean required) {
    Optional<String> s = string(node, field, path, required);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      Duration d = Durations.parse(s.get());
      if (d.isZero()) {
        error(path + "." + field, "must be longer than 0s");
        return Optional.empty();
      }
      return Optional.of(d);
    } catch (IllegalArgumentException e) {
      error(path + "." + field, e.getMessage());
      return Optional.empty();
    }
  }

  /** The elements of a list field (empty when absent or not a list). */
  List<JsonNode> list(JsonNode node, String field, String path) {
    Optional<JsonNode> v = field(node, field, path, false);
    if (v.isEmpty()) {
      return List.of();
    }
    if (!v.get().isArray()) {
      error(path + "." + field, "must be a list");
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    v.get().forEach(out::add);
    return out;
  }

  List<String> strings(JsonNode node, String field, String path) {
    List<JsonNode> items = list(node, field, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isTextual() || items.get(i).asText().isEmpty()) {
        error(path + "." + field + "[" + i + "]", "must be a non-empty string");
      } else {
        out.add(items.get(i).asText());
      }
    }
    return out;
  }

  /**
   * A value condition at {@code path}: exactly one of exact, prefix, suffix, contains, regex (RE2),
   * present, plus ignoreCase; with {@code named}, also a required {@code name} and an optional
   * {@code invert}.
   */
  Optional<NamedMatch> match(JsonNode node, String path, boolean named, boolean allowPresent) {
    if (node == null || !node.isObject()) {
      error(path, "must be an object");
      return Optional.empty();
    }
    if (named) {
      known(node, path, "name", "exact", "prefix", "suffix", "contains", "regex", "present", "ignoreCase", "invert");
    } else {
      known(node, path, "exact", "prefix", "suffix", "contains", "regex", "present", "ignoreCase");
    }
    String name = named ? string(node, "name", path, true).orElse("") : "";
    boolean ic = bool(node, "ignoreCase", path).orElse(false);
    boolean invert = named && bool(node, "invert", path).orElse(false);
    List<StringMatcher> set = new ArrayList<>();
    string(node, "exact", path, false).ifPresent(v -> set.add(new StringMatcher.Exact(v, ic)));
    string(node, "prefix", path, false).ifPresent(v -> set.add(new StringMatcher.Prefix(v, ic)));
    string(node, "suffix", path, false).ifPresent(v -> set.add(new StringMatcher.Suffix(v, ic)));
    string(node, "contains", path, false).ifPresent(v -> set.add(new StringMatcher.Contains(v, ic)));
    string(node, "regex", path, false).ifPresent(v -> {
      try {
        Pattern.compile(v);
        set.add(new StringMatcher.Regex(v));
      } catch (PatternSyntaxException e) {
        error(path + ".regex", "not an RE2 regular expression: " + e.getMessage());
      }
    });
    if (allowPresent) {
      bool(node, "present", path).ifPresent(v -> set.add(new StringMatcher.Present(v)));
    } else if (node.has("present")) {
      error(path + ".present", "not allowed here");
    }
    if (set.size() != 1) {
      if (set.isEmpty() && problems.stream().noneMatch(p -> p.path().startsWith(path + "."))) {
        error(path, "needs exactly one of exact, prefix, suffix, contains, regex" + (allowPresent ? ", present" : ""));
      } else if (set.size() > 1) {
        error(path, "needs exactly one of exact, prefix, suffix, contains, regex" + (allowPresent ? ", present" : "") + "; found " + set.size());
      }
      return Optional.empty();
    }
    if (named && name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new NamedMatch(name, set.get(0), invert));
  }

}
