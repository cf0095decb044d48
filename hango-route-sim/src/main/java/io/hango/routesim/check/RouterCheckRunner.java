package io.hango.routesim.check;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Struct;
import com.google.protobuf.TextFormat;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.set_metadata.v3.Metadata;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import io.hango.routesim.Decision;
import io.hango.routesim.Headers;
import io.hango.routesim.Request;
import io.hango.routesim.RouteSimulator;
import io.hango.routesim.RuntimeSnapshot;
import io.hango.routesim.internal.HeaderCondition;
import io.hango.routesim.internal.HeaderList;
import io.hango.routesim.internal.Problems;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs router_check tests against route configurations with the {@link RouteSimulator}, the way
 * Envoy's {@code router_check_tool} runs them:
 *
 * <ul>
 *   <li>the request carries {@code :authority}, {@code :path}, {@code :method}, {@code :scheme}
 *       and {@code x-forwarded-proto} ({@code https} when {@code ssl}), {@code x-envoy-internal}
 *       when {@code internal}, then the additional headers;
 *   <li>a {@code runtime_fraction} is on only when the test names its key in {@code runtime} and
 *       {@code random_value % denominator < numerator}, where a numerator of 0 counts as 1 (the
 *       tool rewrites it so that such routes stay testable);
 *   <li>cluster, virtual cluster, virtual host, path and host rewrite are read from a route entry
 *       (empty otherwise); path and code redirect from a redirect or direct response.
 * </ul>
 *
 * <pre>{@code
 * RouterCheckRunner runner = RouterCheckRunner.of(List.of(routeConfiguration));
 * RouterCheckReport report = runner.run(Path.of("routes.golden.json"));
 * report.lines().forEach(System.out::println);   // PASS ... / FAIL ...: expected ..., got ...
 * }</pre>
 */
public final class RouterCheckRunner {
  private final List<RouteConfiguration> configs;
  private final Map<String, RouteSimulator> simulators = new HashMap<>();

  private RouterCheckRunner(List<RouteConfiguration> configs) {
    this.configs = List.copyOf(configs);
    simulator("", Map.of());
  }

  /**
   * A runner over {@code configs}.
   *
   * @throws io.hango.routesim.InvalidRouteConfigurationException when one is invalid
   */
  public static RouterCheckRunner of(List<RouteConfiguration> configs) {
    requireNonNull(configs, "configs");
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("at least one route configuration is required");
    }
    return new RouterCheckRunner(configs);
  }

  /** A runner over one configuration. */
  public static RouterCheckRunner of(RouteConfiguration config) {
    return of(List.of(requireNonNull(config, "config")));
  }

  /** Reads {@code testFile} with {@link RouterCheckReader} and runs it. */
  public RouterCheckReport run(Path testFile) throws IOException {
    return run(RouterCheckReader.read(testFile));
  }

  /** Runs every test of {@code suite}. */
  public synchronized RouterCheckReport run(RouterCheckSuite suite) {
    List<CaseResult> results = new ArrayList<>();
    for (RouterCheckCase test : suite.tests()) {
      results.add(run(test, suite.runtime()));
    }
    return new RouterCheckReport(results);
  }

  private RouteSimulator simulator(String activeRuntime, Map<String, Object> runtimeValues) {
    return simulators.computeIfAbsent(activeRuntime + "\u0000" + runtimeValues, k ->
        RouteSimulator.builder().routeConfigurations(configs)
            .runtime(new ToolRuntime(activeRuntime, runtimeValues)).build());
  }

  private CaseResult run(RouterCheckCase test, Map<String, Object> runtimeValues) {
    RouterCheckInput in = test.input();
    Request.Builder b = Request.builder().authority(in.authority()).path(in.path()).method(in.method())
        .tls(in.ssl()).internal(in.internal()).randomValue(in.randomValue())
        .headers(in.additionalRequestHeaders()).upstreamResponseHeaders(in.additionalResponseHeaders());
    List<String> failures = new ArrayList<>();
    applyMetadata(in.dynamicMetadata(), failures).forEach(b::dynamicMetadata);
    Decision d = simulator(in.runtime(), runtimeValues).route(b.build());

    Decision.Forward entry = d instanceof Decision.Forward f ? f : null;
    Decision.LocalReply local = d instanceof Decision.LocalReply l ? l : null;
    RouterCheckExpectations ex = test.expected();
    compare(failures, "cluster_name", ex.clusterName(), entry != null ? entry.cluster().orElse("") : "");
    compare(failures, "virtual_cluster_name", ex.virtualClusterName(),
        entry != null ? entry.virtualClusterName().orElse("") : "");
    compare(failures, "virtual_host_name", ex.virtualHostName(), entry != null ? entry.virtualHost() : "");
    compare(failures, "path_rewrite", ex.pathRewrite(), entry != null ? entry.path() : "");
    compare(failures, "host_rewrite", ex.hostRewrite(), entry != null ? entry.host() : "");
    compare(failures, "path_redirect", ex.pathRedirect(), local != null ? local.newUri() : "");
    if (ex.codeRedirect().isPresent()) {
      int actual = local != null ? local.status() : 0;
      if (actual != ex.codeRedirect().getAsInt()) {
        failures.add("expected code_redirect " + ex.codeRedirect().getAsInt() + ", got " + actual);
      }
    }
    ex.timeout().ifPresent(expected ->
        compareTimeout(failures, expected, entry != null ? Optional.of(entry.timeout()) : Optional.empty()));

    Headers requestHeaders = d.requestHeaders();
    Headers responseHeaders = entry != null ? entry.responseHeaders()
        : local != null ? local.responseHeaders() : in.additionalResponseHeaders();
    matchHeaders(failures, "request_header_matches", ex.requestHeaderMatches(), requestHeaders);
    matchHeaders(failures, "response_header_matches", ex.responseHeaderMatches(), responseHeaders);
    compareFields(failures, "request_header_fields", ex.requestHeaderFields(), requestHeaders);
    compareFields(failures, "response_header_fields", ex.responseHeaderFields(), responseHeaders);
    return new CaseResult(test.name(), failures);
  }

  /** Applies {@code set_metadata} entries in order: a namespace is merged only with allow_overwrite. */
  private static Map<String, Struct> applyMetadata(List<Metadata> entries, List<String> failures) {
    Map<String, Struct> out = new LinkedHashMap<>();
    for (Metadata m : entries) {
      if (m.hasTypedValue()) {
        failures.add("dynamic_metadata typed_value is not simulated (" + m.getMetadataNamespace() + ")");
        continue;
      }
      Struct existing = out.get(m.getMetadataNamespace());
      if (existing == null) {
        out.put(m.getMetadataNamespace(), m.getValue());
      } else if (m.getAllowOverwrite()) {
        out.put(m.getMetadataNamespace(), existing.toBuilder().mergeFrom(m.getValue()).build());
      }
    }
    return out;
  }

  private static void compare(List<String> failures, String what, Optional<String> expected, String actual) {
    if (expected.isPresent() && !expected.get().equals(actual)) {
      failures.add("expected " + what + " '" + expected.get() + "', got '" + actual + "'");
    }
  }

  private static void compareTimeout(List<String> failures, String expected, Optional<Duration> actual) {
    String got = actual.map(a -> Durations.toString(Durations.fromMillis(a.toMillis()))).orElse("");
    if (expected.isEmpty() || actual.isEmpty()) {
      if (!expected.equals(got)) {
        failures.add("expected timeout '" + expected + "', got '" + got + "'");
      }
      return;
    }
    try {
      Duration want = Duration.ofMillis(Durations.toMillis(Durations.parse(expected)));
      if (!want.equals(actual.get())) {
        failures.add("expected timeout '" + expected + "', got '" + got + "'");
      }
    } catch (ParseException e) {
      failures.add("timeout '" + expected + "' is not a duration such as 15s");
    }
  }

  private static void matchHeaders(List<String> failures, String what, List<HeaderMatcher> matchers,
      Headers headers) {
    HeaderList list = new HeaderList();
    headers.entries().forEach(e -> list.add(e.getKey(), e.getValue()));
    for (int i = 0; i < matchers.size(); i++) {
      HeaderMatcher m = matchers.get(i);
      Problems problems = new Problems();
      HeaderCondition c = HeaderCondition.compile(m, problems, what + "[" + i + "]");
      if (!problems.isEmpty()) {
        failures.add(String.join("; ", problems.list()));
      } else if (!c.matches(list)) {
        failures.add(what + "[" + i + "] " + describe(m) + " did not match, actual "
            + headers.joined(m.getName()).map(v -> "'" + v + "'").orElse("absent"));
      }
    }
  }

  private static String describe(HeaderMatcher m) {
    return "{" + TextFormat.shortDebugString(m) + "}";
  }

  private static void compareFields(List<String> failures, String what, Headers expected, Headers actual) {
    for (Map.Entry<String, String> e : expected.entries()) {
      String got = actual.get(e.getKey()).orElse("");
      if (!got.equals(e.getValue())) {
        failures.add("expected " + what + " " + e.getKey() + " '" + e.getValue() + "', got '" + got + "'");
      }
    }
  }

  /** The runtime of Envoy's router_check_tool. */
  private static final class ToolRuntime implements RuntimeSnapshot {
    private final String active;
    private final Map<String, Object> values;

    ToolRuntime(String active, Map<String, Object> values) {
      this.active = active;
      this.values = values;
    }

    @Override
    public boolean featureEnabled(String key, FractionalPercent defaultValue, long randomValue) {
      FractionalPercent p = defaultValue.getNumerator() == 0
          ? defaultValue.toBuilder().setNumerator(1).build() : defaultValue;
      return !active.isEmpty() && active.equals(key) && RuntimeSnapshot.evaluate(p, randomValue);
    }

    @Override
    public long getInteger(String key, long defaultValue) {
      Object v = values.get(key);
      return v instanceof Number ? ((Number) v).longValue() : defaultValue;
    }
  }
}
