package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.Resource;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.ConnectionPool;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.PassiveHealthCheck;
import io.hango.model.service.ServiceProtocol;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a {@link TrafficPolicy}: load balancer, connection pool, health checks, upstream TLS. Internal. */
final class TrafficPolicyChecks {

  private final ProblemSink sink;
  private final HashOnChecks hashOn;
  private final SecretRefs secrets;

  TrafficPolicyChecks(References refs, ProblemSink sink) {
    this.sink = sink;
    this.hashOn = new HashOnChecks(sink);
    this.secrets = new SecretRefs(refs, sink);
  }

  void check(Resource r, TrafficPolicy t, String path, ServiceProtocol protocol) {
    t.loadBalancer().ifPresent(lb -> loadBalancer(r, lb, path + ".loadBalancer"));
    t.connectionPool().ifPresent(cp -> connectionPool(r, cp, path + ".connectionPool"));
    t.healthCheck().ifPresent(hc -> {
      hc.active().ifPresent(a -> active(r, a, path + ".healthCheck.active", protocol));
      hc.passive().ifPresent(p -> passive(r, p, path + ".healthCheck.passive"));
    });
    t.tls().ifPresent(tls -> tls(r, tls, path + ".tls"));
  }

  private void loadBalancer(Resource r, LoadBalancer lb, String path) {
    if (lb instanceof LoadBalancer.RoundRobin rr) {
      rr.slowStart().ifPresent(s -> slowStart(r, s, path + ".slowStart"));
    } else if (lb instanceof LoadBalancer.LeastRequest lr) {
      if (lr.choiceCount() < 2) {
        sink.error(r, path + ".choiceCount", "must be at least 2, not " + lr.choiceCount());
      }
      lr.slowStart().ifPresent(s -> slowStart(r, s, path + ".slowStart"));
    } else if (lb instanceof LoadBalancer.ConsistentHash ch) {
      hashOn.check(r, ch.hashOn(), path + ".hashOn");
      ch.minimumRingSize().ifPresent(size -> {
        if (ch.algorithm() != LoadBalancer.ConsistentHash.Algorithm.RING_HASH) {
          sink.error(r, path + ".minimumRingSize", RuleMessages.MINIMUM_RING_SIZE_RING_HASH_ONLY);
        } else if (size < 1 || size > 8_388_608) {
          sink.error(r, path + ".minimumRingSize", "must be between 1 and 8388608, not " + size);
        }
      });
    }
  }

  private void slowStart(Resource r, LoadBalancer.SlowStart s, String path) {
    positive(r, path + ".window", s.window());
    if (!(s.aggression() > 0)) {
      sink.error(r, path + ".aggression", "must be greater than 0, not " + s.aggression());
    }
  }

  private void connectionPool(Resource r, ConnectionPool cp, String path) {
    cp.tcp().ifPresent(tcp -> {
      atLeast(r, path + ".tcp.maxConnections", tcp.maxConnections(), 1);
      tcp.connectTimeout().ifPresent(d -> positive(r, path + ".tcp.connectTimeout", d));
      tcp.keepalive().ifPresent(k -> {
        k.time().ifPresent(d -> wholeSeconds(r, path + ".tcp.keepalive.time", d));
        k.interval().ifPresent(d -> wholeSeconds(r, path + ".tcp.keepalive.interval", d));
        atLeast(r, path + ".tcp.keepalive.probes", k.probes(), 1);
      });
    });
    cp.http().ifPresent(http -> {
      atLeast(r, path + ".http.maxPendingRequests", http.maxPendingRequests(), 1);
      atLeast(r, path + ".http.maxRequests", http.maxRequests(), 1);
      atLeast(r, path + ".http.maxRequestsPerConnection", http.maxRequestsPerConnection(), 1);
      atLeast(r, path + ".http.maxRetries", http.maxRetries(), 0);
      http.idleTimeout().ifPresent(d -> positive(r, path + ".http.idleTimeout", d));
    });
  }

  private void active(Resource r, ActiveHealthCheck a, String path, ServiceProtocol protocol) {
    List<String> set = new ArrayList<>();
    a.http().ifPresent(v -> set.add("http"));
    a.tcp().ifPresent(v -> set.add("tcp"));
    a.grpc().ifPresent(v -> set.add("grpc"));
    OneOf.exactlyOne(sink, r, path, "an active health check", List.of("http", "tcp", "grpc"), set);
    positive(r, path + ".interval", a.interval());
    positive(r, path + ".timeout", a.timeout());
    if (a.healthyThreshold() < 1) {
      sink.error(r, path + ".healthyThreshold", "must be at least 1, not " + a.healthyThreshold());
    }
    if (a.unhealthyThreshold() < 1) {
      sink.error(r, path + ".unhealthyThreshold", "must be at least 1, not " + a.unhealthyThreshold());
    }
    a.http().ifPresent(h -> {
      if (!h.path().startsWith("/")) {
        sink.error(r, path + ".http.path", "a path must start with '/'");
      }
      h.host().ifPresent(host -> Formats.hostName(host).ifPresent(m -> sink.error(r, path + ".http.host", m)));
      for (int i = 0; i < h.expectedStatuses().size(); i++) {
        int s = h.expectedStatuses().get(i);
        if (s < 100 || s > 599) {
          sink.error(r, path + ".http.expectedStatuses[" + i + "]", "a status code is between 100 and 599, not " + s);
        }
      }
    });
    if (a.grpc().isPresent() && !protocol.usesHttp2()) {
      sink.error(r, path + ".grpc", RuleMessages.grpcHealthCheckNeedsHttp2(protocol));
    }
  }

  private void passive(Resource r, PassiveHealthCheck p, String path) {
    if (p.consecutive5xx().isEmpty() && p.consecutiveGatewayErrors().isEmpty() && p.failurePercentage().isEmpty()) {
      sink.error(r, path, "passive health checking needs at least one of consecutive5xx, consecutiveGatewayErrors, failurePercentage");
    }
    atLeast(r, path + ".consecutive5xx", p.consecutive5xx(), 1);
    atLeast(r, path + ".consecutiveGatewayErrors", p.consecutiveGatewayErrors(), 1);
    p.failurePercentage().ifPresent(f -> {
      percent(r, path + ".failurePercentage.threshold", f.threshold());
      atLeast(r, path + ".failurePercentage.minimumHosts", Optional.of(f.minimumHosts()), 0);
      atLeast(r, path + ".failurePercentage.requestVolume", Optional.of(f.requestVolume()), 0);
    });
    p.interval().ifPresent(d -> positive(r, path + ".interval", d));
    p.baseEjectionTime().ifPresent(d -> positive(r, path + ".baseEjectionTime", d));
    p.maxEjectionPercent().ifPresent(v -> percent(r, path + ".maxEjectionPercent", v));
    p.minHealthPercent().ifPresent(v -> percent(r, path + ".minHealthPercent", v));
  }

  private void tls(Resource r, UpstreamTls tls, String path) {
    tls.sni().ifPresent(s -> Formats.hostName(s).ifPresent(m -> sink.error(r, path + ".sni", m)));
    tls.caCertificate().ifPresent(ca -> secrets.ca(r, path + ".caCertificate", ca));
    tls.clientCertificate().ifPresent(c -> secrets.certificate(r, path + ".clientCertificate", c));
    if (tls.mode() == UpstreamTls.Mode.MUTUAL && tls.clientCertificate().isEmpty()) {
      sink.error(r, path + ".clientCertificate", RuleMessages.MUTUAL_NEEDS_CLIENT_CERTIFICATE);
    }
    if (tls.mode() == UpstreamTls.Mode.SIMPLE && tls.clientCertificate().isPresent()) {
      sink.error(r, path + ".clientCertificate", "a clientCertificate is only sent in mode mutual");
    }
    if (!tls.subjectAltNames().isEmpty() && tls.caCertificate().isEmpty()) {
      sink.error(r, path + ".subjectAltNames", RuleMessages.SUBJECT_ALT_NAMES_NEED_CA);
    }
    for (int j = 0; j < tls.alpn().size(); j++) {
      String alpnPath = path + ".alpn[" + j + "]";
      Formats.alpn(tls.alpn().get(j)).ifPresent(m -> sink.error(r, alpnPath, m));
    }
  }

  private void positive(Resource r, String path, Duration d) {
    if (!Formats.positive(d)) {
      sink.error(r, path, "must be longer than 0s");
    }
  }

  private void wholeSeconds(Resource r, String path, Duration d) {
    if (!Formats.positive(d) || d.toMillis() % 1000 != 0) {
      sink.error(r, path, "must be a whole number of seconds, at least 1s");
    }
  }

  private void atLeast(Resource r, String path, Optional<Integer> value, int min) {
    value.filter(v -> v < min).ifPresent(v -> sink.error(r, path, "must be at least " + min + ", not " + v));
  }

  private void percent(Resource r, String path, int value) {
    if (value < 0 || value > 100) {
      sink.error(r, path, "must be between 0 and 100, not " + value);
    }
  }
}
