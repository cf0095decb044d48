package io.hango.routesim;

import static java.util.Objects.requireNonNull;

import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What Envoy's router does with one {@link Request}, one record per outcome, each with only its own
 * fields:
 *
 * <ul>
 *   <li>{@link Forward}: proxied to a cluster (plain, weighted or from a {@code cluster_header});
 *   <li>{@link Redirect}: a route's {@code redirect} action;
 *   <li>{@link TlsRedirect}: the redirect to https that the virtual host's {@code require_tls}
 *       forces before any route is looked at;
 *   <li>{@link DirectResponse}: a route's {@code direct_response};
 *   <li>{@link NoRoute}: no virtual host or no route matched, so Envoy answers 404.
 * </ul>
 *
 * <p>The three answers Envoy makes itself from a matched configuration ({@link Redirect}, {@link
 * TlsRedirect}, {@link DirectResponse}) are also {@link LocalReply LocalReplies}.
 *
 * <pre>{@code
 * if (sim.route(request) instanceof Decision.Forward f) {
 *   f.cluster();   // Optional[orders|v1]
 *   f.path();      // the :path sent upstream
 * }
 * }</pre>
 *
 * <p>For a {@link Forward} the request headers are those sent upstream (header mutations, host and
 * path rewrites applied) and the response headers are the upstream response headers of the request
 * after the route's response mutations. For a {@link LocalReply} the response headers are the ones
 * Envoy sends ({@code :status}, {@code location}, {@code content-type}, {@code content-length},
 * mutations).
 */
public sealed interface Decision {

  /** The name of the route configuration used. */
  String routeConfigurationName();

  /** The matched virtual host; empty only for a {@link NoRoute} when no virtual host matched. */
  Optional<String> virtualHostName();

  /** Request headers as sent upstream (or as seen when building a local reply). */
  Headers requestHeaders();

  /** What the simulator could not reproduce exactly for this request (unsupported features). */
  List<String> notes();

  /** The route that matched, if one did ({@link Forward}, {@link Redirect}, {@link DirectResponse}). */
  default Optional<MatchedRoute> matchedRoute() {
    return Optional.empty();
  }

  /** The matched route's {@code name}; empty when none matched or the route has no name. */
  default Optional<String> routeName() {
    return matchedRoute().flatMap(MatchedRoute::name);
  }

  /** The {@code :path} after rewrites (with query). */
  default String path() {
    return requestHeaders().get(":path").orElse("");
  }

  /** The {@code :authority} after host rewrites. */
  default String host() {
    return requestHeaders().get(":authority").orElse("");
  }

  /**
   * A route that matched a request.
   *
   * @param index its index within its virtual host
   * @param route the route as configured
   */
  record MatchedRoute(int index, Route route) {
    /** Checks the arguments. */
    public MatchedRoute {
      requireNonNull(route, "route");
    }

    /** The route's {@code name}; empty when it has none. */
    public Optional<String> name() {
      return Optional.of(route.getName()).filter(n -> !n.isEmpty());
    }
  }

  /** An outcome decided by a matched route: {@link Forward}, {@link Redirect}, {@link DirectResponse}. */
  sealed interface RouteMatched extends Decision {
    /** The matched virtual host. */
    String virtualHost();

    /** The matched route. */
    MatchedRoute route();

    @Override
    default Optional<String> virtualHostName() {
      return Optional.of(virtualHost());
    }

    @Override
    default Optional<MatchedRoute> matchedRoute() {
      return Optional.of(route());
    }
  }

  /** An answer Envoy makes itself, without an upstream: a redirect or a direct response. */
  sealed interface LocalReply extends Decision {
    /** The status Envoy answers with. */
    int status();

    /**
     * The URI Envoy computes ({@code DirectResponseEntry::newUri}): the {@code location} of a
     * redirect; for a direct response the request URL after rewrites.
     */
    String newUri();

    /** The response headers Envoy sends. */
    Headers responseHeaders();
  }

  /**
   * Proxied upstream.
   *
   * @param routeConfigurationName the route configuration used
   * @param virtualHost the matched virtual host
   * @param route the matched route
   * @param cluster the upstream cluster, after weighted choice or {@code cluster_header} lookup;
   *     empty when the named cluster header is missing (Envoy then answers with the route's {@code
   *     cluster_not_found_response_code})
   * @param virtualClusterName the virtual cluster (request stats) matched by the request: a
   *     configured name, or {@code other} when the virtual host has virtual clusters and none
   *     matched; empty when it has none
   * @param requestHeaders the request headers sent upstream
   * @param responseHeaders the upstream response headers after the response mutations
   * @param autoHostRewrite whether {@code auto_host_rewrite} applies: the upstream host name
   *     replaces the authority
   * @param timeout the route timeout (Envoy's default is 15s; zero disables it)
   * @param retryPolicy the retry policy in force (the route's, else the virtual host's)
   * @param notes what the simulator could not reproduce exactly
   */
  record Forward(
      String routeConfigurationName,
      String virtualHost,
      MatchedRoute route,
      Optional<String> cluster,
      Optional<String> virtualClusterName,
      Headers requestHeaders,
      Headers responseHeaders,
      boolean autoHostRewrite,
      Duration timeout,
      Optional<RetryPolicy> retryPolicy,
      List<String> notes)
      implements RouteMatched {
    /** Checks the arguments and copies the notes; an empty cluster name counts as none. */
    public Forward {
      requireNonNull(routeConfigurationName, "routeConfigurationName");
      requireNonNull(virtualHost, "virtualHost");
      requireNonNull(route, "route");
      cluster = cluster.filter(c -> !c.isEmpty());
      requireNonNull(virtualClusterName, "virtualClusterName");
      requireNonNull(requestHeaders, "requestHeaders");
      requireNonNull(responseHeaders, "responseHeaders");
      requireNonNull(timeout, "timeout");
      requireNonNull(retryPolicy, "retryPolicy");
      notes = List.copyOf(notes);
    }
  }

  /**
   * A route's {@code redirect} action.
   *
   * @param routeConfigurationName the route configuration used
   * @param virtualHost the matched virtual host
   * @param route the matched route
   * @param location the {@code location} Envoy sends
   * @param status the redirect's status (301 unless the route says otherwise)
   * @param requestHeaders the request headers as seen when building the reply
   * @param responseHeaders the response headers Envoy sends
   * @param notes what the simulator could not reproduce exactly
   */
  record Redirect(
      String routeConfigurationName,
      String virtualHost,
      MatchedRoute route,
      String location,
      int status,
      Headers requestHeaders,
      Headers responseHeaders,
      List<String> notes)
      implements RouteMatched, LocalReply {
    /** Checks the arguments and copies the notes. */
    public Redirect {
      requireNonNull(routeConfigurationName, "routeConfigurationName");
      requireNonNull(virtualHost, "virtualHost");
      requireNonNull(route, "route");
      requireNonNull(location, "location");
      requireNonNull(requestHeaders, "requestHeaders");
      requireNonNull(responseHeaders, "responseHeaders");
      notes = List.copyOf(notes);
    }

    /** The {@link #location()}. */
    @Override
    public String newUri() {
      return location;
    }
  }

  /**
   * The 301 redirect to https that the virtual host's {@code require_tls} forces; no route is
   * looked at.
   *
   * @param routeConfigurationName the route configuration used
   * @param virtualHost the matched virtual host
   * @param location {@code https://} + the request's authority and path
   * @param requestHeaders the request headers as received
   * @param responseHeaders the response headers Envoy sends
   * @param notes what the simulator could not reproduce exactly
   */
  record TlsRedirect(
      String routeConfigurationName,
      String virtualHost,
      String location,
      Headers requestHeaders,
      Headers responseHeaders,
      List<String> notes)
      implements LocalReply {
    /** The status of the redirect. */
    public static final int STATUS = 301;

    /** Checks the arguments and copies the notes. */
    public TlsRedirect {
      requireNonNull(routeConfigurationName, "routeConfigurationName");
      requireNonNull(virtualHost, "virtualHost");
      requireNonNull(location, "location");
      requireNonNull(requestHeaders, "requestHeaders");
      requireNonNull(responseHeaders, "responseHeaders");
      notes = List.copyOf(notes);
    }

    @Override
    public Optional<String> virtualHostName() {
      return Optional.of(virtualHost);
    }

    /** Always {@value #STATUS}. */
    @Override
    public int status() {
      return STATUS;
    }

    /** The {@link #location()}. */
    @Override
    public String newUri() {
      return location;
    }
  }

  /**
   * A route's {@code direct_response}.
   *
   * @param routeConfigurationName the route configuration used
   * @param virtualHost the matched virtual host
   * @param route the matched route
   * @param status the configured status
   * @param body the body ({@code ""} when the action has none or it cannot be read)
   * @param newUri the request URL after rewrites (the {@code location} of a 201 or 3xx)
   * @param requestHeaders the request headers as seen when building the reply
   * @param responseHeaders the response headers Envoy sends
   * @param notes what the simulator could not reproduce exactly
   */
  record DirectResponse(
      String routeConfigurationName,
      String virtualHost,
      MatchedRoute route,
      int status,
      String body,
      String newUri,
      Headers requestHeaders,
      Headers responseHeaders,
      List<String> notes)
      implements RouteMatched, LocalReply {
    /** Checks the arguments and copies the notes. */
    public DirectResponse {
      requireNonNull(routeConfigurationName, "routeConfigurationName");
      requireNonNull(virtualHost, "virtualHost");
      requireNonNull(route, "route");
      requireNonNull(body, "body");
      requireNonNull(newUri, "newUri");
      requireNonNull(requestHeaders, "requestHeaders");
      requireNonNull(responseHeaders, "responseHeaders");
      notes = List.copyOf(notes);
    }
  }

  /**
   * No virtual host or no route matched: Envoy answers {@value #STATUS}.
   *
   * @param routeConfigurationName the route configuration used
   * @param virtualHostName the virtual host that matched the authority, if one did
   * @param requestHeaders the request headers as received
   * @param notes what the simulator could not reproduce exactly (for example a request without
   *     {@code x-forwarded-proto})
   */
  record NoRoute(
      String routeConfigurationName,
      Optional<String> virtualHostName,
      Headers requestHeaders,
      List<String> notes)
      implements Decision {
    /** The status Envoy answers with. */
    public static final int STATUS = 404;

    /** Checks the arguments and copies the notes. */
    public NoRoute {
      requireNonNull(routeConfigurationName, "routeConfigurationName");
      requireNonNull(virtualHostName, "virtualHostName");
      requireNonNull(requestHeaders, "requestHeaders");
      notes = List.copyOf(notes);
    }

    /** Always {@value #STATUS}. */
    public int status() {
      return STATUS;
    }
  }
}
