package io.hango.bench.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * A real ZooKeeper server in this JVM (Curator's {@link TestingServer}, bound to 127.0.0.1) and
 * one Curator session through which the harness registers and deregisters the Dubbo providers of
 * {@link ProviderNames}, as ephemeral nodes, the way Dubbo does.
 */
final class ZookeeperProviders implements AutoCloseable {

  /** At most this many asynchronous changes in flight, so a slow server shows as a slower churn. */
  private static final int MAX_IN_FLIGHT = 1_000;

  private final ProviderNames names;
  private final TestingServer server;
  private final CuratorFramework client;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong asyncErrors = new AtomicLong();

  private ZookeeperProviders(ProviderNames names, TestingServer server, CuratorFramework client) {
    this.names = names;
    this.server = server;
    this.client = client;
  }

  /** Starts the server on a free loopback port and connects the providers' session. */
  static ZookeeperProviders start(ProviderNames names) throws Exception {
    TestingServer server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(server.getConnectString())
        .sessionTimeoutMs(60_000)
        .retryPolicy(new ExponentialBackoffRetry(200, 5))
        .build();
    client.start();
    if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
      client.close();
      server.close();
      throw new IllegalStateException("cannot connect to the ZooKeeper started at " + server.getConnectString());
    }
    return new ZookeeperProviders(names, server, client);
  }

  /** {@code 127.0.0.1:<port>}. */
  String connectString() {
    return server.getConnectString();
  }

  /** Registers every provider of every service, one transaction per service. */
  void registerAll() throws Exception {
    client.create().forPath("/dubbo");
    for (int s = 0; s < names.services(); s++) {
      List<CuratorOp> ops = new ArrayList<>();
      ops.add(client.transactionOp().create().forPath(names.servicePath(s)));
      ops.add(client.transactionOp().create().forPath(names.providersPath(s)));
      for (int i = 0; i < names.instances(); i++) {
        ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(names.providerPath(s, i)));
      }
      client.transaction().forOperations(ops);
    }
  }

  /** Makes a change and returns once ZooKeeper has applied it. */
  void apply(ProviderChange change) throws Exception {
    String path = names.providerPath(change.service(), change.instance());
    if (change.add()) {
      client.create().withMode(CreateMode.EPHEMERAL).forPath(path);
    } else {
      client.delete().forPath(path);
    }
  }

  /**
   * Sends a change without waiting for it (ZooKeeper applies a session's requests in order); waits
   * only when {@value #MAX_IN_FLIGHT} are in flight. Failures are counted: {@link #asyncErrors()}.
   */
  void applyAsync(ProviderChange change) throws Exception {
    inFlight.acquire();
    String path = names.providerPath(change.service(), change.instance());
    try {
      if (change.add()) {
        client.create().withMode(CreateMode.EPHEMERAL).inBackground((c, event) -> completed(event.getResultCode()))
            .forPath(path);
      } else {
        client.delete().inBackground((c, event) -> completed(event.getResultCode())).forPath(path);
      }
    } catch (Exception e) {
      inFlight.release();
      throw e;
    }
  }

  private void completed(int resultCode) {
    if (resultCode != KeeperException.Code.OK.intValue()) {
      asyncErrors.incrementAndGet();
    }
    inFlight.release();
  }

  /** Waits until every asynchronous change has been answered; false on timeout. */
  boolean awaitAsync(Duration timeout) throws InterruptedException {
    if (!inFlight.tryAcquire(MAX_IN_FLIGHT, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    inFlight.release(MAX_IN_FLIGHT);
    return true;
  }

  /** How many asynchronous changes ZooKeeper refused. */
  long asyncErrors() {
    return asyncErrors.get();
  }

  /** Closes the session (its ephemeral nodes go) and stops the server. */
  @Override
  public void close() throws Exception {
    client.close();
    server.close();
  }
}
