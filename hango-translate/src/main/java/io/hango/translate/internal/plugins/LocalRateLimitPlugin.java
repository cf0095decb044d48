package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

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
import io.hango.model.route.HeaderMatch;
import java.time.Duration;

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
 * <p>{@code per} is {@code second}, {@code minute}, {@code hour} or {@code day}; the config is a
 * {@link LocalRateLimitConfig}. Envoy:
 * {@code envoy.filters.http.local_ratelimit} (no limit at the HCM level) with a per-route
 * {@code LocalRateLimit}: the default rule is its {@code token_bucket}, each header rule a
 * {@code descriptors} entry produced by its own {@code rate_limits} action (Envoy 1.33+). A
 * request matching a header rule consumes only that rule's bucket. Without a default rule the
 * default bucket is unlimited. Not implemented by gRPC clients.
 */
public final class LocalRateLimitPlugin extends PerRouteConfigPlugin<LocalRateLimitConfig> {

  static final String STAT_PREFIX = "http_local_rate_limiter";

  public LocalRateLimitPlugin() {
    super("local-rate-limit", "envoy.filters.http.local_ratelimit", HttpFilterOrder.LOCAL_RATE_LIMIT, LocalRateLimitConfig.class);
  }

  @Override
  Message hcmConfig() {
    return LocalRateLimit.newBuilder().setStatPrefix(STAT_PREFIX).build();
  }

  @Override
  Message perFilterConfig(Plugin plugin, LocalRateLimitConfig config) {
    return perRoute(config);
  }

  @Override
  void semantics(LocalRateLimitConfig config, String path, ConfigChecks f) {
    if (config.rules().isEmpty()) {
      f.error(path + ".rules", "at least one rule is required");
    }
    int defaults = 0;
    for (int i = 0; i < config.rules().size(); i++) {
      String at = path + ".rules[" + i + "]";
      LocalRateLimitConfig.Rule r = config.rules().get(i);
      for (int j = 0; j < r.headers().size(); j++) {
        HeaderMatch h = r.headers().get(j);
        String hat = at + ".headers[" + j + "]";
        f.nonEmpty(h.name(), hat + ".name");
        f.match(h, hat, true);
      }
      if (r.headers().isEmpty() && ++defaults == 2) {
        f.error(at, "only one rule may have no headers (the default bucket)");
      }
      f.range(r.limit().requests(), at + ".limit.requests", 1, Integer.MAX_VALUE);
    }
    config.statusCode().ifPresent(status -> {
      if (f.range(status, path + ".statusCode", 400, 599) && StatusCode.forNumber(status) == null) {
        // Envoy's HttpStatus takes only the codes its StatusCode enum names
        f.error(path + ".statusCode", status + " is not a status code Envoy can answer with (e.g. 429, 503)");
      }
    });
  }

  static LocalRateLimit perRoute(LocalRateLimitConfig c) {
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
    for (LocalRateLimitConfig.Rule r : c.rules()) {
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
    int status = c.statusCode().orElse(429);
    if (status != 429) {
      b.setStatus(HttpStatus.newBuilder().setCode(StatusCode.forNumber(status)));
    }
    return b.build();
  }

  private static TokenBucket bucket(LocalRateLimitConfig.Rule r) {
    return TokenBucket.newBuilder()
        .setMaxTokens(r.limit().requests())
        .setTokensPerFill(Protos.u32(r.limit().requests()))
        .setFillInterval(Protos.duration(r.limit().per().duration()))
        .build();
  }
}
