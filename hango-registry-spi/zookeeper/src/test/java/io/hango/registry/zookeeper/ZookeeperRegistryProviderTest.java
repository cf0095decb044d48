package io.hango.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hango.model.GatewayConfig;
import io.hango.model.registry.Registry;
import io.hango.model.registry.ImmutableZookeeper;
import io.hango.model.registry.RegistrySpec;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryContext;
import io.hango.registry.RegistryValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class ZookeeperRegistryProviderTest {

  private static Registry zk(String connectString, String rootPath) {
    ImmutableZookeeper.Builder spec = RegistrySpec.Zookeeper.builder().connectString(connectString);
    if (rootPath != null) {
      spec.rootPath(rootPath);
    }
    return Registry.of("zk", spec.build());
  }

  @Test
  void isFoundOnTheClassPath() {
    assertThat(RegistryValidator.create().knownTypes()).contains("zookeeper", "static");
  }

  @Test
  void acceptsTheUsualSettings() {
    ZookeeperRegistryProvider provider = new ZookeeperRegistryProvider();
    assertThat(provider.validate(zk("zk-1:2181,zk-2:2181", null))).isEmpty();
    assertThat(provider.validate(zk("zk-1:2181/", "/"))).isEmpty();
    assertThat(provider.validate(zk("zk-1:2181/prod/registry", "/dubbo-prod"))).isEmpty();
  }

  @Test
  void rejectsRootPathsAndChrootsThatAreNotZookeeperPaths() {
    GatewayConfig config = GatewayConfig.of(zk("zk-1:2181/prod//x", "/dubbo/"));

    List<Problem> problems = RegistryValidator.of(List.of(new ZookeeperRegistryProvider())).validate(config);

    assertThat(problems).extracting(Problem::toString).containsExactly(
        "Registry/zk: spec.connectString: chroot '/prod//x' is not a ZooKeeper path: empty node name specified @6",
        "Registry/zk: spec.rootPath: '/dubbo/' is not a ZooKeeper path: Path must not end with / character");
  }

  @Test
  void leavesARootPathWithoutSlashToTheModel() {
    assertThat(new ZookeeperRegistryProvider().validate(zk("zk:2181", "dubbo"))).isEmpty();
    assertThat(GatewayConfig.of(zk("zk:2181", "dubbo")).validate().problems()).extracting(Problem::path).containsExactly("spec.rootPath");
  }

  @Test
  void createsClientsForZookeeperRegistriesOnly() {
    Registry nacos = Registry.of("nacos", RegistrySpec.Nacos.builder().serverAddr("127.0.0.1:8848").build());

    assertThatThrownBy(() -> new ZookeeperRegistryProvider().create(context(nacos)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Registry/nacos is not a zookeeper registry");
    assertThat(new ZookeeperRegistryProvider().validate(nacos)).extracting(Problem::path).containsExactly("spec.type");
  }

  @Test
  void rejectsAConnectStringZookeeperCannotUse() {
    assertThat(new ZookeeperRegistryProvider().validate(zk("127.0.0.1:99999", null))).extracting(Problem::toString)
        .containsExactly("Registry/zk: spec.connectString: ZooKeeper cannot use '127.0.0.1:99999': port out of range:99999");
  }

  private static RegistryContext context(Registry registry) {
    return new RegistryContext() {
      @Override
      public Registry registry() {
        return registry;
      }

      @Override
      public Path dataDirectory() {
        throw new UnsupportedOperationException();
      }

      @Override
      public ScheduledExecutorService scheduler() {
        throw new UnsupportedOperationException();
      }
    };
  }
}
