package io.hango.xds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.hango.testkit.xds.SotwXdsStream;
import io.hango.testkit.xds.XdsTestClient;
import io.hango.xds.NodeGroupFunction;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeUrls;
import io.hango.xds.XdsAuthorizer;
import io.hango.xds.XdsListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's bookkeeping of streams and groups over their lifetime. */
class EngineLifecycleTest {

  private ExecutorService actors;
  private ScheduledExecutorService timers;
  private XdsEngine engine;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void setUp() throws Exception {
    actors = Executors.newFixedThreadPool(2);
    timers = Executors.newSingleThreadScheduledExecutor();
    // One group per node id: the shape that makes a leak per group visible.
    NodeGroupFunction byId = node -> "node-" + node.getId();
    engine =
        new XdsEngine(
            new EngineSettings(
                byId, XdsAuthorizer.allowAll(), new XdsListener() {}, new SimpleMeterRegistry(),
                actors, actors, timers, Duration.ZERO, Duration.ZERO,
                new EngineSettings.Limits(100, 100, 100, Duration.ofSeconds(30), 1000, 1000)));
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder sb = InProcessServerBuilder.forName(name).directExecutor();
    engine.services().forEach(sb::addService);
    server = sb.build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void tearDown() throws Exception {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    actors.shutdownNow();
    timers.shutdownNow();
  }

  @Test
  void groupsOfClosedStreamsAreForgotten() throws Exception {
    XdsTestClient client = XdsTestClient.of(channel);
    for (int i = 0; i < 20; i++) {
      String group = "node-envoy-" + i;
      engine.store().publish(group, Snapshot.builder().add(Cluster.newBuilder().setName("a").build()).build());
      try (SotwXdsStream s = client.ads(XdsTestClient.node("envoy-" + i))) {
        s.request(TypeUrls.CLUSTER);
        s.awaitResponse(TypeUrls.CLUSTER);
      }
      engine.store().clear(group);
    }
    assertThat(engine.awaitNoStreams(TimeUnit.SECONDS.toNanos(5))).isTrue();
    assertThat(engine.groupsWithStreams()).isZero();
    assertThat(engine.status().nodes()).isEmpty();
  }

  @Test
  void aStreamOpenedWhileStreamsAreClosedIsEndedExactlyOnce() throws Exception {
    ExecutorService opener = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 1000; i++) {
        XdsEngine e =
            new XdsEngine(
                new EngineSettings(
                    node -> "g", XdsAuthorizer.allowAll(), new XdsListener() {}, new SimpleMeterRegistry(),
                    actors, actors, timers, Duration.ZERO, Duration.ZERO,
                new EngineSettings.Limits(100, 100, 100, Duration.ofSeconds(30), 1000, 1000)));
        RecordingResponses<DiscoveryResponse> out = new RecordingResponses<>();
        CyclicBarrier both = new CyclicBarrier(2);
        Future<?> opened =
            opener.submit(
                () -> {
                  both.await();
                  return e.openSotw(out, null);
                });
        both.await();
        e.closeStreams(Status.UNAVAILABLE);
        opened.get();
        assertThat(e.awaitNoStreams(TimeUnit.SECONDS.toNanos(2))).isTrue();
        assertThat(out.ends.get()).as("ends of stream in round %d", i).isEqualTo(1);
      }
    } finally {
      opener.shutdownNow();
    }
  }

  @Test
  void streamsOpenedAfterCloseStreamsAreRefused() throws Exception {
    engine.store().publish("node-late", Snapshot.builder().add(Cluster.newBuilder().setName("a").build()).build());
    // Mounted on the host's server: the host keeps accepting calls after the xDS server
    // shut down (and its executors are gone), so new streams must end, not hang.
    engine.closeStreams(Status.UNAVAILABLE.withDescription("shutting down"));
    actors.shutdown();
    try (SotwXdsStream s = XdsTestClient.of(channel).ads(XdsTestClient.node("late"))) {
      s.request(TypeUrls.CLUSTER);
      assertThat(s.awaitClosed(Duration.ofSeconds(3)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
    assertThat(engine.openStreams()).isZero();
  }
}
