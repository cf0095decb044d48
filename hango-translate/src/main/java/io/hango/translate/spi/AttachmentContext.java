package io.hango.translate.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import io.hango.model.plugin.Plugin;

/**
 * A plugin document applied to one virtual host or one route: its (validated) config, and the way
 * to set the filter's per-route config.
 */
public interface AttachmentContext extends PluginContext {

  /** The {@code Plugin} document that applies here (the most specific one, route over host over gateway). */
  Plugin plugin();

  /** Its {@code spec.config} (read-only). */
  default ObjectNode pluginConfig() {
    return plugin().spec().config();
  }

  /**
   * The config as parsed once per document however many routes and hosts it applies to: for a
   * {@linkplain TypedHttpFilterPlugin typed} plugin the bound value (see {@link
   * TypedHttpFilterPlugin#config}), for a raw one {@link HttpFilterPlugin#parseConfig} of {@link
   * #pluginConfig()}. Default: the config itself.
   */
  default Object parsedConfig() {
    return pluginConfig();
  }

  /** The gateway's name. */
  String gateway();

  /** The name of the virtual host (its host name). */
  String virtualHost();

  /**
   * Sets this filter's {@code typed_per_filter_config} entry (keyed by
   * {@link HttpFilterPlugin#filterName()}) to {@code config}. When proxyless gRPC is on and the
   * plugin is not {@linkplain HttpFilterPlugin#supportedByProxylessGrpc() supported} by gRPC, the
   * config is wrapped in a {@code envoy.config.route.v3.FilterConfig} with {@code is_optional: true}
   * so gRPC clients sharing the route configuration skip it instead of rejecting it.
   */
  void setPerFilterConfig(Message config);
}
