package io.hango.translate.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.io.ConfigBinding;
import io.hango.model.io.DocumentPositions;
import io.hango.model.plugin.Plugin;
import io.hango.model.validation.Problem;
import io.hango.translate.spi.HttpFilterPlugin;
import io.hango.translate.spi.TypedHttpFilterPlugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The known HTTP filter plugins, by model type, in filter-chain order. Immutable. */
public final class PluginRegistry {

  private static final String CONFIG_PATH = "spec.config";

  /** Filter-chain order: {@link HttpFilterPlugin#order()}, ties broken by filter name. */
  public static final Comparator<HttpFilterPlugin> ORDER =
      Comparator.comparingInt(HttpFilterPlugin::order).thenComparing(HttpFilterPlugin::filterName);

  private final Map<String, HttpFilterPlugin> byType;
  private final List<HttpFilterPlugin> ordered;

  private PluginRegistry(List<HttpFilterPlugin> plugins) {
    Map<String, HttpFilterPlugin> types = new TreeMap<>();
    Map<String, HttpFilterPlugin> filters = new TreeMap<>();
    for (HttpFilterPlugin p : plugins) {
      HttpFilterPlugin before = types.put(p.type(), p);
      if (before != null) {
        throw new IllegalArgumentException("two plugins for type '" + p.type() + "': " + before.getClass().getName() + ", " + p.getClass().getName());
      }
      before = filters.put(p.filterName(), p);
      if (before != null) {
        throw new IllegalArgumentException("two plugins for filter '" + p.filterName() + "': " + before.getClass().getName() + ", " + p.getClass().getName());
      }
    }
    this.byType = java.util.Collections.unmodifiableMap(types);
    List<HttpFilterPlugin> list = new ArrayList<>(plugins);
    list.sort(ORDER);
    this.ordered = List.copyOf(list);
  }

  /** The plugins found with {@link ServiceLoader} (the built-ins and any on the class path). */
  public static PluginRegistry discover() {
    List<HttpFilterPlugin> found = new ArrayList<>();
    ServiceLoader.load(HttpFilterPlugin.class, HttpFilterPlugin.class.getClassLoader()).forEach(found::add);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != HttpFilterPlugin.class.getClassLoader()) {
      for (HttpFilterPlugin p : ServiceLoader.load(HttpFilterPlugin.class, context)) {
        if (found.stream().noneMatch(f -> f.getClass().getName().equals(p.getClass().getName()))) {
          found.add(p);
        }
      }
    }
    return new PluginRegistry(found);
  }

  /** Exactly these plugins. */
  public static PluginRegistry of(List<? extends HttpFilterPlugin> plugins) {
    return new PluginRegistry(List.copyOf(plugins));
  }

  public Optional<HttpFilterPlugin> byType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** Every plugin in filter-chain order. */
  public List<HttpFilterPlugin> ordered() {
    return ordered;
  }

  /** The known types, sorted. */
  public List<String> types() {
    return List.copyOf(byType.keySet());
  }

  /**
   * What checking one plugin document gave.
   *
   * @param problems its problems (with the document as resource)
   * @param config the config as the translator hands it to the plugin's hooks (the bound value of
   *     a typed config, {@link HttpFilterPlugin#parseConfig} of a raw one); null when there is an
   *     error
   */
  public record Checked(List<Problem> problems, Object config) {}

  /** Every problem of one plugin document (see {@link #check}), without positions. */
  public List<Problem> validate(Plugin plugin) {
    return check(plugin, null).problems();
  }

  /**
   * Checks one plugin document: an unknown type, the binding of a typed config by the model's
   * reader (problems located with {@code positions}, the document's, when not null) and the
   * plugin's own checks; and parses a config without errors. A plugin that throws is reported,
   * not propagated.
   */
  public Checked check(Plugin plugin, DocumentPositions positions) {
    String ref = plugin.ref();
    Optional<HttpFilterPlugin> found = byType(plugin.spec().type());
    if (found.isEmpty()) {
      return new Checked(List.of(Problem.error(ref, "spec.type",
          "unknown plugin type '" + plugin.spec().type() + "'; known types: " + String.join(", ", types()))), null);
    }
    HttpFilterPlugin p = found.get();
    ObjectNode raw = plugin.spec().config();
    List<Problem> out = new ArrayList<>();
    Object config = null;
    try {
      Class<?> type = p.configType();
      List<Problem> own;
      if (type == null || type.isAssignableFrom(ObjectNode.class)) {
        own = p.validate(raw, CONFIG_PATH);
        config = raw;
      } else {
        ConfigBinding.Result<?> bound = ConfigBinding.bind(raw, type, ref, CONFIG_PATH, positions);
        config = bound.value().orElse(null);
        own = config == null ? bound.problems() : checkTyped(p, config);
      }
      for (Problem problem : own) {
        out.add(new Problem(problem.severity(), problem.location(), problem.resource().isEmpty() ? ref : problem.resource(), problem.path(), problem.message()));
      }
    } catch (RuntimeException e) {
      out.add(Problem.error(ref, CONFIG_PATH, "plugin '" + plugin.spec().type() + "' failed to validate its config: " + e));
      return new Checked(out, null);
    }
    if (config == null || out.stream().anyMatch(Problem::isError)) {
      return new Checked(out, null);
    }
    if (config == raw) {
      try {
        config = p.parseConfig(raw);
      } catch (RuntimeException e) {
        out.add(Problem.error(ref, "", "plugin '" + p.type() + "' failed: " + e));
        return new Checked(out, null);
      }
    }
    return new Checked(out, config);
  }

  @SuppressWarnings("unchecked")
  private static List<Problem> checkTyped(HttpFilterPlugin p, Object config) {
    return p instanceof TypedHttpFilterPlugin<?> typed
        ? ((TypedHttpFilterPlugin<Object>) typed).check(config, CONFIG_PATH)
        : List.of();
  }
}
