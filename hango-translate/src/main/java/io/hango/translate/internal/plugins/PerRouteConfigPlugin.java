package io.hango.translate.internal.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import io.hango.model.plugin.Plugin;
import io.hango.model.validation.Problem;
import io.hango.translate.spi.AttachmentContext;
import io.hango.translate.spi.HcmContext;
import io.hango.translate.spi.HttpFilterPlugin;
import io.hango.translate.spi.RouteContext;
import io.hango.translate.spi.VirtualHostContext;
import java.util.List;

/**
 * The shape every built-in filter shares: the filter is listed once in the HTTP connection manager
 * with an inert config, and each route or virtual host a plugin document targets gets a
 * {@code typed_per_filter_config} built from that document's config. Validation and translation
 * use one parser, so what {@code hango validate} accepts is exactly what is translated; the
 * translator parses each document once ({@link #parseConfig}) however many routes and hosts it
 * applies to.
 *
 * @param <C> the parsed plugin config
 */
abstract class PerRouteConfigPlugin<C> implements HttpFilterPlugin {

  private static final String CONFIG_PATH = "spec.config";

  private final String type;
  private final String filterName;
  private final int order;

  PerRouteConfigPlugin(String type, String filterName, int order) {
    this.type = type;
    this.filterName = filterName;
    this.order = order;
  }

  /** Parses {@code config} (at field path {@code path}), reporting every problem to {@code f}. */
  abstract C parse(ObjectNode config, String path, ConfigFields f);

  /** The filter's config in the connection manager, inert until a route or host turns it on. */
  abstract Message hcmConfig();

  /** The per-route (or per-virtual-host) config for {@code plugin}, whose config parsed to {@code config}. */
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
  public final List<Problem> validate(ObjectNode config, String pathPrefix) {
    ConfigFields f = new ConfigFields();
    parse(config, pathPrefix, f);
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

  @Override
  public final Object parseConfig(ObjectNode config) {
    return parse(config, CONFIG_PATH, new ConfigFields());
  }

  @SuppressWarnings("unchecked")
  private void apply(AttachmentContext ctx) {
    Object parsed = ctx.parsedConfig();
    C config = parsed instanceof ObjectNode raw ? parse(raw, CONFIG_PATH, new ConfigFields()) : (C) parsed;
    ctx.setPerFilterConfig(perFilterConfig(ctx.plugin(), config));
  }
}
