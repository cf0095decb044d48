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
 * @param executor runs stream actors (short tasks, never blocking)
 * @param scheduler runs debounce timers
 * @param quietPeriod debounce quiet period; zero pushes every publish at once
 * @param maxDelay longest a publish waits under a continuous burst
 * @param maxStreams concurrent streams allowed; more are refused with RESOURCE_EXHAUSTED
 */
public record EngineSettings(
    NodeGroupFunction nodeGroups,
    XdsAuthorizer authorizer,
    XdsListener listener,
    MeterRegistry meterRegistry,
    Executor executor,
    ScheduledExecutorService scheduler,
    Duration quietPeriod,
    Duration maxDelay,
    int maxStreams) {}
