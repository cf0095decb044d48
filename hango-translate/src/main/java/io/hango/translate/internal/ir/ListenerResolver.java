package io.hango.translate.internal.ir;

import io.hango.model.ResourceKind;
import io.hango.model.gateway.ClientIp;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.gateway.ListenerTls;
import io.hango.model.gateway.Tracing;
import io.hango.model.secret.Secret;
import io.hango.model.service.Service;
import io.hango.model.validation.RuleMessages;
import io.hango.translate.TranslatorOptions;
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.HostPatterns;
import io.hango.translate.internal.RouteOrder;
import io.hango.translate.spi.HttpFilterPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves one gateway listener: which routes it serves in which virtual hosts (placement), the
 * plugin documents that apply there, its TLS, and the gateway's tracing.
 *
 * <p>Placement: a route is placed, through each of its host patterns (the listener's when it lists
 * none), in the virtual host of that pattern when a listener host covers it, or in the virtual host
 * of the listener host when the pattern covers that. A virtual host holds every placed route whose
 * pattern covers it, in {@link RouteOrder}. A Host-targeted plugin on a host that only a broader
 * virtual host serves gets a virtual host of its own.
 */
final class ListenerResolver {

  private record Placement(IrRoute route, String pattern, String vhost) {}

  private final TranslatorOptions options;
  private final PluginResolver plugins;
  private final ClusterResolver clusters;
  private final Map<String, Service> services;
  private final Diagnostics diags;

  ListenerResolver(TranslatorOptions options, PluginResolver plugins, ClusterResolver clusters, Map<String, Service> services, Diagnostics diags) {
    this.options = options;
    this.plugins = plugins;
    this.clusters = clusters;
    this.services = services;
    this.diags = diags;
  }

  IrListener resolve(Gateway g, Listener l, int index, List<IrRoute> routes, Map<String, Secret> secrets) {
    TreeSet<String> listenerHosts = new TreeSet<>();
    (l.hosts().isEmpty() ? List.of("*") : l.hosts()).forEach(h -> listenerHosts.add(HostPatterns.normalize(h)));
    List<Placement> placements = new ArrayList<>();
    for (IrRoute r : routes) {
      if (r.model().spec().listener().isPresent() && !r.model().spec().listener().get().equals(l.name())) {
        continue;
      }
      Set<String> patterns = new TreeSet<>();
      (r.model().spec().hosts().isEmpty() ? listenerHosts : r.model().spec().hosts()).forEach(h -> patterns.add(HostPatterns.normalize(h)));
      for (String p : patterns) {
        for (String lh : listenerHosts) {
          if (HostPatterns.covers(lh, p)) {
            placements.add(new Placement(r, p, p));
          } else if (HostPatterns.covers(p, lh)) {
            placements.add(new Placement(r, p, lh));
          }
        }
      }
    }
    TreeSet<String> vhosts = new TreeSet<>();
    placements.forEach(p -> vhosts.add(p.vhost()));
    for (String host : plugins.hostTargets()) {
      if (listenerHosts.stream().anyMatch(lh -> HostPatterns.covers(lh, host))
          && placements.stream().anyMatch(p -> HostPatterns.covers(p.pattern(), host))) {
        vhosts.add(host);
      }
    }
    Set<String> usedTypes = new TreeSet<>();
    List<IrVirtualHost> virtualHosts = new ArrayList<>();
    for (String v : vhosts) {
      Map<String, RouteOrder.Entry> entries = new TreeMap<>();
      for (Placement p : placements) {
        if (HostPatterns.covers(p.pattern(), v)) {
          RouteOrder.Entry e = new RouteOrder.Entry(p.route(), p.pattern());
          entries.merge(p.route().name(), e, (a, b) -> RouteOrder.COMPARATOR.compare(a, b) <= 0 ? a : b);
        }
      }
      List<RouteOrder.Entry> ordered = new ArrayList<>(entries.values());
      ordered.sort(RouteOrder.COMPARATOR);
      List<IrRoute> vhRoutes = ordered.stream().map(RouteOrder.Entry::route).toList();
      vhRoutes.forEach(r -> r.plugins().forEach(a -> usedTypes.add(a.doc().type())));
      List<PluginAttachment> vhPlugins = plugins.forVirtualHost(v, g.name());
      vhPlugins.forEach(a -> usedTypes.add(a.doc().type()));
      virtualHosts.add(new IrVirtualHost(v, vhRoutes, vhPlugins));
    }
    Map<String, HttpFilterPlugin> filters = new LinkedHashMap<>();
    virtualHosts.forEach(v -> {
      v.routes().forEach(r -> r.plugins().forEach(a -> filters.put(a.doc().type(), a.doc().plugin())));
      v.plugins().forEach(a -> filters.put(a.doc().type(), a.doc().plugin()));
    });
    List<HttpFilterPlugin> ordered = new ArrayList<>(filters.values());
    ordered.sort(io.hango.translate.internal.PluginRegistry.ORDER);
    List<SecretRef> secretRefs = new ArrayList<>();
    Optional<ListenerTls> tls = tls(g, l, index, secretRefs);
    boolean emitted = l.protocol() != ListenerProtocol.HTTPS || tls.isPresent();
    return new IrListener(g, l, index, List.copyOf(listenerHosts), virtualHosts, ordered, tls, emitted, secretRefs);
  }

  /** The TLS of an HTTPS listener when its secrets are usable; otherwise the listener is left out (reported). */
  private Optional<ListenerTls> tls(Gateway g, Listener l, int index, List<SecretRef> refs) {
    String ref = g.ref();
    String at = "spec.listeners[" + index + "].tls";
    if (l.protocol() != ListenerProtocol.HTTPS) {
      if (l.tls().isPresent()) {
        diags.warning(ref, at, RuleMessages.tlsOnlyOnHttps(l.protocol()) + "; ignored");
      }
      return Optional.empty();
    }
    if (l.tls().isEmpty()) {
      diags.error(ref, at, RuleMessages.HTTPS_NEEDS_TLS + "; listener left out");
      return Optional.empty();
    }
    ListenerTls tls = l.tls().get();
    Optional<String> cert = clusters.secretProblem(tls.certificate(), SecretUse.CERTIFICATE);
    if (cert.isPresent()) {
      diags.error(ref, at + ".certificate", cert.get() + "; listener left out");
      return Optional.empty();
    }
    Optional<String> ca = tls.clientCa().flatMap(name -> clusters.secretProblem(name, SecretUse.CA_BUNDLE));
    if (ca.isPresent()) {
      diags.error(ref, at + ".clientCa", ca.get() + "; listener left out");
      return Optional.empty();
    }
    refs.add(new SecretRef(tls.certificate(), SecretUse.CERTIFICATE, true));
    tls.clientCa().ifPresent(name -> refs.add(new SecretRef(name, SecretUse.CA_BUNDLE, true)));
    return Optional.of(tls);
  }

  /**
   * The gateway's tracing with its collector, empty when it has none or the collector does not
   * exist (reported); also reports the gateway-wide settings that do not apply.
   */
  Optional<IrTracing> tracing(Gateway g) {
    String ref = g.ref();
    ClientIp ip = g.spec().clientIp().orElse(ClientIp.builder().build());
    if (ip.header().isPresent() && ip.xffTrustedHops() > 0) {
      diags.warning(ref, "spec.clientIp.xffTrustedHops", "ignored: the client IP comes from header '" + ip.header().get() + "'");
    }
    if (g.spec().tracing().isEmpty()) {
      return Optional.empty();
    }
    Tracing t = g.spec().tracing().get();
    Service collector = services.get(t.service());
    if (collector == null) {
      diags.error(ref, "spec.tracing.service", RuleMessages.missing(ResourceKind.SERVICE, t.service(), services.keySet()) + "; tracing left out");
      return Optional.empty();
    }
    if (t.provider() == Tracing.Provider.ZIPKIN) {
      if (t.serviceName().isPresent()) {
        diags.warning(ref, "spec.tracing.serviceName", "Zipkin reports the proxy's --service-cluster as service name; ignored");
      }
    } else {
      if (!collector.spec().protocol().usesHttp2()) {
        diags.warning(ref, "spec.tracing.service", "the OpenTelemetry collector is called over gRPC: give Service/" + t.service() + " protocol grpc");
      }
      if (t.path().isPresent()) {
        diags.warning(ref, "spec.tracing.path", RuleMessages.TRACING_PATH_ZIPKIN_ONLY + "; ignored");
      }
    }
    return Optional.of(new IrTracing(t, collector));
  }
}
