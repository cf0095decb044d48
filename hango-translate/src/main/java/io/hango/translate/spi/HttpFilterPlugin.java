package io.hango.translate.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.validation.Problem;
import java.util.List;

/**
 * Translates one plugin {@code type} of the model into one Envoy HTTP filter. One class per filter;
 * implementations are stateless and thread-safe, found with {@link java.util.ServiceLoader} (list
 * the class in {@code META-INF/services/io.hango.translate.spi.HttpFilterPlugin}) or passed to
 * {@code Translator.builder().plugins(...)}.
 *
 * <p>For each listener's HTTP connection manager that serves at least one route the plugin
 * applies to, {@link #patchHcm} adds the filter (once). Then the plugin's config is placed where
 * it applies, through {@code typed_per_filter_config}: a {@code Gateway} target on every virtual
 * host of that gateway, a {@code Host} target on that host's virtual hosts ({@link
 * #patchVirtualHost}), a {@code Route} target on the route ({@link #patchRoute}). Envoy picks the
 * most specific per-filter config, which gives the model's rule "route over host over gateway".
 * {@link #addResources} adds anything else the filter needs. Every hook defaults to doing
 * nothing and must be safe to call with an empty config.
 *
 * <p>A plugin's config is either typed ({@link TypedHttpFilterPlugin}: an Immutables value
 * interface bound and checked by the model's reader, so its errors read like the model's, with
 * file:line:col; the plugin adds only its semantic checks) or raw JSON ({@link #configType()}
 * {@link ObjectNode}, checked by {@link #validate}).
 *
 * <p>How the rest of Hango's plugin set fits:
 *
 * <ul>
 *   <li><b>Global rate limit</b> ({@code envoy.filters.http.ratelimit}): {@code addResources}
 *       calls {@link ResourceContext#useServiceCluster} for the rate-limit service (a model
 *       {@code Service} with protocol grpc); {@code patchHcm} adds the filter pointing at that
 *       cluster; {@code patchRoute} adds {@code rate_limits} actions via
 *       {@link RouteContext#envoyRoute()}.
 *   <li><b>Lua</b> ({@code envoy.filters.http.lua}): {@code patchHcm} adds the filter with an empty
 *       default source; {@code patchRoute}/{@code patchVirtualHost} set {@code LuaPerRoute} with the
 *       script.
 *   <li><b>Wasm</b> ({@code envoy.filters.http.wasm}): {@code addResources} adds the cluster that
 *       serves the module (remote {@code DataSource}); {@code patchHcm} adds the filter; per-route
 *       enabling via {@code FilterConfig} / {@code disabled}.
 *   <li><b>Custom response / degradation</b> ({@code envoy.filters.http.custom_response}): filter
 *       plus per-route matcher configs.
 *   <li><b>Circuit breaking</b> (Hango's own {@code proxy.filters.http.circuitbreaker}, only in
 *       Hango's Envoy build): configs are emitted as {@code xds.type.v3.TypedStruct} carrying the
 *       filter's type URL and a {@code Struct} value, since its proto is not in the upstream API;
 *       such plugins say so in their docs and return {@code false} from
 *       {@link #supportedByProxylessGrpc()}.
 * </ul>
 */
public interface HttpFilterPlugin {

  /** The model's plugin {@code type} this translates, e.g. {@code local-rate-limit}. Unique. */
  String type();

  /** The canonical Envoy filter name, e.g. {@code envoy.filters.http.local_ratelimit}. Unique. */
  String filterName();

  /** Position in the filter chain, from {@link HttpFilterOrder}; ties broken by {@link #filterName()}. */
  int order();

  /**
   * The type {@code spec.config} is bound to. Default: {@link ObjectNode}, the raw JSON escape
   * hatch: the plugin checks the tree itself in {@link #validate} and may parse it in {@link
   * #parseConfig}. A plugin with a typed config implements {@link TypedHttpFilterPlugin} instead,
   * and the model's reader binds the config ({@link io.hango.model.io.ConfigBinding}), reporting
   * unknown fields, value types, durations, enums and missing fields as it does for the model's
   * documents. A return value that {@link ObjectNode} is assignable to ({@code JsonNode},
   * {@code Object}) also means raw.
   */
  default Class<?> configType() {
    return ObjectNode.class;
  }

  /**
   * Every problem in a raw ({@link #configType()} {@link ObjectNode}) {@code config}, with field
   * paths starting with {@code pathPrefix} (e.g. {@code spec.config.rules[0].limit.per}). The
   * {@code resource} of returned problems may be empty: callers fill in the plugin document. Must
   * not throw on any input. Not called for typed configs ({@link TypedHttpFilterPlugin#check}).
   * Default: no problems.
   */
  default List<Problem> validate(ObjectNode config, String pathPrefix) {
    return List.of();
  }

  /**
   * The parsed form of a {@linkplain #validate valid} raw {@code config}, computed once per plugin
   * document and handed to every route and virtual host it applies to through {@link
   * AttachmentContext#parsedConfig()}. The translator treats it as opaque. Not called for typed
   * configs, whose parsed form is the bound value. Default: {@code config} itself.
   */
  default Object parseConfig(ObjectNode config) {
    return config;
  }

  /** Adds the filter to one HTTP connection manager (idempotent: use {@link HcmContext#addHttpFilter}). */
  default void patchHcm(HcmContext ctx) {}

  /** Applies a {@code Gateway}- or {@code Host}-targeted plugin document to one virtual host. */
  default void patchVirtualHost(VirtualHostContext ctx) {}

  /** Applies a {@code Route}-targeted plugin document to one route. */
  default void patchRoute(RouteContext ctx) {}

  /** Adds clusters, endpoints or secrets the filter needs. */
  default void addResources(ResourceContext ctx) {}

  /**
   * Whether grpc-java / grpc-go xDS clients implement this filter. Only such filters are added to
   * proxyless-gRPC API listeners; the per-route configs of the others are marked optional.
   * Default: false.
   */
  default boolean supportedByProxylessGrpc() {
    return false;
  }
}
