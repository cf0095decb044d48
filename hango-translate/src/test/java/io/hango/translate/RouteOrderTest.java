package io.hango.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.hango.model.GatewayConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The specificity rule, as a table: in each row the first route must come before the second. */
class RouteOrderTest {

  @ParameterizedTest(name = "{0} before {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # first (YAML spec fragment)                                            | second
      priority: 1, match: {path: {prefix: /}}                                 | match: {path: {exact: /a}}
      match: {path: {exact: /a}}                                              | match: {path: {template: "/{x}"}}
      match: {path: {template: "/{x}"}}                                       | match: {path: {regex: "/.*"}}
      match: {path: {regex: "/.*"}}                                           | match: {path: {prefix: /aaaaaaaaaa}}
      match: {path: {prefix: /orders/items}}                                  | match: {path: {prefix: /orders}}
      match: {path: {exact: /orders/items}}                                   | match: {path: {exact: /orders}}
      match: {path: {regex: "/orders/[0-9]+"}}                                | match: {path: {regex: "/o.*"}}
      match: {path: {prefix: /a}, headers: [{name: x, present: true}]}        | match: {path: {prefix: /a}}
      match: {path: {prefix: /a}, methods: [GET], queryParams: [{name: q, present: true}]} | match: {path: {prefix: /a}, headers: [{name: x, present: true}]}
      match: {path: {prefix: /a}, methods: [GET]}                             | match: {path: {prefix: /a}}
      hosts: [api.example.com], match: {path: {prefix: /a}}                   | hosts: ["*.example.com"], match: {path: {prefix: /a}}
      hosts: ["*.example.com"], match: {path: {prefix: /a}}                   | hosts: ["*"], match: {path: {prefix: /a}}
      match: {path: {prefix: /a}}                                             | match: {path: {prefix: /a}}
      """)
  void firstComesFirst(String first, String second) {
    String yaml = """
        apiVersion: hango.io/v1alpha1
        kind: Gateway
        metadata: {name: g}
        spec: {listeners: [{name: l, port: 80}]}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Route
        metadata: {name: r2-second}
        spec: {gateway: g, %s, directResponse: {status: 200}}
        ---
        apiVersion: hango.io/v1alpha1
        kind: Route
        metadata: {name: r1-first}
        spec: {gateway: g, %s, directResponse: {status: 200}}
        """.formatted(withHosts(second), withHosts(first));
    GatewayConfig c = TestConfigs.read(yaml);
    Translation t = Translator.defaults().translate(c, Endpoints.empty());
    assertThat(t.diagnostics()).isEmpty();
    // the most specific virtual host holds both routes (the * route is copied into more specific ones)
    VirtualHost vh = t.resources().routes().get(0).getVirtualHostsList().stream()
        .filter(v -> v.getRoutesCount() == 2).findFirst().orElseThrow();
    List<String> names = vh.getRoutesList().stream().map(io.envoyproxy.envoy.config.route.v3.Route::getName).toList();
    assertThat(names).containsExactly("r1-first", "r2-second");
  }

  /** Routes serve {@code api.example.com} unless the fragment says otherwise. */
  private static String withHosts(String fragment) {
    return fragment.startsWith("hosts:") ? fragment : "hosts: [api.example.com], " + fragment;
  }
}
