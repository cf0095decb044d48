package io.hango.xds.internal;

import io.hango.xds.NodeGroupFunction;
import io.hango.xds.XdsAuthorizer;
import io.hango.xds.XdsListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything the protocol engine needs, as assembled by {@code XdsServer.Builder}.
 *
 * @param listener stream event callbacks, or null for none
 * @param executor runs stream actors (short tasks, never blocking)
 * @param callbackExecutor runs user code that may be slow: the node-group function, the
 *     authorizer and the listener
 * @param scheduler runs debounce timers and first-request deadlines
 * @param quietPeriod debounce quiet period; zero pushes every publish at once
 * @param maxDelay longest a publish waits under a continuous burst
 * @param limits how many streams, from whom, and how long they may stay silent
 */
public record EngineSettings(
    NodeGroupFunction nodeGroups,
    XdsAuthorizer authorizer,
    XdsListener listener,
    MeterRegistry meterRegistry,
    Executor executor,
    Executor callbackExecutor,
    ScheduledExecutorService scheduler,
    Duration quietPeriod,
    Duration maxDelay,
    Limits limits) {

  /**
   * Limits on streams.
   *
   * @param maxStreams streams serving at once (after their first request), and separately
   *     streams waiting for their first request; more are refused with RESOURCE_EXHAUSTED
   * @param maxStreamsPerConnection streams on one connection (peer address and port)
   * @param maxStreamsPerPeer streams from one peer address
   * @param firstRequestTimeout how long a stream may stay without a request before it is closed
   * @param maxNamesPerType resource names one stream may subscribe to of one type
   * @param maxNamesPerStream resource names one stream may subscribe to over all types
   */
  public record Limits(
      int maxStreams,
      int maxStreamsPerConnection,
      int maxStreamsPerPeer,
      Duration firstRequestTimeout,
      int maxNamesPerType,
      int maxNamesPerStream) {}
}
