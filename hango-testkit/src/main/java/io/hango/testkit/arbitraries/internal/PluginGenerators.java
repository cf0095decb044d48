package io.hango.testkit.arbitraries.internal;

import static io.hango.testkit.arbitraries.internal.ModelPools.HOSTS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hango.model.plugin.Plugin;
import io.hango.model.plugin.PluginSpec;
import io.hango.model.plugin.PluginTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of {@code Plugin}s: a built-in type with a valid config, attached to gateways, hosts
 * or routes the {@link ModelContext} knows. Internal: use {@code HangoArbitraries}.
 */
public final class PluginGenerators {

  private PluginGenerators() {}

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A built-in plugin type with a valid config. */
  public static Arbitrary<Map.Entry<String, ObjectNode>> pluginConfigs() {
    return Arbitraries.of(
        Map.entry("local-rate-limit", json("{\"rules\":[{\"limit\":{\"requests\":100,\"per\":\"second\"}}]}")),
        Map.entry("local-rate-limit", json("{\"rules\":[{\"limit\":{\"requests\":5,\"per\":\"minute\"}}],\"statusCode\":429}")),
        Map.entry("cors", json("{\"allowOrigins\":[\"https://shop.example.com\"],\"allowMethods\":[\"GET\",\"POST\"],\"allowHeaders\":[\"content-type\"],\"maxAge\":\"1h\"}")),
        Map.entry("cors", json("{\"allowOrigins\":[\"*\"]}")),
        Map.entry("access-control", json("{\"deny\":[\"192.0.2.0/24\",\"198.51.100.7/32\"]}")),
        Map.entry("access-control", json("{\"allow\":[\"10.0.0.0/8\"]}")),
        Map.entry("fault", json("{\"delay\":{\"fixed\":\"200ms\",\"percent\":10},\"abort\":{\"status\":503,\"percent\":1}}")),
        Map.entry("fault", json("{\"abort\":{\"grpcStatus\":14,\"percent\":0.5}}")));
  }

  public static Arbitrary<Plugin> plugins(String name, ModelContext ctx) {
    List<Arbitrary<PluginTarget>> targets = new ArrayList<>();
    targets.add(Arbitraries.of(new ArrayList<>(new TreeMap<>(ctx.listenersByGateway()).keySet())).map(g -> PluginTarget.of(PluginTarget.Kind.GATEWAY, g)));
    targets.add(Arbitraries.of(HOSTS).map(h -> PluginTarget.of(PluginTarget.Kind.HOST, h)));
    if (!ctx.routes().isEmpty()) {
      targets.add(Arbitraries.of(ctx.routes()).map(r -> PluginTarget.of(PluginTarget.Kind.ROUTE, r)));
    }
    return Combinators.combine(pluginConfigs(), Arbitraries.oneOf(targets).list().uniqueElements().ofMinSize(1).ofMaxSize(2),
            Arbitraries.of(true, true, false))
        .as((c, t, enabled) -> Plugin.of(name, PluginSpec.builder().type(c.getKey()).targets(t).enabled(enabled).config(c.getValue()).build()));
  }
}
