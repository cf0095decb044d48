package io.hango.translate.internal.plugins;

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
import io.hango.model.validation.Problem;
import io.hango.translate.internal.Protos;
import io.hango.translate.spi.AttachmentContext;
import io.hango.translate.spi.HcmContext;
import io.hango.translate.spi.HttpFilterOrder;
import io.hango.translate.spi.HttpFilterPlugin;
import io.hango.translate.spi.RouteContext;
import io.hango.translate.spi.VirtualHostContext;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code access-control}: a black list (deny matching requests) or a white list (allow only
 * matching requests).
 *
 * <pre>{@code
 * config:
 *   list: black                                  # or white
 *   clientIps: ["10.0.0.0/8", "192.168.1.7"]     # the client IP, as the gateway's clientIp settings determine it
 *   userAgents: [{contains: curl}]
 *   referers: [{prefix: "https://evil.example"}]
 *   uris: [{prefix: /admin}]                     # the path, without query
 *   headers: [{name: x-tenant, exact: blocked}]  # any header, with invert and present
 * }</pre>
 *
 * <p>A request is on the list when any entry matches; at least one entry is required. Envoy:
 * {@code envoy.filters.http.rbac} (no rules in the HCM, so no enforcement outside targeted
 * routes) with a per-route {@code RBACPerRoute} holding one policy (named after the plugin) with
 * action DENY (black) or ALLOW (white), permission {@code any}, one principal per entry
 * ({@code remote_ip}, {@code header}, {@code url_path}). gRPC clients implement RBAC, so it also
 * runs on proxyless-gRPC API listeners.
 */
public final class AccessControlPlugin implements HttpFilterPlugin {

  record Config(boolean white, List<Principal> principals) {}

  @Override
  public String type() {
    return "access-control";
  }

  @Override
  public String filterName() {
    return "envoy.filters.http.rbac";
  }

  @Override
  public int order() {
    return HttpFilterOrder.ACCESS_CONTROL;
  }

  @Override
  public boolean supportedByProxylessGrpc() {
    return true;
  }

  @Override
  public List<Problem> validate(ObjectNode config, String pathPrefix) {
    ConfigFields f = new ConfigFields();
    parse(config, pathPrefix, f);
    return f.problems();
  }

  static Config parse(ObjectNode config, String path, ConfigFields f) {
    f.known(config, path, "list", "clientIps", "userAgents", "referers", "uris", "headers");
    String list = f.string(config, "list", path, true).orElse("black");
    if (!list.equals("black") && !list.equals("white")) {
      f.error(path + ".list", "must be black or white");
    }
    List<Principal> principals = new ArrayList<>();
    List<String> ips = f.strings(config, "clientIps", path);
    for (int i = 0; i < ips.size(); i++) {
      CidrRange cidr = cidr(ips.get(i), path + ".clientIps[" + i + "]", f);
      if (cidr != null) {
        principals.add(Principal.newBuilder().setRemoteIp(cidr).build());
      }
    }
    valueEntries(config, "userAgents", "user-agent", path, f, principals);
    valueEntries(config, "referers", "referer", path, f, principals);
    List<JsonNode> uris = f.list(config, "uris", path);
    for (int i = 0; i < uris.size(); i++) {
      f.match(uris.get(i), path + ".uris[" + i + "]", false, false).ifPresent(m -> principals.add(
          Principal.newBuilder().setUrlPath(PathMatcher.newBuilder().setPath(Matchers.string(m.matcher()))).build()));
    }
    List<JsonNode> headers = f.list(config, "headers", path);
    for (int i = 0; i < headers.size(); i++) {
      f.match(headers.get(i), path + ".headers[" + i + "]", true, true).ifPresent(m -> principals.add(
          Principal.newBuilder().setHeader(Matchers.header(m.name(), m.matcher(), m.invert())).build()));
    }
    if (principals.isEmpty() && f.problems().isEmpty()) {
      f.error(path, "needs at least one entry in clientIps, userAgents, referers, uris or headers");
    }
    return new Config(list.equals("white"), principals);
  }

  private static void valueEntries(ObjectNode config, String field, String header, String path, ConfigFields f, List<Principal> out) {
    List<JsonNode> items = f.list(config, field, path);
    for (int i = 0; i < items.size(); i++) {
      f.match(items.get(i), path + "." + field + "[" + i + "]", false, true).ifPresent(m -> out.add(
          Principal.newBuilder().setHeader(Matchers.header(header, m.matcher(), false)).build()));
    }
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

  @Override
  public void patchHcm(HcmContext ctx) {
    ctx.addHttpFilter(filterName(), RBAC.getDefaultInstance());
  }

  @Override
  public void patchVirtualHost(VirtualHostContext ctx) {
    apply(ctx);
  }

  @Override
  public void patchRoute(RouteContext ctx) {
    apply(ctx);
  }

  private static void apply(AttachmentContext ctx) {
    ctx.setPerFilterConfig(perRoute(ctx.plugin().name(), parse(ctx.pluginConfig(), "spec.config", new ConfigFields())));
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
