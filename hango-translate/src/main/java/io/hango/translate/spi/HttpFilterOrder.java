package io.hango.translate.spi;

/**
 * The one order table of HTTP filters: a filter with a smaller order runs earlier in the HTTP
 * connection manager's chain; ties are broken by filter name. The router always runs last and is
 * not a plugin.
 *
 * <p>Why this order: CORS answers preflight requests before anything may reject them; access
 * control rejects unwanted clients before they cost anything; fault injection comes next so that
 * injected faults are visible to everything after it; rate limits count only admitted requests;
 * circuit breaking, scripts and Wasm see requests that passed all of that; custom responses
 * rewrite what the upstream (or a filter) answered. User plugins without a better idea use
 * {@link #USER}.
 */
public final class HttpFilterOrder {

  /** {@code envoy.filters.http.cors}. */
  public static final int CORS = 100;
  /** Authentication filters (JWT, ext_authz, basic auth): a later issue. */
  public static final int AUTHENTICATION = 200;
  /** {@code envoy.filters.http.rbac} (black and white lists). */
  public static final int ACCESS_CONTROL = 300;
  /** {@code envoy.filters.http.fault}. */
  public static final int FAULT = 400;
  /** {@code envoy.filters.http.local_ratelimit}. */
  public static final int LOCAL_RATE_LIMIT = 500;
  /** {@code envoy.filters.http.ratelimit} (global rate limit service): a later issue. */
  public static final int RATE_LIMIT = 600;
  /** Hango's {@code proxy.filters.http.circuitbreaker} (needs Hango's Envoy build): a later issue. */
  public static final int CIRCUIT_BREAKER = 700;
  /** {@code envoy.filters.http.lua}: a later issue. */
  public static final int LUA = 800;
  /** {@code envoy.filters.http.wasm}: a later issue. */
  public static final int WASM = 900;
  /** {@code envoy.filters.http.custom_response} (degradation / custom error pages): a later issue. */
  public static final int CUSTOM_RESPONSE = 1000;
  /** Default slot for user plugins. */
  public static final int USER = 2000;

  private HttpFilterOrder() {}
}
