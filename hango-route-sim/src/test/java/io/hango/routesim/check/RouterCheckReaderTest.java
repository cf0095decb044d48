package io.hango.routesim.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import org.junit.jupiter.api.Test;

/** Reading route configurations and router_check test files, and the runner's result lines. */
class RouterCheckReaderTest {

  @Test
  void readsTestsWithTrailingCommasAndCamelCaseNames() {
    RouterCheckSuite suite = RouterCheckReader.parseJson("""
        {"tests": [{"test_name": "t", "input": {"authority": "a", "path": "/", "method": "GET",
           "randomValue": 7, "ssl": true, "additional_request_headers": [{"key": "K", "value": "v"},]},
         "validate": {"cluster_name": "", "code_redirect": 301, "timeout": "5s",
           "request_header_matches": [{"name": "k", "present_match": true}]}},],
         "runtime": {"x": 1}}
        """);

    RouterCheckCase c = suite.tests().get(0);
    assertThat(c.name()).isEqualTo("t");
    assertThat(c.input().randomValue()).isEqualTo(7);
    assertThat(c.input().ssl()).isTrue();
    assertThat(c.input().additionalRequestHeaders().get("k")).contains("v");
    assertThat(c.expected().clusterName()).contains("");
    assertThat(c.expected().virtualHostName()).isEmpty();
    assertThat(c.expected().codeRedirect()).hasValue(301);
    assertThat(c.expected().timeout()).contains("5s");
    assertThat(c.expected().requestHeaderMatches()).hasSize(1);
    assertThat(suite.runtime()).containsEntry("x", 1);
  }

  @Test
  void rejectsUnknownFieldsAndBrokenConstraints() {
    assertThatThrownBy(() -> RouterCheckReader.parseJson("""
        {"tests": [{"test_name": "t", "input": {"authority": "a", "path": "/", "method": "GET"},
          "validate": {"cluster": "x"}}]}
        """)).isInstanceOf(RouterCheckFormatException.class).hasMessageContaining("tests[0] (t).validate.cluster: unknown field");
    assertThatThrownBy(() -> RouterCheckReader.parseJson("""
        {"tests": [{"test_name": "t", "input": {"authority": "a", "path": "/", "method": "GE"}, "validate": {}}]}
        """)).hasMessageContaining("method: must have at least 3 characters");
    assertThatThrownBy(() -> RouterCheckReader.parseJson("{\"tests\": []}"))
        .hasMessageContaining("at least one test");
  }

  @Test
  void routeConfigurationReaderIsStrictAndResolvesAnyTypes() {
    RouteConfiguration rc = RouteConfigurationReader.create().parseYaml("""
        virtual_hosts:
        - name: h
          domains: ["*"]
          routes:
          - match:
              path_match_policy:
                name: t
                typed_config:
                  "@type": type.googleapis.com/envoy.extensions.path.match.uri_template.v3.UriTemplateMatchConfig
                  path_template: "/a/{x}"
            route: {cluster: c, timeout: {seconds: 3, nanos: 500000000}}
        """);
    assertThat(rc.getVirtualHosts(0).getRoutes(0).getRoute().getTimeout().getSeconds()).isEqualTo(3);
    assertThat(rc.getVirtualHosts(0).getRoutes(0).getRoute().getTimeout().getNanos()).isEqualTo(500_000_000);

    assertThatThrownBy(() -> RouteConfigurationReader.create().parseYaml("virtual_hosts: [{name: h, domainz: [x]}]"))
        .isInstanceOf(RouterCheckFormatException.class).hasMessageContaining("domainz");
    assertThatThrownBy(() -> RouteConfigurationReader.create().parseYaml("""
        typed_per_filter_config:
          f: {"@type": type.googleapis.com/acme.Nope}
        """)).hasMessageContaining("unknown @type type.googleapis.com/acme.Nope");
  }

  @Test
  void runnerReportsOneLinePerFailedAssertionAndASummary() {
    RouteConfiguration rc = RouteConfigurationReader.create().parseYaml("""
        virtual_hosts:
        - name: h
          domains: ["*"]
          routes:
          - match: {prefix: /}
            route: {cluster: real}
        """);
    RouterCheckReport report = RouterCheckRunner.of(rc).run(RouterCheckReader.parseJson("""
        {"tests": [
          {"test_name": "good", "input": {"authority": "a", "path": "/", "method": "GET"},
           "validate": {"cluster_name": "real", "virtual_host_name": "h"}},
          {"test_name": "bad", "input": {"authority": "a", "path": "/", "method": "GET"},
           "validate": {"cluster_name": "other", "path_redirect": "http://a/", "virtual_host_name": "h"}}]}
        """));

    assertThat(report.lines()).containsExactly(
        "PASS good",
        "FAIL bad: expected cluster_name 'other', got 'real'",
        "FAIL bad: expected path_redirect 'http://a/', got ''",
        "1 passed, 1 failed");
    assertThat(report.allPassed()).isFalse();
  }
}
