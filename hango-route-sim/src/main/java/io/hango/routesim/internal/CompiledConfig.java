package io.hango.routesim.internal;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compiled {@link RouteConfiguration}: virtual hosts indexed the way Envoy's
 * {@code RouteMatcher} indexes them (exact domains, suffix wildcards and prefix wildcards by
 * length, and the single {@code *} default).
 */
public final class CompiledConfig {
  private final RouteConfiguration proto;
  private final Map<String, CompiledVirtualHost> exact = new HashMap<>();
  private final TreeMap<Integer, Map<String, CompiledVirtualHost>> suffixes = new TreeMap<>();
  private final TreeMap<Integer, Map<String, CompiledVirtualHost>> prefixes = new TreeMap<>();
  private CompiledVirtualHost defaultHost;
  private final HeaderMutation requestMutation;
  private final HeaderMutation responseMutation;

  private CompiledConfig(RouteConfiguration proto, Problems problems) {
    this.proto = proto;
    for (int i = 0; i < proto.getVirtualHostsCount(); i++) {
      VirtualHost vh = proto.getVirtualHosts(i);
      String where = "virtual_hosts[" + i + "]";
      CompiledVirtualHost host = new CompiledVirtualHost(vh, problems, where);
      if (vh.getDomainsCount() == 0) {
        problems.add(where + ".domains", "at least one domain is required");
      }
      for (String d : vh.getDomainsList()) {
        String domain = StringMatch.lower(d);
        boolean duplicate;
        if (domain.equals("*")) {
          if (defaultHost != null) {
            problems.add(where + ".domains", "only a single wildcard domain '*' is permitted");
            continue;
          }
          defaultHost = host;
          duplicate = false;
        } else if (domain.startsWith("*")) {
          duplicate = suffixes.computeIfAbsent(domain.length() - 1, k -> new HashMap<>())
              .putIfAbsent(domain.substring(1), host) != null;
        } else if (domain.endsWith("*")) {
          duplicate = prefixes.computeIfAbsent(domain.length() - 1, k -> new HashMap<>())
              .putIfAbsent(domain.substring(0, domain.length() - 1), host) != null;
        } else {
          duplicate = exact.putIfAbsent(domain, host) != null;
        }
        if (duplicate) {
          problems.add(where + ".domains", "duplicate domain '" + domain + "'");
        }
      }
    }
    this.requestMutation = HeaderMutation.compile(proto.getRequestHeadersToAddList(),
        proto.getRequestHeadersToRemoveList(), problems, "request_headers");
    this.responseMutation = HeaderMutation.compile(proto.getResponseHeadersToAddList(),
        proto.getResponseHeadersToRemoveList(), problems, "response_headers");
    if (proto.hasVhds()) {
      problems.add("vhds", "on-demand virtual hosts (VHDS) are not simulated");
    }
  }

  /** Compiles {@code proto}; every problem is added to {@code problems}. */
  public static CompiledConfig compile(RouteConfiguration proto, Problems problems) {
    return new CompiledConfig(proto, problems);
  }

  public RouteConfiguration proto() {
    return proto;
  }

  public String name() {
    return proto.getName();
  }

  public HeaderMutation requestMutation() {
    return requestMutation;
  }

  public HeaderMutation responseMutation() {
    return responseMutation;
  }

  public boolean mostSpecificHeaderMutationsWins() {
    return proto.getMostSpecificHeaderMutationsWins();
  }

  /** Envoy's {@code RouteMatcher::findVirtualHost} for the {@code :authority} value. */
  public CompiledVirtualHost findVirtualHost(String authority) {
    if (exact.isEmpty() && suffixes.isEmpty() && prefixes.isEmpty()) {
      return defaultHost;
    }
    String host = authority;
    if (proto.getIgnorePortInHostMatching()) {
      int portStart = portStart(host);
      if (portStart >= 0) {
        host = host.substring(0, portStart);
      }
    }
    host = StringMatch.lower(host);
    CompiledVirtualHost found = exact.get(host);
    if (found != null) {
      return found;
    }
    found = longestWildcard(host, suffixes, true);
    if (found != null) {
      return found;
    }
    found = longestWildcard(host, prefixes, false);
    return found != null ? found : defaultHost;
  }

  private static CompiledVirtualHost longestWildcard(String host,
      TreeMap<Integer, Map<String, CompiledVirtualHost>> byLength, boolean suffix) {
    for (Map.Entry<Integer, Map<String, CompiledVirtualHost>> e : byLength.descendingMap().entrySet()) {
      int len = e.getKey();
      // The wildcard must stand for at least one character: "*.foo.com" does not match ".foo.com".
      if (len >= host.length()) {
        continue;
      }
      String part = suffix ? host.substring(host.length() - len) : host.substring(0, len);
      CompiledVirtualHost vh = e.getValue().get(part);
      if (vh != null) {
        return vh;
      }
    }
    return null;
  }

  /** Envoy's {@code HeaderUtility::getPortStart}: the index of the port's colon, or -1. */
  public static int portStart(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0) {
      return -1;
    }
    // An IPv6 literal is always in brackets (RFC 3986 section 3.2.2).
    int v6End = host.lastIndexOf(']');
    return v6End < 0 || v6End < colon ? colon : -1;
  }

  /** All virtual hosts in configuration order. */
  public List<VirtualHost> virtualHosts() {
    return proto.getVirtualHostsList();
  }
}
