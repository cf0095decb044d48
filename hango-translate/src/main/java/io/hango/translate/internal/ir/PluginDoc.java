package io.hango.translate.internal.ir;

import io.hango.model.plugin.Plugin;
import io.hango.translate.spi.HttpFilterPlugin;

/**
 * An active plugin document (enabled, of a known type, its config valid) with its plugin and its
 * config as the plugin parsed it once ({@link HttpFilterPlugin#parseConfig}): opaque here.
 */
public record PluginDoc(HttpFilterPlugin plugin, Plugin document, Object config) {

  /** The plugin type. */
  public String type() {
    return plugin.type();
  }
}
