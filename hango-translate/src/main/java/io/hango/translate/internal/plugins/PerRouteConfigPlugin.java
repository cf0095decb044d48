package io.hango.translate.internal.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import io.hango.model.io.ConfigBinding;
import io.hango.model.plugin.Plugin;
import io.hango.model.validation.Problem;
import io.hango.translate.spi.AttachmentContext;
import io.hango.translate.spi.HcmContext;
import io.hango.translate.spi.RouteContext;
import io.hango.translate.spi.TypedHttpFilterPlugin;
import io.hango.translate.spi.VirtualHostContext;
import java.util.List;

/**
 * The shape every built-in filter shares: the filter is listed once in the HTTP connection manager
 * with an inert config, and each route or virtual host a plugin document targets gets a
 * {@code typed_per_filter_config} built from that document's typed config. The model's reader
 * binds the config (structure, in the model's words); {@link #semantics} adds the plugin's own
 * rules, so what {@code hango validate} accepts is exactly what is translated. The translator binds
 * each document once however many routes and hosts it applies to.
 *
 * @param <C> the config type
 */
abstract class PerRouteConfigPlugin<C> implements TypedHttpFilterPlugin<C> {

  private static final String CONFIG_PATH = "spec.config";

  private final String type;
  private final String filterName;
  private final int order;
  private final Class<C> configType;

  PerRouteConfigPlugin(String type, String filterName, int order, Class<C> configType) {
    this.type = type;
    this.filterName = filterName;
    this.order = order;
    this.configType = configType;
  }

  /** Reports the semantic problems of {@code config} (at field path {@code path}) to {@code f}. */
  abstract void semantics(C config, String path, ConfigChecks f);

  /** The filter's config in the connection manager, inert until a route or host turns it on. */
  abstract Message hcmConfig();

  /** The per-route (or per-virtual-host) config for {@code plugin}, whose valid config is {@code config}. */
  abstract Message perFilterConfig(Plugin plugin, C config);

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final String filterName() {
    return filterName;
  }

  @Override
  public final int order() {
    return order;
  }

  @Override
  public final Class<C> configType() {
    return configType;
  }

  @Override
  public final List<Problem> check(C config, String pathPrefix) {
    ConfigChecks f = new ConfigChecks();
    semantics(config, pathPrefix, f);
    return f.problems();
  }

  @Override
  public final void patchHcm(HcmContext ctx) {
    ctx.addHttpFilter(filterName, hcmConfig());
  }

  @Override
  public final void patchVirtualHost(VirtualHostContext ctx) {
    apply(ctx);
  }

  @Override
  public final void patchRoute(RouteContext ctx) {
    apply(ctx);
  }

  private void apply(AttachmentContext ctx) {
    C config = ctx.parsedConfig() instanceof ObjectNode raw
        // a context that did not bind the config (the translator always does)
        ? ConfigBinding.bind(raw, configType, ctx.plugin().ref(), CONFIG_PATH).value().orElseThrow()
        : config(ctx);
    ctx.setPerFilterConfig(perFilterConfig(ctx.plugin(), config));
  }
}
