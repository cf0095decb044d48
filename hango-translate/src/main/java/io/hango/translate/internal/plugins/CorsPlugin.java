package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.BoolValue;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.hango.translate.spi.HttpFilterOrder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
 * <p>At least one origin (exact or regex). Envoy: {@code envoy.filters.http.cors} in the HCM and a
 * per-route {@code CorsPolicy}. Not implemented by gRPC clients.
 */
public final class CorsPlugin extends PerRouteConfigPlugin<CorsPlugin.Config> {

  record Config(List<String> origins, List<String> originRegexes, List<String> methods, List<String> headers,
      List<String> expose, Optional<Duration> maxAge, Optional<Boolean> credentials) {}

  public CorsPlugin() {
    super("cors", "envoy.filters.http.cors", HttpFilterOrder.CORS);
  }

  @Override
  Message hcmConfig() {
    return Cors.getDefaultInstance();
  }

  @Override
  Message perFilterConfig(Plugin plugin, Config config) {
    return policy(config);
  }

  @Override
  Config parse(ObjectNode config, String path, ConfigFields f) {
    f.known(config, path, "allowOrigins", "allowOriginRegex", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge", "allowCredentials");
    List<String> origins = f.strings(config, "allowOrigins", path);
    List<String> regexes = f.strings(config, "allowOriginRegex", path);
    for (int i = 0; i < regexes.size(); i++) {
      try {
        Pattern.compile(regexes.get(i));
      } catch (PatternSyntaxException e) {
        f.error(path + ".allowOriginRegex[" + i + "]", "not an RE2 regular expression: " + e.getMessage());
      }
    }
    if (origins.isEmpty() && regexes.isEmpty() && f.problems().isEmpty()) {
      f.error(path + ".allowOrigins", "at least one origin (allowOrigins or allowOriginRegex) is required");
    }
    return new Config(origins, regexes, f.strings(config, "allowMethods", path), f.strings(config, "allowHeaders", path),
        f.strings(config, "exposeHeaders", path), f.duration(config, "maxAge", path, false), f.bool(config, "allowCredentials", path));
  }

  static CorsPolicy policy(Config c) {
    CorsPolicy.Builder b = CorsPolicy.newBuilder();
    for (String o : c.origins()) {
      b.addAllowOriginStringMatch(o.equals("*")
          ? StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(".*")).build()
          : StringMatcher.newBuilder().setExact(o).build());
    }
    for (String r : c.originRegexes()) {
      b.addAllowOriginStringMatch(StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(r)));
    }
    if (!c.methods().isEmpty()) {
      b.setAllowMethods(String.join(",", c.methods()));
    }
    if (!c.headers().isEmpty()) {
      b.setAllowHeaders(String.join(",", c.headers()));
    }
    if (!c.expose().isEmpty()) {
      b.setExposeHeaders(String.join(",", c.expose()));
    }
    c.maxAge().ifPresent(d -> b.setMaxAge(Long.toString(d.getSeconds())));
    c.credentials().ifPresent(v -> b.setAllowCredentials(BoolValue.of(v)));
    return b.build();
  }
}
