/**
 * An embeddable xDS server for Envoy v3 resources: {@link io.hango.xds.XdsServer} (builder,
 * lifecycle, mountable services), {@link io.hango.xds.SnapshotStore} and {@link
 * io.hango.xds.Snapshot} (what is served, with content-hash versions), and the hooks: {@link
 * io.hango.xds.NodeGroupFunction}, {@link io.hango.xds.XdsAuthorizer}, {@link
 * io.hango.xds.XdsListener}, and the status records.
 */
package io.hango.xds;
