package io.hango.translate.internal;

import io.hango.model.GatewayConfig;
import io.hango.translate.Endpoints;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Translation;
import io.hango.translate.TranslatorOptions;
import io.hango.translate.internal.emit.Assembler;
import io.hango.translate.internal.ir.Ir;
import io.hango.translate.internal.ir.Resolver;

/**
 * One translation: the {@link Resolver} builds the IR of the config once, then the emitters
 * ({@link Assembler}) turn it into Envoy resources, for all gateways now and for each gateway when
 * asked ({@link Translation#gatewayResources}). Used once, by one thread.
 */
public final class TranslationRun {

  private final GatewayConfig config;
  private final Endpoints endpoints;
  private final TranslatorOptions options;
  private final PluginRegistry plugins;

  public TranslationRun(GatewayConfig config, Endpoints endpoints, TranslatorOptions options, PluginRegistry plugins) {
    this.config = config;
    this.endpoints = endpoints;
    this.options = options;
    this.plugins = plugins;
  }

  /** Translates. */
  public Translation run() {
    Diagnostics diags = new Diagnostics();
    Ir ir = new Resolver(config, options, plugins, diags).resolve();
    Assembler assembler = new Assembler(ir, endpoints, options, plugins);
    EnvoyResources all = assembler.all(diags);
    return new Translation(all, diags.list(), assembler::gateway);
  }

  /** The IR of the config (for tests and tools that show it); diagnostics go to {@code diags}. */
  public Ir resolve(Diagnostics diags) {
    return new Resolver(config, options, plugins, diags).resolve();
  }
}
