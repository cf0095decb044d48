package io.hango.controlplane;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link RegistryEndToEndTest} with a real ZooKeeper (Curator's TestingServer); backends register
 * as Dubbo providers: ephemeral {@code /dubbo/<interface>/providers/<URL-encoded URL>} nodes.
 */
class ZookeeperEndToEndTest extends RegistryEndToEndTest {

  private static TestingServer zk;
  private static CuratorFramework provider;
  private final Map<String, String> nodes = new HashMap<>();

  @BeforeAll
  static void startZookeeper() throws Exception {
    zk = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
    provider = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
        .sessionTimeoutMs(30_000).retryPolicy(new RetryOneTime(200)).build();
    provider.start();
  }

  @AfterAll
  static void stopZookeeper() throws Exception {
    provider.close();
    zk.close();
  }

  @Override
  String registryYaml() {
    return """
        apiVersion: hango.io/v1alpha1
        kind: Registry
        metadata: {name: reg}
        spec: {type: zookeeper, connectString: "%s", sessionTimeout: 4s, debounceQuietPeriod: 10ms, debounceMaxDelay: 200ms, emptyGracePeriod: 2s}
        """.formatted(zk.getConnectString());
  }

  @Override
  String discoveryYaml() {
    return "{registry: reg, serviceName: test.Who}";
  }

  @Override
  void register(String name, int port) throws Exception {
    String url = "tri://127.0.0.1:" + port + "/test.Who?application=" + name + "&interface=test.Who&side=provider&methods=Who%2CPing&weight=100";
    String node = "/dubbo/test.Who/providers/" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    provider.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(node);
    nodes.put(name, node);
  }

  @Override
  void deregister(String name) throws Exception {
    provider.delete().forPath(nodes.remove(name));
  }

  @Override
  void stopRegistry() throws Exception {
    zk.stop();
  }

  @Override
  void restartRegistry() throws Exception {
    zk.restart();
  }
}
