package io.hango.bench.xds;

import com.google.protobuf.Message;
import io.hango.bench.ConfigGenerator;
import io.hango.model.GatewayConfig;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources both servers serve in the load harness: the translation of a generated config,
 * and of the same config with one route and one service's endpoints changed.
 */
record BenchResources(EnvoyResources initial, EnvoyResources updated) {

  static BenchResources generate(int routes, int services) {
    ConfigGenerator generator = ConfigGenerator.of(routes, services, 42);
    return new BenchResources(
        translate(generator.generate()),
        translate(generator.generateUpdated("bench-updated-route", "10.254.0.1")));
  }

  private static EnvoyResources translate(GatewayConfig config) {
    Translation t = Translator.defaults().translate(config, Endpoints.fromStaticConfig(config));
    if (t.hasErrors()) {
      throw new IllegalStateException("generated config does not translate: " + t.diagnostics());
    }
    return t.resources();
  }

  static List<Message> all(EnvoyResources r) {
    List<Message> out = new ArrayList<>();
    out.addAll(r.clusters());
    out.addAll(r.endpoints());
    out.addAll(r.listeners());
    out.addAll(r.routes());
    out.addAll(r.secrets());
    return out;
  }
}
