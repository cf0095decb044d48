package io.hango.translate.spi;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.hango.model.GatewayConfig;
import io.hango.translate.TranslatorOptions;

/**
 * What every plugin hook can use: the whole config, the options, deterministic packing and
 * diagnostics. Contexts are interfaces implemented by the translator, so they can grow without
 * breaking plugins.
 */
public interface PluginContext {

  /** The config being translated (read-only). */
  GatewayConfig gatewayConfig();

  /** The translator options. */
  TranslatorOptions options();

  /**
   * Packs {@code message} into an {@code Any} with deterministic serialization and makes its type
   * known to the JSON/YAML writer. Always pack through here, never with {@code Any.pack}.
   */
  Any pack(Message message);

  /** Reports an error about the plugin document in scope (or the config) at {@code path}. */
  void error(String path, String reason);

  /** Reports a warning about the plugin document in scope (or the config) at {@code path}. */
  void warning(String path, String reason);
}
