package io.hango.xds.internal;

import io.hango.xds.Snapshot;

/**
 * A group's current snapshot and when it was published ({@link System#nanoTime()}), the
 * start of the push-latency measurement.
 */
record GroupSnapshot(Snapshot snapshot, long publishedNanos) {}
