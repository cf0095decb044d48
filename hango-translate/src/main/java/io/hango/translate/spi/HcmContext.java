package io.hango.translate.spi;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;

/**
 * One HTTP connection manager being built: a gateway listener's, or a proxyless-gRPC API
 * listener's ({@link #apiListener()}). {@link HttpFilterPlugin#patchHcm} is called once per HCM
 * whose routes the plugin applies to; it may be called again, so adding must be idempotent —
 * {@link #addHttpFilter} is.
 */
public interface HcmContext extends PluginContext {

  /** The gateway's name. */
  String gateway();

  /** The gateway listener's name (for an API listener: the listener whose routes it shares). */
  String listener();

  /** Whether this HCM is a proxyless-gRPC API listener's (only filters gRPC can run belong there). */
  boolean apiListener();

  /**
   * Adds the HTTP filter {@code name} with {@code config} (packed deterministically), unless a
   * filter of that name is already there. The translator sorts filters by
   * {@link HttpFilterPlugin#order()} and name and puts the router last.
   */
  void addHttpFilter(String name, Message config);

  /** Whether a filter named {@code name} was added. */
  boolean hasHttpFilter(String name);

  /**
   * The HCM builder, for settings other than HTTP filters (e.g. upgrade configs). Do not add HTTP
   * filters or change {@code rds} through it.
   */
  HttpConnectionManager.Builder hcm();
}
