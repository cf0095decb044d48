package io.hango.model.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.hango.model.Resource;
import io.hango.model.io.internal.DocumentBinder;
import io.hango.model.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a part of a document kept as a JSON tree (a {@code Plugin}'s {@code spec.config}, a custom
 * registry's {@code settings}) to a typed value, with the same checks and words the reader uses for
 * whole documents: unknown fields with "did you mean", value types, durations, enum names (ignoring
 * case), required fields, every problem at once. The type is declared like the model's own (an
 * Immutables value interface under {@link io.hango.model.HangoStyle} with
 * {@code @JsonSerialize}/{@code @JsonDeserialize(as = Immutable...)}); a type may also read a short
 * form written as a string through a static {@code @JsonCreator} factory taking one {@code String}.
 *
 * <pre>{@code
 * ConfigBinding.Result<LimitConfig> r =
 *     ConfigBinding.bind(plugin.spec().config(), LimitConfig.class, plugin, "spec.config", config.sourceMap());
 * r.problems().forEach(System.err::println);  // Plugin/limits: spec.config.limt: unknown field 'limt'; did you mean 'limit'?
 * }</pre>
 *
 * <p>Thread-safe; the tree is not changed.
 */
public final class ConfigBinding {

  private ConfigBinding() {}

  /**
   * The outcome of a binding.
   *
   * @param value the bound value, present exactly when there are no problems
   * @param problems every problem, each with the resource, its full field path and, when positions
   *     were given, its file:line:col
   * @param <T> the bound type
   */
  public record Result<T>(Optional<T> value, List<Problem> problems) {

    /** A result; {@code problems} is copied. */
    public Result {
      requireNonNull(value, "value");
      problems = List.copyOf(problems);
    }

    /** Whether the tree bound without problems. */
    public boolean isValid() {
      return value.isPresent();
    }
  }

  /**
   * Binds {@code tree}, found at field path {@code basePath} (e.g. {@code spec.config}) of the
   * document {@code resource} ({@code Kind/name}), to {@code type}.
   *
   * @param positions where the document's nodes were written, keyed by their full field paths (the
   *     whole document's positions, see {@link SourceMap#document}); null for a tree not read from
   *     a file: problems then have no location
   * @throws IllegalArgumentException when {@code type} is not a model-style value type
   */
  public static <T> Result<T> bind(JsonNode tree, Class<T> type, String resource, String basePath, DocumentPositions positions) {
    requireNonNull(tree, "tree");
    requireNonNull(type, "type");
    requireNonNull(resource, "resource");
    requireNonNull(basePath, "basePath");
    List<Problem> problems = new ArrayList<>();
    Optional<T> value = DocumentBinder.bindValue(tree, type, resource, basePath, positions, problems);
    return new Result<>(problems.isEmpty() ? value : Optional.empty(), problems);
  }

  /** Binds {@code tree}, found at {@code basePath} of {@code resource}, with no positions. */
  public static <T> Result<T> bind(JsonNode tree, Class<T> type, String resource, String basePath) {
    return bind(tree, type, resource, basePath, null);
  }

  /**
   * Binds {@code tree}, found at {@code basePath} of the document {@code resource} of a config,
   * located with the config's source map when the document was read from a file.
   */
  public static <T> Result<T> bind(JsonNode tree, Class<T> type, Resource resource, String basePath, Optional<SourceMap> sourceMap) {
    requireNonNull(resource, "resource");
    DocumentPositions positions = sourceMap.flatMap(m -> m.document(resource)).orElse(null);
    return bind(tree, type, resource.ref(), basePath, positions);
  }
}
