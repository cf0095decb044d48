package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.hango.translate.spi.HttpFilterOrder;

/**
 * {@code cors}: cross-origin resource sharing.
 *
 * <pre>{@code
 * config:
 *   allowOrigins: ["https://shop.example.com", "*"]     # exact origins; "*" allows any
 *   allowOriginRegex: ["https://.*\\.example\\.com"]    # RE2, whole origin
 *   allowMethods: [GET, POST]
 *   allowHeaders: [content-type, authorization]
 *   exposeHeaders: [x-request-id]
 *   maxAge: 1h
 *   allowCredentials: true
 * }</pre>
 *
 * <p>At least one origin (exact or regex); the config is a {@link CorsConfig}. Envoy: {@code envoy.filters.http.cors} in the HCM and a
 * per-route {@code CorsPolicy}. Not implemented by gRPC clients.
 */
public final class CorsPlugin extends PerRouteConfigPlugin<CorsConfig> {

  public CorsPlugin() {
    super("cors", "envoy.filters.http.cors", HttpFilterOrder.CORS, CorsConfig.class);
  }

  @Override
  Message hcmConfig() {
    return Cors.getDefaultInstance();
  }

  @Override
  Message perFilterConfig(Plugin plugin, CorsConfig config) {
    return policy(config);
  }

  @Override
  void semantics(CorsConfig config, String path, ConfigChecks f) {
    f.nonEmptyElements(config.allowOrigins(), path + ".allowOrigins");
    f.nonEmptyElements(config.allowOriginRegex(), path + ".allowOriginRegex");
    for (int i = 0; i < config.allowOriginRegex().size(); i++) {
      if (!config.allowOriginRegex().get(i).isEmpty()) {
        f.regex(config.allowOriginRegex().get(i), path + ".allowOriginRegex[" + i + "]");
      }
    }
    if (config.allowOrigins().isEmpty() && config.allowOriginRegex().isEmpty()) {
      f.error(path + ".allowOrigins", "at least one origin (allowOrigins or allowOriginRegex) is required");
    }
    f.nonEmptyElements(config.allowMethods(), path + ".allowMethods");
    f.nonEmptyElements(config.allowHeaders(), path + ".allowHeaders");
    f.nonEmptyElements(config.exposeHeaders(), path + ".exposeHeaders");
    config.maxAge().ifPresent(d -> f.positive(d, path + ".maxAge"));
  }

  static CorsPolicy policy(CorsConfig c) {
    CorsPolicy.Builder b = CorsPolicy.newBuilder();
    for (String o : c.allowOrigins()) {
      b.addAllowOriginStringMatch(o.equals("*")
          ? StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(".*")).build()
          : StringMatcher.newBuilder().setExact(o).build());
    }
    for (String r : c.allowOriginRegex()) {
      b.addAllowOriginStringMatch(StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(r)));
    }
    if (!c.allowMethods().isEmpty()) {
      b.setAllowMethods(String.join(",", c.allowMethods()));
    }
    if (!c.allowHeaders().isEmpty()) {
      b.setAllowHeaders(String.join(",", c.allowHeaders()));
    }
    if (!c.exposeHeaders().isEmpty()) {
      b.setExposeHeaders(String.join(",", c.exposeHeaders()));
    }
    c.maxAge().ifPresent(d -> b.setMaxAge(Long.toString(d.getSeconds())));
    c.allowCredentials().ifPresent(v -> b.setAllowCredentials(BoolValue.of(v)));
    return b.build();
  }
}
