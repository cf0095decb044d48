package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

import com.google.common.net.InetAddresses;
import io.envoyproxy.envoy.config.core.v3.CidrRange;
import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute;
import io.envoyproxy.envoy.type.matcher.v3.PathMatcher;
import io.hango.translate.internal.Protos;
import io.hango.translate.spi.HttpFilterOrder;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.StringMatcher;
import java.net.InetAddress;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code access-control}: a black list (deny matching requests) or a white list (allow only
 * matching requests).
 *
 * <pre>{@code
 * config:
 *   deny:                                       # or allow: [...] for a white list; exactly one of the two
 *     - "192.0.2.0/24"                          # a string: a client IP or CIDR range
 *     - {clientIp: "198.51.100.7"}
 *     - {userAgent: {contains: curl}}
 *     - {referer: {prefix: "https://evil.example"}}
 *     - {uri: {prefix: /admin}}                 # the path, without query
 *     - {header: {name: x-tenant, exact: blocked}}   # any header, with invert and present
 * }</pre>
 *
 * <p>The client IP is the one the gateway's {@code clientIp} settings determine. A request is on
 * the list when any entry matches; at least one entry is required. The config is an {@link
 * AccessControlConfig}. Envoy:
 * {@code envoy.filters.http.rbac} (no rules in the HCM, so no enforcement outside targeted
 * routes and hosts) with a per-route {@code RBACPerRoute} holding one policy (named after the
 * plugin document) with action DENY ({@code deny}) or ALLOW ({@code allow}), permission
 * {@code any}, one principal per entry ({@code remote_ip}, {@code header}, {@code url_path}). Not
 * on proxyless-gRPC API listeners: grpc-java implements RBAC on the server side only and rejects the
 * whole client Listener that lists it ("is required but unsupported for client"); access control
 * of gRPC calls is the called server's business.
 */
public final class AccessControlPlugin extends PerRouteConfigPlugin<AccessControlConfig> {

  private static final String ENTRY = "must be a client IP / CIDR string, or an object with exactly one of clientIp, userAgent, referer, uri, header";

  public AccessControlPlugin() {
    super("access-control", "envoy.filters.http.rbac", HttpFilterOrder.ACCESS_CONTROL, AccessControlConfig.class);
  }

  @Override
  Message hcmConfig() {
    return RBAC.getDefaultInstance();
  }

  @Override
  Message perFilterConfig(Plugin plugin, AccessControlConfig config) {
    return perRoute(plugin.name(), config);
  }

  @Override
  void semantics(AccessControlConfig config, String path, ConfigChecks f) {
    if (config.deny().isPresent() == config.allow().isPresent()) {
      f.error(path, config.deny().isPresent() ? "needs only one of deny, allow" : "needs one of deny (black list), allow (white list)");
    }
    boolean white = white(config);
    String field = white ? "allow" : "deny";
    List<AccessControlConfig.Entry> entries = entries(config);
    for (int i = 0; i < entries.size(); i++) {
      principal(entries.get(i), path + "." + field + "[" + i + "]", f);
    }
    if (entries.isEmpty() && f.problems().isEmpty()) {
      f.error(path + "." + field, "needs at least one entry");
    }
  }

  private static boolean white(AccessControlConfig c) {
    return c.deny().isEmpty() && c.allow().isPresent();
  }

  private static List<AccessControlConfig.Entry> entries(AccessControlConfig c) {
    return (white(c) ? c.allow() : c.deny()).orElse(List.of());
  }

  /** The principal of entry {@code e} at {@code at}, reporting its problems to {@code f}; null when it has one. */
  private static Principal principal(AccessControlConfig.Entry e, String at, ConfigChecks f) {
    if (e.written()) {
      CidrRange cidr = cidr(e.clientIp().orElseThrow(), at, f);
      return cidr == null ? null : Principal.newBuilder().setRemoteIp(cidr).build();
    }
    int set = (e.clientIp().isPresent() ? 1 : 0) + (e.userAgent().isPresent() ? 1 : 0) + (e.referer().isPresent() ? 1 : 0)
        + (e.uri().isPresent() ? 1 : 0) + (e.header().isPresent() ? 1 : 0);
    if (set != 1) {
      f.error(at, ENTRY);
      return null;
    }
    if (e.clientIp().isPresent()) {
      String ip = e.clientIp().get();
      CidrRange cidr = f.nonEmpty(ip, at + ".clientIp") ? cidr(ip, at + ".clientIp", f) : null;
      return cidr == null ? null : Principal.newBuilder().setRemoteIp(cidr).build();
    }
    if (e.userAgent().isPresent()) {
      return f.match(e.userAgent().get(), at + ".userAgent", true)
          .map(m -> Principal.newBuilder().setHeader(Matchers.header("user-agent", m, false)).build()).orElse(null);
    }
    if (e.referer().isPresent()) {
      return f.match(e.referer().get(), at + ".referer", true)
          .map(m -> Principal.newBuilder().setHeader(Matchers.header("referer", m, false)).build()).orElse(null);
    }
    if (e.uri().isPresent()) {
      return f.match(e.uri().get(), at + ".uri", false)
          .map(m -> Principal.newBuilder().setUrlPath(PathMatcher.newBuilder().setPath(Matchers.string(m))).build()).orElse(null);
    }
    HeaderMatch h = e.header().orElseThrow();
    boolean named = f.nonEmpty(h.name(), at + ".header.name");
    Optional<StringMatcher> m = f.match(h, at + ".header", true);
    return named && m.isPresent() ? Principal.newBuilder().setHeader(Matchers.header(h.name(), m.get(), h.invert())).build() : null;
  }

  private static CidrRange cidr(String text, String path, ConfigChecks f) {
    String[] parts = text.split("/", -1);
    if (parts.length > 2 || !InetAddresses.isInetAddress(parts[0])) {
      f.error(path, "'" + text + "' is not an IP address or CIDR range");
      return null;
    }
    InetAddress addr = InetAddresses.forString(parts[0]);
    int max = addr.getAddress().length * 8;
    int len = max;
    if (parts.length == 2) {
      try {
        len = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        len = -1;
      }
      if (len < 0 || len > max) {
        f.error(path, "'" + text + "' has a prefix length outside 0–" + max);
        return null;
      }
    }
    return CidrRange.newBuilder().setAddressPrefix(parts[0]).setPrefixLen(Protos.u32(len)).build();
  }

  static RBACPerRoute perRoute(String policyName, AccessControlConfig c) {
    ConfigChecks ignored = new ConfigChecks();
    List<Principal> principals = new ArrayList<>();
    for (AccessControlConfig.Entry e : entries(c)) {
      Principal p = principal(e, "", ignored);
      if (p != null) {
        principals.add(p);
      }
    }
    Policy policy = Policy.newBuilder()
        .addPermissions(Permission.newBuilder().setAny(true))
        .addAllPrincipals(principals)
        .build();
    io.envoyproxy.envoy.config.rbac.v3.RBAC rules = io.envoyproxy.envoy.config.rbac.v3.RBAC.newBuilder()
        .setAction(white(c) ? io.envoyproxy.envoy.config.rbac.v3.RBAC.Action.ALLOW : io.envoyproxy.envoy.config.rbac.v3.RBAC.Action.DENY)
        .putPolicies(policyName, policy)
        .build();
    return RBACPerRoute.newBuilder().setRbac(RBAC.newBuilder().setRules(rules)).build();
  }
}
