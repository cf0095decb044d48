package io.hango.translate.internal;

import io.hango.model.plugin.Plugin;
import io.hango.model.validation.Problem;
import io.hango.translate.spi.HttpFilterPlugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The known HTTP filter plugins, by model type, in filter-chain order. Immutable. */
public final class PluginRegistry {

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
   * Every problem of one plugin document: an unknown type, or the type's own config problems (with
   * the document as resource). A plugin that throws is reported, not propagated.
   */
  public List<Problem> validate(Plugin plugin) {
    String ref = plugin.ref();
    Optional<HttpFilterPlugin> p = byType(plugin.spec().type());
    if (p.isEmpty()) {
      return List.of(Problem.error(ref, "spec.type",
          "unknown plugin type '" + plugin.spec().type() + "'; known types: " + String.join(", ", types())));
    }
    List<Problem> out = new ArrayList<>();
    try {
      for (Problem problem : p.get().validate(plugin.spec().config(), "spec.config")) {
        out.add(new Problem(problem.severity(), problem.location(), problem.resource().isEmpty() ? ref : problem.resource(), problem.path(), problem.message()));
      }
    } catch (RuntimeException e) {
      out.add(Problem.error(ref, "spec.config", "plugin '" + plugin.spec().type() + "' failed to validate its config: " + e));
    }
    return out;
  }
}
