package io.hango.registry.internal;

import io.hango.registry.RegistryProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry providers by type, and the one wording of a type without a provider. Internal. */
public final class Providers {

  /** The artifact that provides each of Hango's own registry types. */
  private static final Map<String, String> ARTIFACTS = Map.of(
      "kubernetes", "io.hango:hango-registry-kubernetes",
      "eureka", "io.hango:hango-registry-eureka",
      "nacos", "io.hango:hango-registry-nacos",
      "zookeeper", "io.hango:hango-registry-zookeeper",
      "static", "io.hango:hango-registry-spi");

  private final Map<String, RegistryProvider> byType;

  private Providers(Map<String, RegistryProvider> byType) {
    this.byType = byType;
  }

  /** The providers found with {@link ServiceLoader} on this class's loader. */
  public static Providers discover() {
    List<RegistryProvider> found = new ArrayList<>();
    ServiceLoader.load(RegistryProvider.class, Providers.class.getClassLoader()).forEach(found::add);
    return of(found);
  }

  /** These providers; the first of a type wins. */
  public static Providers of(List<? extends RegistryProvider> providers) {
    Map<String, RegistryProvider> m = new TreeMap<>();
    providers.forEach(p -> m.putIfAbsent(p.type(), p));
    return new Providers(Map.copyOf(m));
  }

  /** The provider of {@code type}, or null. */
  public RegistryProvider get(String type) {
    return byType.get(type);
  }

  /** The known types, sorted. */
  public List<String> types() {
    return List.copyOf(new TreeMap<>(byType).keySet());
  }

  /** Why {@code type} cannot run here, naming the jar to add. */
  public String missing(String type) {
    String artifact = ARTIFACTS.get(type);
    String known = types().isEmpty() ? "none" : String.join(", ", types());
    return artifact != null
        ? "no provider for registry type '" + type + "' on the class path: add the jar " + artifact + " (known here: " + known + ")"
        : "no provider for registry type '" + type + "' on the class path: add the jar of its RegistryProvider (known here: " + known + ")";
  }
}
