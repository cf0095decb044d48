/**
 * The protocol engine behind {@code io.hango.xds}: stream actors for SotW and Delta, per-type
 * state, debouncing, versions, metrics. Not API: may change in any release without notice.
 */
package io.hango.xds.internal;
