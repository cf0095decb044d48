package io.hango.routesim;

import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Envoy's router does with one {@link Request}: forward it to a cluster, answer with a
 * redirect or a direct response, or answer 404 because no virtual host or route matched.
 *
 * <p>For {@link Kind#FORWARD} the request headers are those sent upstream (header mutations,
 * host and path rewrites applied) and the response headers are the upstream response headers of
 * the request after the route's response mutations. For local replies ({@link Kind#REDIRECT},
 * {@link Kind#DIRECT_RESPONSE}) the response headers are the ones Envoy sends
 * ({@code location}, {@code content-type}, {@code content-length}, mutations).
 */
public final class Decision {
  /** The kind of answer. */
  public enum Kind {
    /** Proxied to {@link #cluster()} (possibly absent when a {@code cluster_header} is missing). */
    FORWARD,
    /** A redirect ({@code redirect} action or {@code require_tls}). */
    REDIRECT,
    /** A {@code direct_response}. */
    DIRECT_RESPONSE,
    /** No virtual host or no route matched: Envoy answers 404. */
    NO_ROUTE
  }

  private final Kind kind;
  private final String routeConfigurationName;
  private final String virtualHostName;
  private final String routeName;
  private final int routeIndex;
  private final Route route;
  private final String cluster;
  private final String virtualClusterName;
  private final Headers requestHeaders;
  private final boolean autoHostRewrite;
  private final String newUri;
  private final int status;
  private final String body;
  private final Headers responseHeaders;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;
  private final boolean tlsRedirect;
  private final List<String> notes;

  Decision(Kind kind, String routeConfigurationName, String virtualHostName, String routeName,
      int routeIndex, Route route, String cluster, String virtualClusterName, Headers requestHeaders,
      boolean autoHostRewrite, String newUri, int status, String body, Headers responseHeaders,
      Duration timeout, RetryPolicy retryPolicy, boolean tlsRedirect, List<String> notes) {
    this.kind = kind;
    this.routeConfigurationName = routeConfigurationName;
    this.virtualHostName = virtualHostName;
    this.routeName = routeName;
    this.routeIndex = routeIndex;
    this.route = route;
    this.cluster = cluster;
    this.virtualClusterName = virtualClusterName;
    this.requestHeaders = requestHeaders;
    this.autoHostRewrite = autoHostRewrite;
    this.newUri = newUri;
    this.status = status;
    this.body = body;
    this.responseHeaders = responseHeaders;
    this.timeout = timeout;
    this.retryPolicy = retryPolicy;
    this.tlsRedirect = tlsRedirect;
    this.notes = List.copyOf(notes);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the router found nothing (404). */
  public boolean isNoRoute() {
    return kind == Kind.NO_ROUTE;
  }

  /** The name of the route configuration used. */
  public String routeConfigurationName() {
    return routeConfigurationName;
  }

  /** The matched virtual host; empty when no virtual host matched the authority. */
  public Optional<String> virtualHostName() {
    return Optional.ofNullable(virtualHostName);
  }

  /** The matched route's {@code name}; empty when none matched or the route has no name. */
  public Optional<String> routeName() {
    return Optional.ofNullable(routeName).filter(n -> !n.isEmpty());
  }

  /** The index of the matched route within its virtual host. */
  public OptionalInt routeIndex() {
    return routeIndex < 0 ? OptionalInt.empty() : OptionalInt.of(routeIndex);
  }

  /** The matched route as configured. */
  public Optional<Route> route() {
    return Optional.ofNullable(route);
  }

  /**
   * The upstream cluster, after weighted choice or {@code cluster_header} lookup; empty unless
   * {@link Kind#FORWARD}, and empty when the named cluster header is missing (Envoy then answers
   * with the route's {@code cluster_not_found_response_code}).
   */
  public Optional<String> cluster() {
    return Optional.ofNullable(cluster).filter(c -> !c.isEmpty());
  }

  /**
   * The virtual cluster (request stats) matched by the request: a configured name, or
   * {@code other} when the virtual host has virtual clusters and none matched.
   */
  public Optional<String> virtualClusterName() {
    return Optional.ofNullable(virtualClusterName);
  }

  /** Request headers as sent upstream (or as seen when building a local reply). */
  public Headers requestHeaders() {
    return requestHeaders;
  }

  /** The {@code :path} after rewrites (with query). */
  public String path() {
    return requestHeaders.get(":path").orElse("");
  }

  /** The {@code :authority} after host rewrites. */
  public String host() {
    return requestHeaders.get(":authority").orElse("");
  }

  /** Whether {@code auto_host_rewrite} applies: the upstream host name replaces the authority. */
  public boolean autoHostRewrite() {
    return autoHostRewrite;
  }

  /**
   * For redirects and direct responses, the URI Envoy computes ({@code DirectResponseEntry::newUri}):
   * the {@code location} of a redirect; for other direct responses the request URL after rewrites.
   */
  public Optional<String> newUri() {
    return Optional.ofNullable(newUri);
  }

  /** For redirects, the {@code location}. */
  public Optional<String> redirectLocation() {
    return kind == Kind.REDIRECT ? Optional.ofNullable(newUri) : Optional.empty();
  }

  /** The status of a local reply (redirect, direct response, 404); empty for {@link Kind#FORWARD}. */
  public OptionalInt status() {
    return status <= 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The body of a direct response. */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /** Response headers; see the class comment. */
  public Headers responseHeaders() {
    return responseHeaders;
  }

  /** The route timeout for {@link Kind#FORWARD} (Envoy's default is 15s; zero disables it). */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The retry policy in force (route's, else virtual host's). */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /** Whether this is the redirect to https that {@code require_tls} forces. */
  public boolean tlsRedirect() {
    return tlsRedirect;
  }

  /** What the simulator could not reproduce exactly for this request (unsupported features). */
  public List<String> notes() {
    return notes;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(kind.name());
    virtualHostName().ifPresent(v -> b.append(" vhost=").append(v));
    routeIndex().ifPresent(i -> b.append(" route#").append(i));
    routeName().ifPresent(n -> b.append(" (").append(n).append(')'));
    cluster().ifPresent(c -> b.append(" cluster=").append(c));
    if (kind == Kind.FORWARD) {
      b.append(" path=").append(path()).append(" host=").append(host());
    }
    newUri().ifPresent(u -> b.append(" uri=").append(u));
    status().ifPresent(s -> b.append(" status=").append(s));
    return b.toString();
  }
}
