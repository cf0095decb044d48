package io.hango.bench.xds;

import io.grpc.Channel;

/** One simulated Envoy on an ADS stream: {@link SotwClient} or {@link DeltaClient}. */
interface AdsClient {

  /** Opens the stream on {@code channel} and sends the first request. */
  void start(Channel channel);

  /** Half-closes the stream. */
  void stop();

  /** A client of protocol {@code mode} ({@code sotw} or {@code delta}) with node id {@code bench-client-<id>}. */
  static AdsClient create(String mode, ClientRun run, int id) {
    return switch (mode) {
      case "sotw" -> new SotwClient(run, id);
      case "delta" -> new DeltaClient(run, id);
      default -> throw new IllegalArgumentException("protocol sotw|delta, not " + mode);
    };
  }
}
