/**
 * The protocol engine behind {@code io.hango.xds}: stream actors for SotW and Delta, per-type
 * state, debouncing, versions, metrics. Internal: may change in any release without notice.
 */
package io.hango.xds.internal;
