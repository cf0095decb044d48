package io.hango.testkit.xds;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.xds.XdsNameResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A channel of grpc-java's own xDS client to {@code xds-test:///HOST}, bootstrapped against a control
 * plane's xDS port with a node of the given id and cluster: a real xDS client (SotW over ADS) for
 * end-to-end tests. Needs {@code io.grpc:grpc-xds} on the test class path (an optional dependency
 * of the testkit).
 *
 * <pre>{@code
 * try (GrpcXdsChannel xds = GrpcXdsChannel.open(cp.xdsPort(), "node-1", "edge", "api.example.com")) {
 *   GreeterGrpc.newBlockingStub(xds.channel()).sayHello(...);
 * }
 * }</pre>
 */
public final class GrpcXdsChannel implements AutoCloseable {

  private final XdsNameResolverProvider resolver;
  private final ManagedChannel channel;

  private GrpcXdsChannel(XdsNameResolverProvider resolver, ManagedChannel channel) {
    this.resolver = resolver;
    this.channel = channel;
  }

  /** Opens a channel to {@code xds-test:///host} through an xDS server on 127.0.0.1:{@code xdsPort}. */
  public static GrpcXdsChannel open(int xdsPort, String nodeId, String nodeCluster, String host) {
    Map<String, Object> bootstrap =
        Map.of(
            "xds_servers",
                List.of(
                    Map.of(
                        "server_uri", "localhost:" + xdsPort,
                        "channel_creds", List.of(Map.of("type", "insecure")),
                        "server_features", List.of("xds_v3"))),
            "node", Map.of("id", nodeId, "cluster", nodeCluster));
    XdsNameResolverProvider resolver = XdsNameResolverProvider.createForTest("xds-test", bootstrap);
    NameResolverRegistry.getDefaultRegistry().register(resolver);
    ManagedChannel channel = Grpc.newChannelBuilder("xds-test:///" + host, InsecureChannelCredentials.create()).build();
    return new GrpcXdsChannel(resolver, channel);
  }

  /** The channel; calls on it are routed by what the xDS server sent. */
  public ManagedChannel channel() {
    return channel;
  }

  /** Shuts the channel down and removes its resolver. */
  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    NameResolverRegistry.getDefaultRegistry().deregister(resolver);
  }
}
