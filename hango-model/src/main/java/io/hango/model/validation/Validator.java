package io.hango.model.validation;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.gateway.Gateway;
import io.hango.model.io.SourceMap;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Route;
import io.hango.model.secret.Secret;
import io.hango.model.service.Service;
import io.hango.model.validation.internal.CommonChecks;
import io.hango.model.validation.internal.GatewayChecks;
import io.hango.model.validation.internal.PluginChecks;
import io.hango.model.validation.internal.ProblemSink;
import io.hango.model.validation.internal.References;
import io.hango.model.validation.internal.RegistryChecks;
import io.hango.model.validation.internal.RouteChecks;
import io.hango.model.validation.internal.SecretChecks;
import io.hango.model.validation.internal.ServiceChecks;
import java.util.Set;

/**
 * Checks a whole {@link GatewayConfig} and reports every problem at once: ranges, formats, RE2
 * regexes, one-of fields, duplicate names, and references between documents. Structural problems
 * (unknown fields, wrong types) are the reader's; see {@link io.hango.model.io.ConfigLoad#validate()}
 * for both together.
 */
public final class Validator {

  private Validator() {}

  /** Validates {@code config}, locating problems through its {@link GatewayConfig#sourceMap()}. */
  public static Validation validate(GatewayConfig config) {
    return validate(config, config.sourceMap().orElse(SourceMap.empty()), Set.of());
  }

  /**
   * Validates {@code config}, locating problems through {@code sourceMap}.
   *
   * @param unboundRefs {@code Kind/name} of documents that exist but could not be read into the
   *     model; references to them are not reported
   */
  public static Validation validate(GatewayConfig config, SourceMap sourceMap, Set<String> unboundRefs) {
    ProblemSink sink = new ProblemSink(sourceMap);
    References refs = new References(config, unboundRefs);
    new CommonChecks(sink).check(config);
    GatewayChecks gateways = new GatewayChecks(refs, sink);
    RouteChecks routes = new RouteChecks(refs, sink);
    ServiceChecks services = new ServiceChecks(refs, sink);
    PluginChecks plugins = new PluginChecks(config, refs, sink);
    RegistryChecks registries = new RegistryChecks(sink);
    SecretChecks secrets = new SecretChecks(sink);
    for (Resource r : config.resources()) {
      if (r instanceof Gateway g) {
        gateways.check(g);
      } else if (r instanceof Route route) {
        routes.check(route);
      } else if (r instanceof Service s) {
        services.check(s);
      } else if (r instanceof Plugin p) {
        plugins.check(p);
      } else if (r instanceof Registry reg) {
        registries.check(reg);
      } else if (r instanceof Secret sec) {
        secrets.check(sec);
      }
    }
    return Validation.of(sink.problems());
  }
}
