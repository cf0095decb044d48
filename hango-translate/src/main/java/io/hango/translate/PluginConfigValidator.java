package io.hango.translate;

import static java.util.Objects.requireNonNull;

import io.hango.model.GatewayConfig;
import io.hango.model.io.DocumentPositions;
import io.hango.model.plugin.Plugin;
import io.hango.model.validation.Problem;
import io.hango.translate.internal.PluginRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the {@code Plugin} documents of a config against the known plugin types, for
 * {@code hango validate}: an unknown {@code spec.type} is an error listing the known types; a typed
 * config ({@link io.hango.translate.spi.TypedHttpFilterPlugin}) is bound by the model's reader,
 * which reports unknown fields, types, durations, enums and missing fields in the model's words,
 * then checked by its plugin; a raw one is checked by its plugin. Errors have field paths such as
 * {@code spec.config.rules[0].limit.per}. Disabled plugins are checked too. Thread-safe.
 */
public final class PluginConfigValidator {

  private final PluginRegistry plugins;

  PluginConfigValidator(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /** A validator that knows the plugins found with {@link java.util.ServiceLoader}. */
  public static PluginConfigValidator create() {
    return new PluginConfigValidator(PluginRegistry.discover());
  }

  /** The known plugin types, sorted. */
  public List<String> knownTypes() {
    return plugins.types();
  }

  /**
   * Every problem of every plugin document, by plugin name; located at file:line:col when the
   * config was read from files (its {@link GatewayConfig#sourceMap() source map}).
   */
  public List<Problem> validatePlugins(GatewayConfig config) {
    requireNonNull(config, "config");
    List<Plugin> docs = new ArrayList<>(config.plugins());
    docs.sort(Comparator.comparing(Plugin::name));
    List<Problem> out = new ArrayList<>();
    for (Plugin doc : docs) {
      DocumentPositions positions = config.sourceMap().flatMap(m -> m.document(doc)).orElse(null);
      for (Problem p : plugins.check(doc, positions).problems()) {
        out.add(locate(config, doc, p));
      }
    }
    return out;
  }

  private static Problem locate(GatewayConfig config, Plugin doc, Problem p) {
    if (p.location().isPresent() || config.sourceMap().isEmpty()) {
      return p;
    }
    return config.sourceMap().get().locate(doc, p.path()).map(p::at).orElse(p);
  }

  /** Every problem of one plugin document. */
  public List<Problem> validate(Plugin plugin) {
    return plugins.validate(requireNonNull(plugin, "plugin"));
  }
}
