package io.hango.registry.kubernetes;

import static java.util.Objects.requireNonNull;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryProvider;
import io.hango.registry.kubernetes.internal.KubernetesRegistryClient;
import io.hango.registry.kubernetes.internal.Tuning;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code kubernetes} registry type ({@code spec.type: kubernetes}): the endpoints of Kubernetes
 * Services, read from their EndpointSlices ({@code discovery.k8s.io/v1}) with one fabric8 informer
 * per namespace that a referenced Service lives in. Found with {@link java.util.ServiceLoader};
 * stateless.
 *
 * <pre>{@code
 * kind: Registry
 * metadata: {name: cluster}
 * spec: {type: kubernetes, kubeconfig: ~/.kube/config, namespaces: [shop], refreshInterval: 5m}
 * }</pre>
 */
public final class KubernetesRegistryProvider implements RegistryProvider {

  /** The type name, as written in {@code spec.type}. */
  public static final String TYPE = "kubernetes";

  private final Tuning tuning;

  /** The provider, with the standard retry and health-check timings. */
  public KubernetesRegistryProvider() {
    this(Tuning.DEFAULTS);
  }

  /** A provider with other timings (tests). */
  KubernetesRegistryProvider(Tuning tuning) {
    this.tuning = requireNonNull(tuning, "tuning");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Checks what the model does not: {@code spec.apiServer} carries no credentials (they belong in
   * the kubeconfig, where they are kept out of logs) and names a host; {@code spec.namespaces} has
   * no duplicates.
   */
  @Override
  public List<Problem> validate(Registry registry) {
    requireNonNull(registry, "registry");
    if (!(registry.spec() instanceof RegistrySpec.Kubernetes spec)) {
      return List.of(Problem.error(registry.ref(), "spec.type",
          "a kubernetes registry needs the kubernetes settings (apiServer, kubeconfig, namespaces)"));
    }
    List<Problem> problems = new ArrayList<>();
    spec.apiServer().ifPresent(url -> {
      try {
        URI uri = new URI(url);
        if (uri.getRawUserInfo() != null) {
          problems.add(Problem.error(registry.ref(), "spec.apiServer",
              "credentials in the URL are not allowed: put them in a kubeconfig (spec.kubeconfig)"));
        } else if (uri.getHost() == null) {
          problems.add(Problem.error(registry.ref(), "spec.apiServer", "the URL names no host"));
        }
      } catch (URISyntaxException e) {
        problems.add(Problem.error(registry.ref(), "spec.apiServer", "not a URL: " + e.getReason()));
      }
    });
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.namespaces().size(); i++) {
      if (!seen.add(spec.namespaces().get(i))) {
        problems.add(Problem.error(registry.ref(), "spec.namespaces[" + i + "]",
            "namespace '" + spec.namespaces().get(i) + "' is listed twice"));
      }
    }
    return problems;
  }

  @Override
  public RegistryClient create(RegistryContext context) {
    requireNonNull(context, "context");
    Registry registry = context.registry();
    if (!(registry.spec() instanceof RegistrySpec.Kubernetes spec)) {
      throw new IllegalArgumentException(registry.ref() + " is not a kubernetes registry");
    }
    return new KubernetesRegistryClient(registry.name(), spec, context.scheduler(), tuning);
  }
}
