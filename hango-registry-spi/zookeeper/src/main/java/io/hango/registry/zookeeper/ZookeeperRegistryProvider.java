package io.hango.registry.zookeeper;

import static java.util.Objects.requireNonNull;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryClient;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryProvider;
import io.hango.registry.zookeeper.internal.ZookeeperRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.zookeeper.client.ConnectStringParser;
import org.apache.zookeeper.common.PathUtils;

/**
 * The {@code zookeeper} registry type ({@code spec.type: zookeeper}): services that Dubbo
 * ({@code layout: dubbo}, root {@code /dubbo}) or Curator's service discovery ({@code layout:
 * curator}, root {@code /services}) register in ZooKeeper, watched with ZooKeeper watches on each
 * referenced service's node only. Found with {@link java.util.ServiceLoader}; stateless.
 *
 * <pre>{@code
 * kind: Registry
 * metadata: {name: zk}
 * spec: {type: zookeeper, connectString: "127.0.0.1:2181", layout: dubbo, sessionTimeout: 30s}
 * }</pre>
 */
public final class ZookeeperRegistryProvider implements RegistryProvider {

  /** The type name, as written in {@code spec.type}. */
  public static final String TYPE = "zookeeper";

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Checks what the model does not: ZooKeeper must accept the connect string (ports in range), and
   * its chroot and {@code spec.rootPath} must be ZooKeeper paths (no empty, {@code .} or {@code ..}
   * segments, no trailing {@code /}).
   */
  @Override
  public List<Problem> validate(Registry registry) {
    requireNonNull(registry, "registry");
    if (!(registry.spec() instanceof RegistrySpec.Zookeeper spec)) {
      return List.of(Problem.error(registry.ref(), "spec.type",
          "a zookeeper registry needs the zookeeper settings (connectString, layout, rootPath, sessionTimeout)"));
    }
    List<Problem> problems = new ArrayList<>();
    String connect = spec.connectString();
    int slash = connect.indexOf('/');
    Optional<String> chroot = slash >= 0 && connect.length() - slash > 1
        ? pathProblem(connect.substring(slash))
        : Optional.empty();
    if (chroot.isPresent()) {
      problems.add(Problem.error(registry.ref(), "spec.connectString", "chroot " + chroot.get()));
    } else {
      try {
        new ConnectStringParser(connect);
      } catch (IllegalArgumentException e) {
        problems.add(Problem.error(registry.ref(), "spec.connectString", "ZooKeeper cannot use '" + connect + "': " + e.getMessage()));
      }
    }
    spec.rootPath()
        .filter(p -> p.startsWith("/"))
        .flatMap(ZookeeperRegistryProvider::pathProblem)
        .ifPresent(m -> problems.add(Problem.error(registry.ref(), "spec.rootPath", m)));
    return problems;
  }

  @Override
  public RegistryClient create(RegistryContext context) {
    requireNonNull(context, "context");
    Registry registry = context.registry();
    if (!(registry.spec() instanceof RegistrySpec.Zookeeper spec)) {
      throw new IllegalArgumentException(registry.ref() + " is not a zookeeper registry");
    }
    return new ZookeeperRegistryClient(registry.name(), spec);
  }

  private static Optional<String> pathProblem(String path) {
    try {
      PathUtils.validatePath(path);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      int cause = why.indexOf(" caused by ");
      return Optional.of("'" + path + "' is not a ZooKeeper path: " + (cause < 0 ? why : why.substring(cause + 11)));
    }
  }
}
