package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.InetAddress;
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
 * the list when any entry matches; at least one entry is required. Envoy:
 * {@code envoy.filters.http.rbac} (no rules in the HCM, so no enforcement outside targeted
 * routes and hosts) with a per-route {@code RBACPerRoute} holding one policy (named after the
 * plugin document) with action DENY ({@code deny}) or ALLOW ({@code allow}), permission
 * {@code any}, one principal per entry ({@code remote_ip}, {@code header}, {@code url_path}). Not
 * on proxyless-gRPC API listeners: grpc-java implements RBAC on the server side only and rejects the
 * whole client Listener that lists it ("is required but unsupported for client"); access control
 * of gRPC calls is the called server's business.
 */
public final class AccessControlPlugin extends PerRouteConfigPlugin<AccessControlPlugin.Config> {

  record Config(boolean white, List<Principal> principals) {}

  public AccessControlPlugin() {
    super("access-control", "envoy.filters.http.rbac", HttpFilterOrder.ACCESS_CONTROL);
  }

  @Override
  Message hcmConfig() {
    return RBAC.getDefaultInstance();
  }

  @Override
  Message perFilterConfig(Plugin plugin, Config config) {
    return perRoute(plugin.name(), config);
  }

  @Override
  Config parse(ObjectNode config, String path, ConfigFields f) {
    f.known(config, path, "deny", "allow");
    if (config.has("deny") == config.has("allow")) {
      f.error(path, config.has("deny") ? "needs only one of deny, allow" : "needs one of deny (black list), allow (white list)");
    }
    boolean white = !config.has("deny") && config.has("allow");
    String field = white ? "allow" : "deny";
    List<Principal> principals = new ArrayList<>();
    List<JsonNode> entries = f.list(config, field, path);
    for (int i = 0; i < entries.size(); i++) {
      String at = path + "." + field + "[" + i + "]";
      JsonNode e = entries.get(i);
      if (e.isTextual()) {
        CidrRange cidr = cidr(e.asText(), at, f);
        if (cidr != null) {
          principals.add(Principal.newBuilder().setRemoteIp(cidr).build());
        }
        continue;
      }
      if (!e.isObject() || e.size() != 1) {
        f.error(at, "must be a client IP / CIDR string, or an object with exactly one of clientIp, userAgent, referer, uri, header");
        continue;
      }
      f.known(e, at, "clientIp", "userAgent", "referer", "uri", "header");
      if (e.has("clientIp")) {
        f.string(e, "clientIp", at, true).map(ip -> cidr(ip, at + ".clientIp", f))
            .ifPresent(cidr -> principals.add(Principal.newBuilder().setRemoteIp(cidr).build()));
      } else if (e.has("userAgent")) {
        f.match(e.get("userAgent"), at + ".userAgent", false, true)
            .ifPresent(m -> principals.add(Principal.newBuilder().setHeader(Matchers.header("user-agent", m.matcher(), false)).build()));
      } else if (e.has("referer")) {
        f.match(e.get("referer"), at + ".referer", false, true)
            .ifPresent(m -> principals.add(Principal.newBuilder().setHeader(Matchers.header("referer", m.matcher(), false)).build()));
      } else if (e.has("uri")) {
        f.match(e.get("uri"), at + ".uri", false, false).ifPresent(m -> principals.add(
            Principal.newBuilder().setUrlPath(PathMatcher.newBuilder().setPath(Matchers.string(m.matcher()))).build()));
      } else if (e.has("header")) {
        f.match(e.get("header"), at + ".header", true, true)
            .ifPresent(m -> principals.add(Principal.newBuilder().setHeader(Matchers.header(m.name(), m.matcher(), m.invert())).build()));
      }
    }
    if (entries.isEmpty() && f.problems().isEmpty()) {
      f.error(path + "." + field, "needs at least one entry");
    }
    return new Config(white, principals);
  }

  private static CidrRange cidr(String text, String path, ConfigFields f) {
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

  static RBACPerRoute perRoute(String policyName, Config c) {
    Policy policy = Policy.newBuilder()
        .addPermissions(Permission.newBuilder().setAny(true))
        .addAllPrincipals(c.principals())
        .build();
    io.envoyproxy.envoy.config.rbac.v3.RBAC rules = io.envoyproxy.envoy.config.rbac.v3.RBAC.newBuilder()
        .setAction(c.white() ? io.envoyproxy.envoy.config.rbac.v3.RBAC.Action.ALLOW : io.envoyproxy.envoy.config.rbac.v3.RBAC.Action.DENY)
        .putPolicies(policyName, policy)
        .build();
    return RBACPerRoute.newBuilder().setRbac(RBAC.newBuilder().setRules(rules)).build();
  }
}
