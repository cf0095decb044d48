package io.hango.controlplane.internal;

import io.hango.controlplane.ConfigSource;
import io.hango.envoy.validate.EnvoyResourceChecker;
import io.hango.envoy.validate.Severity;
import io.hango.envoy.validate.Violation;
import io.hango.model.GatewayConfig;
import io.hango.model.gateway.Gateway;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryValidator;
import io.hango.translate.Diagnostic;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import io.hango.xds.Snapshot;
import io.hango.xds.XdsResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One pass from a loaded config to what is published: validation (structural, semantic, plugin
 * configs), translation once (error diagnostics reject), Envoy's own resource rules (errors reject),
 * then one set of resources per node group, each gateway's sliced from the one translation
 * ({@link Translation#gatewayResources}). Pure: no state, no publishing.
 */
public final class ConfigPipeline {

  /** The group every node falls in unless a more specific one applies. */
  public static final String ALL_GROUP = "default";

  /** Either a {@link Plan} or the problems that rejected the config. */
  public record Result(Optional<Plan> plan, List<Problem> problems) {}

  /**
   * What to serve.
   *
   * @param config the validated config
   * @param all every resource (what {@code /debug/config} shows)
   * @param groups resources per node group; always contains {@link #ALL_GROUP}
   * @param version content hash of {@code groups}
   * @param warnings problems that did not block
   */
  public record Plan(
      GatewayConfig config, EnvoyResources all, Map<String, EnvoyResources> groups, String version, List<Problem> warnings) {}

  private final Translator translator;
  private final EnvoyResourceChecker checker;
  private final RegistryValidator registries;
  private final Consumer<GatewayConfig> beforeTranslation;
  private final Function<GatewayConfig, Endpoints> endpoints;
  private final boolean perGateway;

  /**
   * @param registries checks the {@code Registry} documents against the providers on the class path
   * @param beforeTranslation called with a config that passed validation, before it is translated
   *     (registries start watching its services there)
   * @param endpoints each service's endpoints (static ones and those discovered so far)
   * @param perGateway whether to add one group per gateway (node grouping by cluster)
   */
  public ConfigPipeline(
      Translator translator,
      EnvoyResourceChecker checker,
      RegistryValidator registries,
      Consumer<GatewayConfig> beforeTranslation,
      Function<GatewayConfig, Endpoints> endpoints,
      boolean perGateway) {
    this.translator = translator;
    this.checker = checker;
    this.registries = registries;
    this.beforeTranslation = beforeTranslation;
    this.endpoints = endpoints;
    this.perGateway = perGateway;
  }

  /** Runs every check and translation on {@code loaded}. */
  public Result run(ConfigSource.Loaded loaded) {
    List<Problem> problems = new ArrayList<>(loaded.problems());
    if (loaded.config().isEmpty()) {
      return rejected(problems);
    }
    GatewayConfig config = loaded.config().get();
    problems.addAll(config.validate().problems());
    problems.addAll(translator.pluginValidator().validatePlugins(config));
    problems.addAll(registries.validate(config));
    problems = dedupe(problems);
    if (problems.stream().anyMatch(Problem::isError)) {
      return rejected(problems);
    }
    List<Problem> warnings = problems;

    beforeTranslation.accept(config);
    Endpoints eps = endpoints.apply(config);
    Translation full = translator.translate(config, eps);
    Map<String, EnvoyResources> groups = new LinkedHashMap<>();
    List<Problem> errors = new ArrayList<>();
    collect(full, errors, warnings);
    groups.put(ALL_GROUP, full.resources());
    if (perGateway) {
      // One translation: each gateway's resources are sliced from it (its diagnostics are the full one's).
      for (Gateway g : config.gateways()) {
        groups.put(g.name(), full.gatewayResources(g.name()));
      }
    }
    if (!errors.isEmpty()) {
      return rejected(dedupe(errors));
    }
    for (EnvoyResources r : groups.values()) {
      for (Violation v : checker.validateAll(r.listeners(), r.routes(), r.clusters(), r.endpoints(), r.secrets())) {
        Problem p = toProblem(v);
        if (v.severity() == Severity.ERROR) {
          errors.add(p);
        } else {
          warnings.add(p);
        }
      }
    }
    if (!errors.isEmpty()) {
      return rejected(dedupe(errors));
    }
    return new Result(
        Optional.of(new Plan(config, full.resources(), Map.copyOf(groups), version(groups), dedupe(warnings))), List.of());
  }

  private static void collect(Translation t, List<Problem> errors, List<Problem> warnings) {
    for (Diagnostic d : t.diagnostics()) {
      (d.isError() ? errors : warnings).add(d.toProblem());
    }
  }

  private static Problem toProblem(Violation v) {
    String resource = simpleType(v.resourceType()) + (v.resourceName().isEmpty() ? "" : "/" + v.resourceName());
    String message = "Envoy would reject this: [" + v.rule() + "] " + v.message();
    return v.severity() == Severity.ERROR
        ? Problem.error(resource, v.path(), message)
        : Problem.warning(resource, v.path(), message);
  }

  /** {@code envoy.config.listener.v3.Listener} -> {@code Listener}. */
  private static String simpleType(String protoName) {
    return protoName.substring(protoName.lastIndexOf('.') + 1);
  }

  private static List<Problem> dedupe(List<Problem> problems) {
    return new ArrayList<>(new java.util.LinkedHashSet<>(problems));
  }

  private static Result rejected(List<Problem> problems) {
    return new Result(Optional.empty(), List.copyOf(problems));
  }

  /** SHA-256 over every group's resource names and per-resource content versions, sorted. */
  static String version(Map<String, EnvoyResources> groups) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Map.Entry<String, EnvoyResources> g : new TreeMap<>(groups).entrySet()) {
      Snapshot s = snapshot(g.getValue());
      md.update(("group " + g.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
      for (String type : new java.util.TreeSet<>(s.typeUrls())) {
        for (XdsResource r : new TreeMap<>(s.resources(type)).values()) {
          md.update((type + " " + r.name() + " " + r.version() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  /** The xDS snapshot of {@code resources}. */
  public static Snapshot snapshot(EnvoyResources resources) {
    return Snapshot.of(resources.byTypeUrl());
  }
}
