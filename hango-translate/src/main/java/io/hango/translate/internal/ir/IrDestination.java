package io.hango.translate.internal.ir;

import io.hango.translate.internal.ClusterKey;

/** A weighted cluster of a forward; destinations on the same cluster are merged (weights summed). */
public record IrDestination(ClusterKey cluster, int weight) {}
