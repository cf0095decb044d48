package io.hango.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.fail;

import io.hango.model.registry.Registry;
import io.hango.model.registry.RegistrySpec;
import io.hango.registry.RegistryContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Shared test helpers: a real ZooKeeper on 127.0.0.1, provider clients, polls with timeouts. */
final class ZkTesting {

  /** The session timeout of every test client: short, so that expiries happen within a test. */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(2);
  /** ZooKeeper's tick; sessions may last from one tick to 20 ticks. */
  private static final int TICK_MILLIS = 200;
  private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "test-scheduler");
    t.setDaemon(true);
    return t;
  });

  private ZkTesting() {}

  /** Starts a real ZooKeeper server on 127.0.0.1 only, on {@code port} (-1: a free one). */
  static TestingServer startServer(int port) throws Exception {
    InstanceSpec spec = new InstanceSpec(null, port, -1, -1, true, -1, TICK_MILLIS, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
    return new TestingServer(spec, true);
  }

  /** A started Curator client acting as a provider (Dubbo or Curator service discovery). */
  static CuratorFramework providerClient(String connectString) {
    CuratorFramework c = CuratorFrameworkFactory.builder()
        .connectString(connectString)
        .sessionTimeoutMs((int) SESSION_TIMEOUT.toMillis())
        .connectionTimeoutMs((int) SESSION_TIMEOUT.toMillis())
        .retryPolicy(new RetryOneTime(200))
        .build();
    c.start();
    return c;
  }

  /** Registers a Dubbo provider the way Dubbo does: an ephemeral node named by the URL-encoded URL. */
  static String registerDubbo(CuratorFramework provider, String root, String iface, String url) throws Exception {
    String path = ZKPaths.makePath(root, iface, "providers", URLEncoder.encode(url, StandardCharsets.UTF_8));
    provider.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path);
    return path;
  }

  /**
   * Expires {@code client}'s session on the server, as a real expiry does: a second handle takes the
   * session over and closes it, so the server ends it (deleting its ephemeral nodes) and the client,
   * when it reconnects, is told that its session expired.
   */
  static void expireSession(CuratorFramework client, String serverConnectString) throws Exception {
    ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper thief = new ZooKeeper(serverConnectString, (int) SESSION_TIMEOUT.toMillis(), e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
        connected.countDown();
      }
    }, zk.getSessionId(), zk.getSessionPasswd());
    try {
      if (!connected.await(10, TimeUnit.SECONDS)) {
        fail("could not take over session 0x" + Long.toHexString(zk.getSessionId()));
      }
    } finally {
      thief.close();
    }
  }

  /** A zookeeper registry spec for tests: short session, the given layout. */
  static RegistrySpec.Zookeeper spec(String connectString, RegistrySpec.Zookeeper.Layout layout) {
    return RegistrySpec.Zookeeper.builder()
        .connectString(connectString)
        .layout(layout)
        .sessionTimeout(SESSION_TIMEOUT)
        .build();
  }

  /** A context for {@code spec}, as the runtime would give it. */
  static RegistryContext context(RegistrySpec spec, Path dataDirectory) {
    Registry registry = Registry.of("zk", spec);
    return new RegistryContext() {
      @Override
      public Registry registry() {
        return registry;
      }

      @Override
      public Path dataDirectory() {
        return dataDirectory;
      }

      @Override
      public ScheduledExecutorService scheduler() {
        return SCHEDULER;
      }
    };
  }

  /** Polls {@code condition} every 20ms until it holds; fails after {@code timeout} with {@code what}. */
  static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + timeout.toMillis() + "ms: " + what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /** {@link #await(Duration, BooleanSupplier, Supplier)} with a 10s timeout. */
  static void await(BooleanSupplier condition, Supplier<String> what) {
    await(Duration.ofSeconds(10), condition, what);
  }
}
