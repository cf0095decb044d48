package io.hango.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.GatewayConfig;
import io.hango.model.Metadata;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Mirror;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.secret.Secret;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.ConnectionPool;
import io.hango.model.service.Endpoint;
import io.hango.model.service.HashOn;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.PassiveHealthCheck;
import io.hango.model.service.Service;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Every model type can be a {@code @ForAll} parameter through the registered providers, and its one-of views hold. */
class ProvidersTest {

  @Property(tries = 30)
  void routeTypes(@ForAll Metadata m, @ForAll PathMatch p, @ForAll HeaderMatch h, @ForAll QueryParamMatch q, @ForAll RouteMatch rm,
      @ForAll Destination d, @ForAll Retry r, @ForAll Mirror mi, @ForAll Rewrite rw, @ForAll HeaderOperations ho,
      @ForAll Forward f, @ForAll Redirect re, @ForAll DirectResponse dr, @ForAll Route route) {
    assertThat(m.name()).isNotEmpty();
    assertThat(p.matcher()).isNotNull();
    assertThat(h.matcher()).isNotNull();
    assertThat(q.matcher()).isNotNull();
    assertThat(rm.path().matcher()).isNotNull();
    assertThat(f.destinations()).isNotEmpty();
    assertThat(route.spec().action()).isNotNull();
  }

  @Property(tries = 30)
  void serviceAndOtherTypes(@ForAll Listener l, @ForAll Gateway g, @ForAll Endpoint e, @ForAll Subset s, @ForAll LoadBalancer lb,
      @ForAll LoadBalancer.RoundRobin rr, @ForAll LoadBalancer.Random rnd, @ForAll LoadBalancer.LeastRequest lr,
      @ForAll LoadBalancer.ConsistentHash ch, @ForAll HashOn hash, @ForAll ConnectionPool cp, @ForAll ActiveHealthCheck ahc,
      @ForAll PassiveHealthCheck phc, @ForAll UpstreamTls tls, @ForAll TrafficPolicy tp, @ForAll Service svc, @ForAll Plugin pl,
      @ForAll Registry reg, @ForAll Secret sec) {
    assertThat(hash.key()).isNotNull();
    assertThat(ch.hashOn().key()).isNotNull();
    assertThat(ahc.probe()).isNotNull();
    assertThat(g.spec().listeners()).isNotEmpty();
    assertThat(pl.spec().targets()).isNotEmpty();
    assertThat(reg.spec().typeName()).isNotEmpty();
    assertThat(svc.spec().discoveryKind()).isNotNull();
  }

  @Property(tries = 20)
  void configsFromTheProviderValidate(@ForAll GatewayConfig config) {
    assertThat(config.validate().errors()).isEmpty();
  }
}
