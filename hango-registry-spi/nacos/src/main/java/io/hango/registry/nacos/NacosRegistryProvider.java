package io.hango.registry.nacos;

import static java.util.Objects.requireNonNull;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryProvider;
import io.hango.registry.nacos.internal.NacosRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code nacos} registry type ({@code spec: {type: nacos, serverAddr: "127.0.0.1:8848",
 * namespace: prod, group: DEFAULT_GROUP, username: ..., password: ..., refreshInterval: 30s}}): a
 * Nacos service per watched service, followed with the official {@code nacos-client} over gRPC
 * (a subscription per service, plus a query at start, after reconnecting and every
 * {@code refreshInterval}). The client's empty-push protection is off: the runtime's empty-answer
 * policy applies. See the module's README for how instances map to endpoints. Stateless and
 * thread-safe.
 */
public final class NacosRegistryProvider implements RegistryProvider {

  @Override
  public String type() {
    return "nacos";
  }

  /**
   * What Nacos needs beyond the model's checks: a user name and a password go together, and a
   * namespace or group, when written, is not blank.
   */
  @Override
  public List<Problem> validate(Registry registry) {
    requireNonNull(registry, "registry");
    List<Problem> out = new ArrayList<>();
    if (registry.spec() instanceof RegistrySpec.Nacos spec) {
      boolean user = present(spec.username());
      boolean password = present(spec.password());
      if (user && !password) {
        out.add(Problem.error(registry.ref(), "spec.password", "a nacos username needs a password"));
      } else if (password && !user) {
        out.add(Problem.error(registry.ref(), "spec.username", "a nacos password needs a username"));
      }
      if (spec.namespace().filter(String::isBlank).isPresent()) {
        out.add(Problem.error(registry.ref(), "spec.namespace", "cannot be empty (leave it out for the namespace 'public')"));
      }
      if (spec.group().filter(String::isBlank).isPresent()) {
        out.add(Problem.error(registry.ref(), "spec.group", "cannot be empty (leave it out for DEFAULT_GROUP)"));
      }
    }
    return out;
  }

  /**
   * A client of {@code context}'s registry; it connects once started and watching.
   *
   * @throws IllegalArgumentException when the registry is not of type {@code nacos}
   */
  @Override
  public RegistryClient create(RegistryContext context) {
    requireNonNull(context, "context");
    if (!(context.registry().spec() instanceof RegistrySpec.Nacos)) {
      throw new IllegalArgumentException("registry " + context.registry().name() + " is of type "
          + context.registry().spec().typeName() + ", not nacos");
    }
    return new NacosRegistryClient(context);
  }

  private static boolean present(Optional<String> value) {
    return value.filter(v -> !v.isEmpty()).isPresent();
  }
}
