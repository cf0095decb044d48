package io.hango.testkit.arbitraries;

/**
 * Parts of the model that {@link ConfigArbitrary} can switch on or off. All are on by default;
 * switching one off leaves that part out of every generated config (and never makes a config
 * invalid).
 */
public enum Feature {
  /** HTTPS listeners (with their certificate secrets and client CAs). */
  HTTPS,
  /** Plugins of the built-in types, on gateways, hosts and routes. */
  PLUGINS,
  /** Registry documents and services discovered from them. */
  REGISTRIES,
  /** Gateway-level settings: client IP, access log, tracing, HTTP settings. */
  GATEWAY_SETTINGS,
  /** Service traffic policies: load balancers, connection pools, health checks, upstream TLS. */
  TRAFFIC_POLICIES,
  /** Forward extras: timeouts, retries, mirrors, rewrites, header operations, hash policies. */
  FORWARD_EXTRAS,
  /** Routes answering with a redirect. */
  REDIRECTS,
  /** Routes answering directly (status and body). */
  DIRECT_RESPONSES,
  /** Regex path, header and query matches. */
  REGEXES,
  /** URI template path matches. */
  TEMPLATES,
  /** Inverted header matches. */
  INVERTED_HEADERS,
  /** Disabled routes ({@code enabled: false}). */
  DISABLED_ROUTES,
  /** Routes restricted to one listener ({@code spec.listener}). */
  LISTENER_BINDING
}
