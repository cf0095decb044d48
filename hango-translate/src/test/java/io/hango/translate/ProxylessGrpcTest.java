package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What proxyless gRPC clients are sent can be parsed by them: grpc-java (1.85) rejects a whole
 * RouteConfiguration when one route has a redirect or direct-response action or a path other than
 * prefix / path / safe_regex; and it reads an unset {@code case_sensitive} as false.
 */
class ProxylessGrpcTest {

  @Test
  void apiListenerRouteConfigurationsHoldOnlyRoutesGrpcJavaAccepts() throws Exception {
    List<Path> inputs;
    try (Stream<Path> s = Files.list(Paths.get("src/test/resources/golden/in"))) {
      inputs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int checked = 0;
    for (Path in : inputs) {
      EnvoyResources r = GoldenTest.translate(in).resources();
      Map<String, RouteConfiguration> rcs = r.routes().stream().collect(Collectors.toMap(RouteConfiguration::getName, Function.identity()));
      for (Listener l : r.listeners()) {
        if (!l.hasApiListener()) {
          continue;
        }
        HttpConnectionManager hcm = l.getApiListener().getApiListener().unpack(HttpConnectionManager.class);
        // grpc-java client filters: fault and router (RBAC is server-only: "is required but unsupported for client")
        assertThat(hcm.getHttpFiltersList()).as(in.getFileName() + " " + l.getName())
            .allMatch(f -> f.getIsOptional() || Set.of("envoy.filters.http.fault", "envoy.filters.http.router").contains(f.getName()));
        RouteConfiguration rc = rcs.get(hcm.getRds().getRouteConfigName());
        assertThat(rc).as(in.getFileName() + " " + l.getName()).isNotNull();
        for (VirtualHost vh : rc.getVirtualHostsList()) {
          for (Route route : vh.getRoutesList()) {
            String at = in.getFileName() + " " + rc.getName() + " " + route.getName();
            assertThat(route.hasRoute()).as(at + ": action").isTrue();
            assertThat(route.getMatch().hasPathMatchPolicy()).as(at + ": path_match_policy").isFalse();
            // grpc-java takes an unset case_sensitive as false (Envoy: true)
            if (route.getMatch().hasPrefix() || !route.getMatch().getPath().isEmpty()) {
              assertThat(route.getMatch().hasCaseSensitive()).as(at + ": case_sensitive").isTrue();
            }
            checked++;
          }
        }
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void listenerWithOnlyForwardingRoutesSharesItsRouteConfiguration() throws Exception {
    EnvoyResources r = GoldenTest.translate(Paths.get("src/test/resources/golden/in/weighted-subsets.yaml")).resources();
    assertThat(r.routes()).extracting(RouteConfiguration::getName).noneMatch(n -> n.endsWith("|grpc"));
  }
}
