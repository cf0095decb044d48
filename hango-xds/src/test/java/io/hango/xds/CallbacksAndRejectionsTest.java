package io.hango.xds;

import static io.hango.testkit.xds.XdsResponses.names;
import static io.hango.xds.TestResources.basic;
import static io.hango.xds.TestResources.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Status;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stream actors' executor: a task it rejects ends that stream cleanly instead of leaking
 * or wedging it, and slow user callbacks (authorizer, listener) never hold it up.
 */
class CallbacksAndRejectionsTest {

  private final ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    pool.shutdownNow();
  }

  private <T extends AutoCloseable> T closeLater(T t) {
    toClose.add(t);
    return t;
  }

  /** The actor pool, refusing every task while {@link #rejecting} is set. */
  private final class Refusing implements Executor {
    volatile boolean rejecting;

    @Override
    public void execute(Runnable task) {
      if (rejecting) {
        throw new RejectedExecutionException("saturated");
      }
      pool.execute(task);
    }
  }

  @Test
  void aRejectedCancelStillFreesTheStreamsSlot() throws Exception {
    Refusing actors = new Refusing();
    XdsFixture fx = closeLater(XdsFixture.start(b -> b.executor(actors).maxStreams(1)));
    fx.store().publish("default", basic());
    SotwXdsStream first = fx.client.ads(XdsTestClient.node("first"));
    first.request(TypeUrls.CLUSTER);
    first.awaitResponse(TypeUrls.CLUSTER);

    actors.rejecting = true;
    first.close();
    // However the cancellation travels, it meets the rejecting executor.
    first.awaitClosed(Duration.ofSeconds(5));
    Thread.sleep(200);
    actors.rejecting = false;
    StatusListenerMetricsTest.awaitTrue(() -> fx.xds.status().nodes().isEmpty());
    SotwXdsStream second = closeLater(fx.client.ads(XdsTestClient.node("second")));
    second.request(TypeUrls.CLUSTER);
    assertThat(names(second.awaitResponse(TypeUrls.CLUSTER))).containsExactly("a", "b");
  }

  @Test
  void aRejectedRequestEndsTheStreamInsteadOfWedgingIt() throws Exception {
    Refusing actors = new Refusing();
    XdsFixture fx = closeLater(XdsFixture.start(b -> b.executor(actors)));
    fx.store().publish("default", basic());
    SotwXdsStream ads = closeLater(fx.client.ads(XdsTestClient.node("envoy-1")));
    ads.request(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    awaitIdle(fx);

    actors.rejecting = true;
    ads.request(TypeUrls.ENDPOINT, "a");
    Status status = ads.awaitClosed(Duration.ofSeconds(5));
    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    actors.rejecting = false;
    StatusListenerMetricsTest.awaitTrue(() -> fx.xds.status().nodes().isEmpty());
  }

  @Test
  void aRejectedWakeUpEndsTheStreamInsteadOfLosingThePublish() throws Exception {
    Refusing actors = new Refusing();
    XdsFixture fx = closeLater(XdsFixture.start(b -> b.executor(actors)));
    fx.store().publish("default", basic());
    SotwXdsStream ads = closeLater(fx.client.ads(XdsTestClient.node("envoy-1")));
    ads.request(TypeUrls.CLUSTER);
    ads.ack(ads.awaitResponse(TypeUrls.CLUSTER));
    awaitIdle(fx);

    actors.rejecting = true;
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    // The client reconnects (UNAVAILABLE) and gets the latest version then.
    assertThat(ads.awaitClosed(Duration.ofSeconds(5)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void aSlowAuthorizerDoesNotDelayPushesToConnectedStreams() throws Exception {
    AtomicInteger authorized = new AtomicInteger();
    XdsAuthorizer slow =
        client -> {
          if (client.node().getId().startsWith("slow")) {
            sleep(300);
            authorized.incrementAndGet();
          }
          return XdsAuthorization.allow();
        };
    XdsFixture fx = closeLater(XdsFixture.start(b -> b.executor(pool).authorizer(slow)));
    fx.store().publish("default", basic());
    SotwXdsStream connected = closeLater(fx.client.ads(XdsTestClient.node("connected")));
    connected.request(TypeUrls.CLUSTER);
    connected.ack(connected.awaitResponse(TypeUrls.CLUSTER));

    for (int i = 0; i < 8; i++) {
      closeLater(fx.client.ads(XdsTestClient.node("slow-" + i))).request(TypeUrls.CLUSTER);
    }
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    DiscoveryResponse pushed = connected.awaitResponse(TypeUrls.CLUSTER);
    assertThat(names(pushed)).contains("c");
    // Had the authorizations run on the two actor threads, the push would have waited for most.
    assertThat(authorized.get()).as("authorizations finished before the push").isLessThanOrEqualTo(2);
  }

  @Test
  void aSlowListenerDoesNotDelayPushes() throws Exception {
    AtomicInteger slowCallbacks = new AtomicInteger();
    XdsListener slow =
        new XdsListener() {
          @Override
          public void onRequest(XdsStreamInfo stream, String typeUrl, Message request) {
            if (stream.nodeId().startsWith("slow")) {
              sleep(300);
              slowCallbacks.incrementAndGet();
            }
          }
        };
    XdsFixture fx = closeLater(XdsFixture.start(b -> b.executor(pool).listener(slow)));
    fx.store().publish("default", basic());
    SotwXdsStream connected = closeLater(fx.client.ads(XdsTestClient.node("connected")));
    connected.request(TypeUrls.CLUSTER);
    connected.ack(connected.awaitResponse(TypeUrls.CLUSTER));

    for (int i = 0; i < 8; i++) {
      closeLater(fx.client.ads(XdsTestClient.node("slow-" + i))).request(TypeUrls.CLUSTER);
    }
    fx.store().publish("default", basic().withChanges(TypeUrls.CLUSTER, Map.of("c", cluster("c")), List.of()));
    assertThat(names(connected.awaitResponse(TypeUrls.CLUSTER))).contains("c");
    assertThat(slowCallbacks.get()).as("slow callbacks finished before the push").isLessThanOrEqualTo(2);
  }

  /**
   * Waits until the ACK was handled and the actors are idle: a stream's tasks reach the pool
   * (and can be rejected) only when none of its tasks is running.
   */
  private void awaitIdle(XdsFixture fx) throws InterruptedException {
    StatusListenerMetricsTest.awaitTrue(
        () -> fx.xds.status().nodes().get(0).type(TypeUrls.CLUSTER).orElseThrow().versionAcked() != null
            && pool.getActiveCount() == 0
            && pool.getQueue().isEmpty());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
