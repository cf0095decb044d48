package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.ResourceKind;
import io.hango.model.gateway.AccessLog;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.GatewaySpec;
import io.hango.model.gateway.HttpSettings;
import io.hango.model.gateway.Listener;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.gateway.ListenerTls;
import io.hango.model.gateway.Tracing;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks a {@link Gateway}: listeners, TLS, client IP, access log, tracing, HTTP settings. Internal. */
public final class GatewayChecks {

  private final References refs;
  private final ProblemSink sink;
  private final SecretRefs secrets;

  public GatewayChecks(References refs, ProblemSink sink) {
    this.refs = refs;
    this.sink = sink;
    this.secrets = new SecretRefs(refs, sink);
  }

  public void check(Gateway g) {
    GatewaySpec spec = g.spec();
    if (spec.listeners().isEmpty()) {
      sink.error(g, "spec.listeners", "a gateway needs at least one listener");
    }
    Map<String, Integer> names = new HashMap<>();
    Map<Integer, Integer> ports = new HashMap<>();
    for (int i = 0; i < spec.listeners().size(); i++) {
      Listener l = spec.listeners().get(i);
      String path = "spec.listeners[" + i + "]";
      listener(g, l, path);
      Integer sameName = names.putIfAbsent(l.name(), i);
      if (sameName != null) {
        sink.error(g, path + ".name", "duplicate listener name '" + l.name() + "' (also listeners[" + sameName + "])");
      }
      Integer samePort = ports.putIfAbsent(l.port(), i);
      if (samePort != null) {
        sink.error(g, path + ".port", "port " + l.port() + " is already used by listeners[" + samePort + "]");
      }
    }
    spec.clientIp().ifPresent(c -> {
      if (c.xffTrustedHops() < 0 || c.xffTrustedHops() > 10) {
        sink.error(g, "spec.clientIp.xffTrustedHops", "must be between 0 and 10, not " + c.xffTrustedHops());
      }
      c.header().ifPresent(h -> Formats.headerName(h).ifPresent(m -> sink.error(g, "spec.clientIp.header", m)));
    });
    spec.accessLog().ifPresent(a -> accessLog(g, a));
    spec.tracing().ifPresent(t -> tracing(g, t));
    spec.http().ifPresent(h -> http(g, h));
  }

  private void listener(Gateway g, Listener l, String path) {
    Formats.label(l.name()).ifPresent(m -> sink.error(g, path + ".name", m));
    if (l.port() < 1 || l.port() > 65535) {
      sink.error(g, path + ".port", "port must be between 1 and 65535, not " + l.port());
    }
    Formats.ipAddress(l.address()).ifPresent(m -> sink.error(g, path + ".address", m));
    for (int j = 0; j < l.hosts().size(); j++) {
      String host = l.hosts().get(j);
      String hostPath = path + ".hosts[" + j + "]";
      Formats.hostPattern(host).ifPresent(m -> sink.error(g, hostPath, m));
      if (l.hosts().indexOf(host) < j) {
        sink.error(g, hostPath, "duplicate host '" + host + "'");
      }
    }
    if (l.protocol() == ListenerProtocol.HTTPS && l.tls().isEmpty()) {
      sink.error(g, path + ".tls", RuleMessages.HTTPS_NEEDS_TLS);
    }
    if (l.protocol() != ListenerProtocol.HTTPS && l.tls().isPresent()) {
      sink.error(g, path + ".tls", RuleMessages.tlsOnlyOnHttps(l.protocol()));
    }
    l.tls().ifPresent(t -> tls(g, t, path + ".tls"));
  }

  private void tls(Gateway g, ListenerTls t, String path) {
    secrets.certificate(g, path + ".certificate", t.certificate());
    t.clientCa().ifPresent(ca -> secrets.ca(g, path + ".clientCa", ca));
    for (int j = 0; j < t.alpn().size(); j++) {
      String alpnPath = path + ".alpn[" + j + "]";
      Formats.alpn(t.alpn().get(j)).ifPresent(m -> sink.error(g, alpnPath, m));
    }
  }

  private void accessLog(Gateway g, AccessLog a) {
    if (!a.path().startsWith("/")) {
      sink.error(g, "spec.accessLog.path", "the access log path must be absolute, e.g. /dev/stdout");
    }
    if (a.format() == AccessLog.Format.JSON && a.text().isPresent()) {
      sink.error(g, "spec.accessLog.text", "text is for format text; a json log uses fields");
    }
    if (a.format() == AccessLog.Format.TEXT && !a.fields().isEmpty()) {
      sink.error(g, "spec.accessLog.fields", "fields are for format json; a text log uses text");
    }
    a.text().filter(String::isBlank).ifPresent(t -> sink.error(g, "spec.accessLog.text", "the format string cannot be empty"));
    a.fields().keySet().stream().filter(String::isEmpty)
        .forEach(k -> sink.error(g, "spec.accessLog.fields", "a field name cannot be empty"));
  }

  private void tracing(Gateway g, Tracing t) {
    if (!refs.exists(ResourceKind.SERVICE, t.service())) {
      sink.error(g, "spec.tracing.service", refs.missing(ResourceKind.SERVICE, t.service()));
    }
    if (!(t.samplePercent() >= 0 && t.samplePercent() <= 100)) {
      sink.error(g, "spec.tracing.samplePercent", "must be between 0 and 100, not " + t.samplePercent());
    }
    t.path().ifPresent(p -> {
      if (t.provider() != Tracing.Provider.ZIPKIN) {
        sink.error(g, "spec.tracing.path", RuleMessages.TRACING_PATH_ZIPKIN_ONLY);
      } else if (!p.startsWith("/")) {
        sink.error(g, "spec.tracing.path", "a path must start with '/'");
      }
    });
    t.serviceName().filter(String::isBlank).ifPresent(s -> sink.error(g, "spec.tracing.serviceName", "cannot be empty"));
  }

  private void http(Gateway g, HttpSettings h) {
    positive(g, "spec.http.idleTimeout", h.idleTimeout());
    positive(g, "spec.http.requestTimeout", h.requestTimeout());
    positive(g, "spec.http.requestHeadersTimeout", h.requestHeadersTimeout());
    positive(g, "spec.http.streamIdleTimeout", h.streamIdleTimeout());
    h.maxRequestHeadersKb().filter(v -> v < 1 || v > 8192)
        .ifPresent(v -> sink.error(g, "spec.http.maxRequestHeadersKb", "must be between 1 and 8192, not " + v));
    h.maxHeadersCount().filter(v -> v < 1)
        .ifPresent(v -> sink.error(g, "spec.http.maxHeadersCount", "must be at least 1, not " + v));
    h.serverName().filter(String::isBlank).ifPresent(v -> sink.error(g, "spec.http.serverName", "cannot be empty"));
  }

  private void positive(Gateway g, String path, Optional<Duration> d) {
    d.filter(v -> !Formats.positive(v)).ifPresent(v -> sink.error(g, path, "must be longer than 0s"));
  }
}
