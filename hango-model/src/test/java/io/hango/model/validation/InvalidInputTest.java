package io.hango.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One invalid input per row, each asserting the exact problems reported: position, resource, field
 * path and message. The document under test comes first in the text, so its line numbers are the
 * ones written below; a valid {@link #BASE} (gateway, service, secret) follows for references.
 */
class InvalidInputTest {

  static final String BASE = String.join("\n",
      "---",
      "apiVersion: hango.io/v1alpha1",
      "kind: Gateway",
      "metadata: {name: edge}",
      "spec:",
      "  listeners:",
      "    - {name: http, port: 8080, hosts: [\"api.example.com\"]}",
      "    - {name: https, port: 8443, protocol: HTTPS, hosts: [\"secure.example.com\"], tls: {certificate: cert}}",
      "---",
      "apiVersion: hango.io/v1alpha1",
      "kind: Service",
      "metadata: {name: orders}",
      "spec:",
      "  endpoints:",
      "    - {address: 10.0.0.1, port: 80, labels: {version: v1}}",
      "  subsets:",
      "    - {name: v1, labels: {version: v1}}",
      "---",
      "apiVersion: hango.io/v1alpha1",
      "kind: Secret",
      "metadata: {name: cert}",
      "spec:",
      "  certificate: {file: /tls/tls.crt}",
      "  privateKey: {file: /tls/tls.key}",
      "  ca: {file: /tls/ca.crt}",
      "");

  /** A route named {@code r} on gateway {@code edge}; {@code spec} lines start at line 6. */
  static String route(String... spec) {
    return "apiVersion: hango.io/v1alpha1\nkind: Route\nmetadata: {name: r}\nspec:\n  gateway: edge\n"
        + lines(spec);
  }

  /** A document of {@code kind} named {@code x}; {@code spec} lines start at line 5. */
  static String doc(String kind, String... spec) {
    return "apiVersion: hango.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: x}\nspec:\n" + lines(spec);
  }

  static String lines(String... lines) {
    return Stream.of(lines).map(l -> l + "\n").collect(Collectors.joining());
  }

  static Arguments row(String name, String yaml, String... expected) {
    return Arguments.of(name, yaml, List.of(expected));
  }

  static Stream<Arguments> cases() {
    String ok = "  directResponse: {status: 200}";
    return Stream.of(
        // structure: reported by the reader, before binding
        row("unknown field with hint", route("  hots: [api.example.com]", ok),
            "6:3: Route/r: spec.hots: unknown field 'hots'; did you mean 'hosts'?"),
        row("unknown field without hint", route("  colour: blue", ok),
            "6:3: Route/r: spec.colour: unknown field 'colour'"),
        row("text for a whole number", route("  priority: high", ok),
            "6:13: Route/r: spec.priority: expected a whole number, found 'high'"),
        row("decimal for a whole number", route("  priority: 1.5", ok),
            "6:13: Route/r: spec.priority: expected a whole number, found number 1.5"),
        row("number too large", route("  priority: 99999999999", ok),
            "6:13: Route/r: spec.priority: 99999999999 is out of range (-2147483648 to 2147483647)"),
        row("bare number for a duration", route("  forward: {destinations: [{service: orders}], timeout: 3}"),
            "6:57: Route/r: spec.forward.timeout: '3' is not a duration: write a number with a unit (h, m, s, ms), e.g. 250ms, 5s, 1m30s"),
        row("duration units out of order", route("  forward: {destinations: [{service: orders}], timeout: 5s1m}"),
            "6:57: Route/r: spec.forward.timeout: '5s1m' is not a duration: write each unit once, largest first, e.g. 1m30s"),
        row("boolean for a string", route("  match: {headers: [{name: x-beta, exact: true}]}", ok),
            "6:43: Route/r: spec.match.headers[0].exact: expected a string, found true (quote it: \"true\")"),
        row("text for a boolean", route("  enabled: \"no\"", ok),
            "6:12: Route/r: spec.enabled: expected true or false, found 'no'"),
        row("scalar for a list", route("  match: {methods: GET}", ok),
            "6:20: Route/r: spec.match.methods: expected a list, found 'GET'"),
        row("null list element", route("  hosts: [api.example.com, null]", ok),
            "6:28: Route/r: spec.hosts[1]: a list element cannot be null"),
        row("missing required field", route("  forward: {destinations: [{weight: 1}]}"),
            "6:28: Route/r: spec.forward.destinations[0].service: required field 'service' is missing"),
        row("bad enum value", doc("Gateway", "  listeners: [{name: tcp, port: 9000, protocol: TCP}]"),
            "5:49: Gateway/x: spec.listeners[0].protocol: 'TCP' is not one of HTTP, HTTPS, HTTP2; did you mean 'HTTP'?"),
        row("missing type of a polymorphic object", doc("Service", "  trafficPolicy: {loadBalancer: {hashOn: {header: x-user}}}"),
            "5:33: Service/x: spec.trafficPolicy.loadBalancer.type: required field 'type' is missing; one of roundRobin, random, leastRequest, consistentHash"),
        row("unknown type of a polymorphic object", doc("Service", "  trafficPolicy: {loadBalancer: {type: fastest}}"),
            "5:40: Service/x: spec.trafficPolicy.loadBalancer.type: 'fastest' is not one of roundRobin, random, leastRequest, consistentHash"),
        row("custom registry type with settings outside 'settings'", doc("Registry", "  type: consul\n  address: 127.0.0.1:8500"),
            "6:3: Registry/x: spec.address: unknown field 'address'; type 'consul' is not built in (kubernetes, eureka, nacos, zookeeper, static), so its settings go under 'settings'"),
        row("field of another subtype", doc("Service", "  trafficPolicy: {loadBalancer: {type: random, choiceCount: 2}}"),
            "5:48: Service/x: spec.trafficPolicy.loadBalancer.choiceCount: unknown field 'choiceCount'"),
        row("missing kind", "apiVersion: hango.io/v1alpha1\nmetadata: {name: x}\n",
            "1:1: kind: required field 'kind' is missing; one of Gateway, Route, Service, Plugin, Registry, Secret"),
        row("unknown kind", "kind: Servce\nmetadata: {name: x}\n",
            "1:7: kind: 'Servce' is not a kind; one of Gateway, Route, Service, Plugin, Registry, Secret; did you mean 'Service'?"),
        row("unsupported apiVersion", "apiVersion: hango.io/v2\nkind: Secret\nmetadata: {name: x}\nspec: {ca: {file: /ca.crt}}\n",
            "1:13: Secret/x: apiVersion: unsupported apiVersion 'hango.io/v2'; this release reads hango.io/v1alpha1"),
        row("document not an object", "just text\n",
            "1:1: a document must be an object with apiVersion, kind, metadata and spec; found 'just text'"),
        row("missing metadata name", "kind: Secret\nmetadata: {labels: {a: b}}\nspec: {ca: {file: /ca.crt}}\n",
            "2:11: Secret: metadata.name: required field 'name' is missing"),

        // routes
        row("gateway does not exist", "apiVersion: hango.io/v1alpha1\nkind: Route\nmetadata: {name: r}\nspec:\n  gateway: edg\n" + ok + "\n",
            "5:12: Route/r: spec.gateway: Gateway 'edg' does not exist; did you mean 'edge'?"),
        row("listener does not exist", route("  listener: http2", ok),
            "6:13: Route/r: spec.listener: Gateway 'edge' has no listener 'http2'; did you mean 'http'?"),
        row("destination service does not exist", route("  forward: {destinations: [{service: order}]}"),
            "6:38: Route/r: spec.forward.destinations[0].service: Service 'order' does not exist; did you mean 'orders'?"),
        row("subset does not exist", route("  forward: {destinations: [{service: orders, subset: v2}]}"),
            "6:54: Route/r: spec.forward.destinations[0].subset: Service 'orders' has no subset 'v2'; did you mean 'v1'?"),
        row("mirror service does not exist", route("  forward: {destinations: [{service: orders}], mirror: {service: shadow}}"),
            "6:66: Route/r: spec.forward.mirror.service: Service 'shadow' does not exist"),
        row("no action", route("  priority: 1"),
            "5:3: Route/r: spec: a route needs exactly one of forward, redirect, directResponse; found none"),
        row("two actions", route("  redirect: {path: /b}", ok),
            "5:3: Route/r: spec: a route needs exactly one of forward, redirect, directResponse; found redirect, directResponse"),
        row("two path kinds", route("  match: {path: {exact: /a, prefix: /a}}", ok),
            "6:17: Route/r: spec.match.path: a path match needs exactly one of exact, prefix, regex, template; found exact, prefix"),
        row("path without slash", route("  match: {path: {exact: orders}}", ok),
            "6:25: Route/r: spec.match.path.exact: a path must start with '/'"),
        row("path regex not RE2", route("  match: {path: {regex: \"/(?=a)\"}}", ok),
            "6:25: Route/r: spec.match.path.regex: invalid RE2 regular expression: invalid or unsupported Perl syntax in '/(?=a)'"),
        row("header regex does not compile", route("  match: {headers: [{name: x-v, regex: \"[a-\"}]}", ok),
            "6:40: Route/r: spec.match.headers[0].regex: invalid RE2 regular expression: missing closing ] in '[a-'"),
        row("query regex back-reference", route("  match: {queryParams: [{name: q, regex: \"(a)\\\\1\"}]}", ok),
            "6:42: Route/r: spec.match.queryParams[0].regex: invalid RE2 regular expression: invalid escape sequence in '(a)\\1'"),
        row("rewrite regex does not compile",
            route("  forward: {destinations: [{service: orders}], rewrite: {regex: {pattern: \"(\", substitution: x}}}"),
            "6:75: Route/r: spec.forward.rewrite.regex.pattern: invalid RE2 regular expression: missing closing ) in '('"),
        row("bad path template", route("  match: {path: {template: \"/a/{id}/{id}\"}}", ok),
            "6:28: Route/r: spec.match.path.template: template variable 'id' is used twice in '/a/{id}/{id}'"),
        row("template rewrite with unknown variable",
            route("  match: {path: {template: \"/a/{id}\"}}", "  forward: {destinations: [{service: orders}], rewrite: {template: \"/b/{ib}\"}}"),
            "7:68: Route/r: spec.forward.rewrite.template: variable 'ib' is not defined by the path template; did you mean 'id'?"),
        row("prefix rewrite without prefix match",
            route("  match: {path: {exact: /a}}", "  forward: {destinations: [{service: orders}], rewrite: {prefix: /b}}"),
            "7:66: Route/r: spec.forward.rewrite.prefix: a prefix rewrite needs a prefix path match (spec.match.path.prefix)"),
        row("template rewrite without template match",
            route("  forward: {destinations: [{service: orders}], rewrite: {template: /b}}"),
            "6:68: Route/r: spec.forward.rewrite.template: a template rewrite needs a template path match (spec.match.path.template)"),
        row("two path rewrites",
            route("  forward: {destinations: [{service: orders}], rewrite: {prefix: /b, regex: {pattern: a, substitution: b}}}"),
            "6:57: Route/r: spec.forward.rewrite: a rewrite takes at most one of prefix, regex, template; found prefix, regex"),
        row("query parameter absent", route("  match: {queryParams: [{name: debug, present: false}]}", ok),
            "6:48: Route/r: spec.match.queryParams[0].present: a query parameter can only be matched as present: true (Envoy cannot match its absence)"),
        row("header match without condition", route("  match: {headers: [{name: x-a}]}", ok),
            "6:21: Route/r: spec.match.headers[0]: a header match needs exactly one of exact, prefix, suffix, contains, regex, present; found none"),
        row("ignoreCase with regex", route("  match: {headers: [{name: x-a, regex: a, ignoreCase: true}]}", ok),
            "6:55: Route/r: spec.match.headers[0].ignoreCase: ignoreCase applies to exact, prefix, suffix and contains only; use (?i) in a regex"),
        row("upper-case header name", route("  match: {headers: [{name: X-Beta, present: true}]}", ok),
            "6:28: Route/r: spec.match.headers[0].name: header name 'X-Beta' must be lower case: 'x-beta'"),
        row("lower-case method", route("  match: {methods: [get]}", ok),
            "6:21: Route/r: spec.match.methods[0]: methods are written upper case: 'GET'"),
        row("weight too large", route("  forward: {destinations: [{service: orders, weight: 2000000}]}"),
            "6:54: Route/r: spec.forward.destinations[0].weight: weight must be between 0 and 1000000, not 2000000"),
        row("all weights zero", route("  forward: {destinations: [{service: orders, weight: 0}]}"),
            "6:27: Route/r: spec.forward.destinations: the weights of the destinations cannot all be 0"),
        row("too many retry attempts", route("  forward: {destinations: [{service: orders}], retry: {attempts: 101}}"),
            "6:66: Route/r: spec.forward.retry.attempts: must be between 0 and 100, not 101"),
        row("unknown retry condition", route("  forward: {destinations: [{service: orders}], retry: {retryOn: [5xxx]}}"),
            "6:66: Route/r: spec.forward.retry.retryOn[0]: '5xxx' is not a retry condition; did you mean '5xx'?; one of 5xx, cancelled, connect-failure, deadline-exceeded, envoy-ratelimited, gateway-error, http3-post-connect-failure, internal, refused-stream, reset, resource-exhausted, retriable-4xx, retriable-headers, retriable-status-codes, unavailable"),
        row("retriable status codes without the condition",
            route("  forward: {destinations: [{service: orders}], retry: {retryOn: [5xx], retriableStatusCodes: [503]}}"),
            "6:94: Route/r: spec.forward.retry.retriableStatusCodes: needs 'retriable-status-codes' in retryOn to have an effect"),
        row("mirror percent over 100", route("  forward: {destinations: [{service: orders}], mirror: {service: orders, percent: 101}}"),
            "6:83: Route/r: spec.forward.mirror.percent: must be between 0 and 100, not 101.0"),
        row("redirect code", route("  redirect: {path: /b, code: 305}"),
            "6:30: Route/r: spec.redirect.code: a redirect code is 301, 302, 303, 307 or 308, not 305"),
        row("redirect path and prefix", route("  redirect: {path: /b, prefix: /c}"),
            "6:13: Route/r: spec.redirect: a redirect takes at most one of path, prefix; found path, prefix"),
        row("direct response status", route("  directResponse: {status: 99}"),
            "6:28: Route/r: spec.directResponse.status: status must be between 200 and 599, not 99"),
        row("host not served by the gateway", route("  hosts: [shop.example.com]", ok),
            "6:11: warning: Route/r: spec.hosts[0]: host 'shop.example.com' is not served by any listener of Gateway 'edge'"),
        row("invalid host", route("  hosts: [\"api.*.com\"]", ok),
            "6:11: Route/r: spec.hosts[0]: 'api.*.com' is not a host name: write e.g. api.example.com, *.example.com or *"),

        // gateways
        row("listener port out of range", doc("Gateway", "  listeners: [{name: a, port: 0}]"),
            "5:31: Gateway/x: spec.listeners[0].port: port must be between 1 and 65535, not 0"),
        row("listener ports collide", doc("Gateway", "  listeners: [{name: a, port: 80}, {name: b, port: 80}]"),
            "5:52: Gateway/x: spec.listeners[1].port: port 80 is already used by listeners[0]"),
        row("HTTPS without tls", doc("Gateway", "  listeners: [{name: a, port: 443, protocol: HTTPS}]"),
            "5:15: Gateway/x: spec.listeners[0].tls: an HTTPS listener needs tls: {certificate: SECRET}"),
        row("tls on HTTP", doc("Gateway", "  listeners: [{name: a, port: 80, tls: {certificate: cert}}]"),
            "5:40: Gateway/x: spec.listeners[0].tls: tls is only allowed on HTTPS listeners (protocol is HTTP)"),
        row("certificate secret does not exist", doc("Gateway", "  listeners: [{name: a, port: 443, protocol: HTTPS, tls: {certificate: cret}}]"),
            "5:72: Gateway/x: spec.listeners[0].tls.certificate: Secret 'cret' does not exist; did you mean 'cert'?"),
        row("trusted hops out of range", doc("Gateway", "  listeners: [{name: a, port: 80}]", "  clientIp: {xffTrustedHops: 11}"),
            "6:30: Gateway/x: spec.clientIp.xffTrustedHops: must be between 0 and 10, not 11"),
        row("tracing service does not exist", doc("Gateway", "  listeners: [{name: a, port: 80}]", "  tracing: {provider: zipkin, service: zipkin}"),
            "6:40: Gateway/x: spec.tracing.service: Service 'zipkin' does not exist"),

        // services
        row("endpoint port out of range", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 70000}]"),
            "5:41: Service/x: spec.endpoints[0].port: port must be between 1 and 65535, not 70000"),
        row("endpoint weight out of range", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80, weight: 0}]"),
            "5:53: Service/x: spec.endpoints[0].weight: weight must be between 1 and 128, not 0"),
        row("static and discovery", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  discovery: {registry: nacos, serviceName: x}"),
            "6:14: Service/x: spec.discovery: a service takes either endpoints (static) or discovery (a registry), not both",
            "6:25: Service/x: spec.discovery.registry: Registry 'nacos' does not exist"),
        row("subset without labels", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  subsets: [{name: v1}]"),
            "6:13: Service/x: spec.subsets[0].labels: a subset needs at least one label to select its endpoints"),
        row("duplicate subset", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80, labels: {v: a}}]", "  subsets: [{name: a, labels: {v: a}}, {name: a, labels: {v: a}}]"),
            "6:47: Service/x: spec.subsets[1].name: duplicate subset name 'a' (also subsets[0])"),
        row("two hash keys", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  trafficPolicy: {loadBalancer: {type: consistentHash, hashOn: {header: x-u, sourceIp: true}}}"),
            "6:64: Service/x: spec.trafficPolicy.loadBalancer.hashOn: hashOn needs exactly one of header, cookie, sourceIp, queryParam; found header, sourceIp"),
        row("active check without probe", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  trafficPolicy: {healthCheck: {active: {interval: 5s}}}"),
            "6:41: Service/x: spec.trafficPolicy.healthCheck.active: an active health check needs exactly one of http, tcp, grpc; found none"),
        row("passive check without rule", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  trafficPolicy: {healthCheck: {passive: {interval: 5s}}}"),
            "6:42: Service/x: spec.trafficPolicy.healthCheck.passive: passive health checking needs at least one of consecutive5xx, consecutiveGatewayErrors, failurePercentage"),
        row("ejection percent over 100", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  trafficPolicy: {healthCheck: {passive: {consecutive5xx: 5, maxEjectionPercent: 101}}}"),
            "6:82: Service/x: spec.trafficPolicy.healthCheck.passive.maxEjectionPercent: must be between 0 and 100, not 101"),
        row("mutual TLS without client certificate", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  trafficPolicy: {tls: {mode: mutual, caCertificate: cert}}"),
            "6:24: Service/x: spec.trafficPolicy.tls.clientCertificate: mode mutual needs a clientCertificate"),
        row("least request with one choice", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  trafficPolicy: {loadBalancer: {type: leastRequest, choiceCount: 1}}"),
            "6:67: Service/x: spec.trafficPolicy.loadBalancer.choiceCount: must be at least 2, not 1"),
        row("gRPC check on an HTTP/1 service", doc("Service", "  endpoints: [{address: 10.0.0.1, port: 80}]", "  trafficPolicy: {healthCheck: {active: {grpc: {}}}}"),
            "6:48: Service/x: spec.trafficPolicy.healthCheck.active.grpc: a gRPC health check needs an HTTP/2 service (protocol grpc or http2), not http"),

        // plugins, secrets, registries, names
        row("plugin target does not exist", doc("Plugin", "  type: cors", "  targets: [{kind: Route, name: orders}]"),
            "6:33: Plugin/x: spec.targets[0].name: Route 'orders' does not exist"),
        row("plugin without targets", doc("Plugin", "  type: cors"),
            "5:3: Plugin/x: spec.targets: a plugin needs at least one target"),
        row("certificate without key", doc("Secret", "  certificate: {file: /tls.crt}"),
            "5:3: Secret/x: spec.privateKey: a certificate needs its privateKey"),
        row("inline text that is not PEM", doc("Secret", "  ca: {pem: hello}"),
            "5:13: Secret/x: spec.ca.pem: not PEM text: expected a -----BEGIN ...CERTIFICATE----- block"),
        row("eureka URL", doc("Registry", "  type: eureka", "  serviceUrls: [eureka:8761]"),
            "6:17: Registry/x: spec.serviceUrls[0]: 'eureka:8761' is not an http(s) URL"),
        row("invalid resource name", "kind: Secret\nmetadata: {name: My_Cert}\nspec: {ca: {file: /ca.crt}}\n",
            "2:18: Secret/My_Cert: metadata.name: 'My_Cert' is not a valid name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (at most 253 characters)"),
        row("duplicate name", "kind: Service\nmetadata: {name: orders}\nspec: {endpoints: [{address: 10.0.0.2, port: 80}]}\n",
            "15:18: Service/orders: metadata.name: duplicate Service 'orders'; first defined at t.yaml:1:1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheseProblems(String name, String yaml, List<String> expected) {
    ConfigLoad load = ConfigReader.readString("t.yaml", yaml + BASE);
    assertThat(load.readErrors()).isEmpty();
    List<String> actual = new ArrayList<>();
    load.validate().problems().forEach(p -> actual.add(p.toString()));
    assertThat(actual).containsExactlyElementsOf(expected.stream().map(e -> "t.yaml:" + e).collect(Collectors.toList()));
  }
}
