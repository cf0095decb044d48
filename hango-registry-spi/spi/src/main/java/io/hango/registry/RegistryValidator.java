package io.hango.registry;

import static java.util.Objects.requireNonNull;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.validation.Problem;
import io.hango.registry.internal.Providers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the {@code Registry} documents of a config against the registry providers on the class
 * path, for {@code hango validate} and the control plane: a type without a provider is an error
 * naming the jar to add, and each provider checks its own settings. Thread-safe.
 */
public final class RegistryValidator {

  private final Providers providers;

  private RegistryValidator(Providers providers) {
    this.providers = providers;
  }

  /** A validator that knows the providers found with {@link java.util.ServiceLoader}. */
  public static RegistryValidator create() {
    return new RegistryValidator(Providers.discover());
  }

  /** A validator that knows exactly {@code providers}. */
  public static RegistryValidator of(List<? extends RegistryProvider> providers) {
    return new RegistryValidator(Providers.of(requireNonNull(providers, "providers")));
  }

  /** The registry types this validator knows, sorted. */
  public List<String> knownTypes() {
    return providers.types();
  }

  /** Every problem of every {@code Registry} document, located at file:line:col when read from files. */
  public List<Problem> validate(GatewayConfig config) {
    requireNonNull(config, "config");
    List<Registry> docs = new ArrayList<>(config.registries());
    docs.sort(Comparator.comparing(Registry::name));
    List<Problem> out = new ArrayList<>();
    for (Registry r : docs) {
      RegistryProvider p = providers.get(r.spec().typeName());
      List<Problem> found = p == null
          ? List.of(Problem.error(r.ref(), "spec.type", providers.missing(r.spec().typeName())))
          : p.validate(r);
      for (Problem problem : found) {
        out.add(locate(config, r, problem));
      }
    }
    return out;
  }

  private static Problem locate(GatewayConfig config, Registry doc, Problem p) {
    if (p.location().isPresent() || config.sourceMap().isEmpty()) {
      return p;
    }
    return config.sourceMap().get().locate(doc, p.path()).map(p::at).orElse(p);
  }
}
