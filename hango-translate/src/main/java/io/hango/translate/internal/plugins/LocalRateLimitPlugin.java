package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.config.route.v3.RateLimit;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.LocalRateLimitDescriptor;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.envoyproxy.envoy.type.v3.TokenBucket;
import io.hango.translate.internal.Protos;
import io.hango.translate.spi.HttpFilterOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code local-rate-limit}: a token bucket per route (or per virtual host) in each proxy, with
 * optional header-based rules that get buckets of their own.
 *
 * <pre>{@code
 * config:
 *   rules:
 *     - limit: {requests: 100, per: second}          # the default bucket
 *     - headers: [{name: x-user, exact: alice}]      # requests matching every header condition
 *       limit: {requests: 10, per: minute}           #   use this bucket instead
 *   statusCode: 429                                  # answer when limited (default 429)
 * }</pre>
 *
 * <p>{@code per} is {@code second}, {@code minute}, {@code hour} or {@code day}. Envoy:
 * {@code envoy.filters.http.local_ratelimit} (no limit at the HCM level) with a per-route
 * {@code LocalRateLimit}: the default rule is its {@code token_bucket}, each header rule a
 * {@code descriptors} entry produced by its own {@code rate_limits} action (Envoy 1.33+). A
 * request matching a header rule consumes only that rule's bucket. Without a default rule the
 * default bucket is unlimited. Not implemented by gRPC clients.
 */
public final class LocalRateLimitPlugin extends PerRouteConfigPlugin<LocalRateLimitPlugin.Config> {

  static final String STAT_PREFIX = "http_local_rate_limiter";
  private static final Map<String, Duration> UNITS =
      Map.of("second", Duration.ofSeconds(1), "minute", Duration.ofMinutes(1), "hour", Duration.ofHours(1), "day", Duration.ofDays(1));

  record Rule(List<ConfigFields.NamedMatch> headers, int requests, Duration per) {}

  record Config(List<Rule> rules, int statusCode) {}

  public LocalRateLimitPlugin() {
    super("local-rate-limit", "envoy.filters.http.local_ratelimit", HttpFilterOrder.LOCAL_RATE_LIMIT);
  }

  @Override
  Message hcmConfig() {
    return LocalRateLimit.newBuilder().setStatPrefix(STAT_PREFIX).build();
  }

  @Override
  Message perFilterConfig(Plugin plugin, Config config) {
    return perRoute(config);
  }

  @Override
  Config parse(ObjectNode config, String path, ConfigFields f) {
    f.known(config, path, "rules", "statusCode");
    List<JsonNode> items = f.list(config, "rules", path);
    if (items.isEmpty() && f.problems().isEmpty()) {
      f.error(path + ".rules", "at least one rule is required");
    }
    List<Rule> rules = new ArrayList<>();
    int defaults = 0;
    for (int i = 0; i < items.size(); i++) {
      String at = path + ".rules[" + i + "]";
      JsonNode r = items.get(i);
      if (!r.isObject()) {
        f.error(at, "must be an object");
        continue;
      }
      f.known(r, at, "headers", "limit");
      List<ConfigFields.NamedMatch> headers = new ArrayList<>();
      List<JsonNode> hs = f.list(r, "headers", at);
      for (int j = 0; j < hs.size(); j++) {
        f.match(hs.get(j), at + ".headers[" + j + "]", true, true).ifPresent(headers::add);
      }
      if (hs.isEmpty() && ++defaults == 2) {
        f.error(at, "only one rule may have no headers (the default bucket)");
      }
      Optional<ObjectNode> limit = f.object(r, "limit", at, true);
      if (limit.isEmpty()) {
        continue;
      }
      f.known(limit.get(), at + ".limit", "requests", "per");
      Optional<Integer> requests = f.integer(limit.get(), "requests", at + ".limit", 1, Integer.MAX_VALUE, true);
      Optional<String> per = f.string(limit.get(), "per", at + ".limit", true);
      if (per.isPresent() && !UNITS.containsKey(per.get())) {
        f.error(at + ".limit.per", "must be one of second, minute, hour, day");
        continue;
      }
      if (requests.isPresent() && per.isPresent()) {
        rules.add(new Rule(headers, requests.get(), UNITS.get(per.get())));
      }
    }
    int status = f.integer(config, "statusCode", path, 400, 599, false).orElse(429);
    if (StatusCode.forNumber(status) == null) {
      // Envoy's HttpStatus takes only the codes its StatusCode enum names
      f.error(path + ".statusCode", status + " is not a status code Envoy can answer with (e.g. 429, 503)");
      status = 429;
    }
    return new Config(rules, status);
  }

  static LocalRateLimit perRoute(Config c) {
    RuntimeFractionalPercent all = RuntimeFractionalPercent.newBuilder()
        .setDefaultValue(FractionalPercent.newBuilder().setNumerator(100).setDenominator(FractionalPercent.DenominatorType.HUNDRED))
        .build();
    LocalRateLimit.Builder b = LocalRateLimit.newBuilder()
        .setStatPrefix(STAT_PREFIX)
        .setFilterEnabled(all.toBuilder().setRuntimeKey("local_rate_limit_enabled"))
        .setFilterEnforced(all.toBuilder().setRuntimeKey("local_rate_limit_enforced"))
        .setAlwaysConsumeDefaultTokenBucket(com.google.protobuf.BoolValue.of(false));
    TokenBucket unlimited = TokenBucket.newBuilder()
        .setMaxTokens(Integer.MAX_VALUE)
        .setTokensPerFill(Protos.u32(Integer.MAX_VALUE))
        .setFillInterval(Protos.duration(Duration.ofSeconds(1)))
        .build();
    b.setTokenBucket(unlimited);
    int index = 0;
    for (Rule r : c.rules()) {
      if (r.headers().isEmpty()) {
        b.setTokenBucket(bucket(r));
        continue;
      }
      String key = "hango_rule_" + index++;
      RateLimit.Action.HeaderValueMatch.Builder hvm = RateLimit.Action.HeaderValueMatch.newBuilder()
          .setDescriptorKey(key)
          .setDescriptorValue("1")
          .setExpectMatch(com.google.protobuf.BoolValue.of(true));
      r.headers().forEach(h -> hvm.addHeaders(Matchers.header(h.name(), h.matcher(), h.invert())));
      b.addRateLimits(RateLimit.newBuilder().addActions(RateLimit.Action.newBuilder().setHeaderValueMatch(hvm)));
      b.addDescriptors(LocalRateLimitDescriptor.newBuilder()
          .addEntries(RateLimitDescriptor.Entry.newBuilder().setKey(key).setValue("1"))
          .setTokenBucket(bucket(r)));
    }
    if (c.statusCode() != 429) {
      b.setStatus(HttpStatus.newBuilder().setCode(StatusCode.forNumber(c.statusCode())));
    }
    return b.build();
  }

  private static TokenBucket bucket(Rule r) {
    return TokenBucket.newBuilder()
        .setMaxTokens(r.requests())
        .setTokensPerFill(Protos.u32(r.requests()))
        .setFillInterval(Protos.duration(r.per()))
        .build();
  }
}
