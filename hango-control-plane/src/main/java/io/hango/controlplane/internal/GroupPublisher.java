package io.hango.controlplane.internal;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.hango.controlplane.ControlPlane;
import io.hango.translate.EnvoyResources;
import io.hango.xds.Snapshot;
import io.hango.xds.XdsServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what the control plane serves on its xDS server: one snapshot per node group, without
 * secrets unless xDS clients are authenticated (with a warning naming the secrets left out),
 * clearing the groups that went away, and registry changes as updates of endpoints only. Called
 * with the control plane's reload lock held.
 */
public final class GroupPublisher {

  /** The control plane's logger: what it logs is the control plane's business. */
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final XdsServer xds;
  private final boolean servesSecrets;
  private volatile List<String> withheldSecrets = List.of();

  /**
   * A publisher to {@code xds}.
   *
   * @param servesSecrets whether secrets may be served (clients are authenticated, or the user
   *     allowed it)
   */
  public GroupPublisher(XdsServer xds, boolean servesSecrets) {
    this.xds = xds;
    this.servesSecrets = servesSecrets;
  }

  /** Publishes each group of {@code plan}: new groups first, so a node connecting meanwhile finds its group's snapshot. */
  public void publish(ConfigPipeline.Plan plan) {
    plan.groups().forEach((group, resources) -> xds.snapshots().publish(group, snapshotToServe(resources)));
    warnIfSecretsWithheld(plan.all());
  }

  /** Clears the groups {@code previous} served and {@code plan} no longer has. */
  public void clearGone(ConfigPipeline.Plan previous, ConfigPipeline.Plan plan) {
    for (String group : previous.groups().keySet()) {
      if (!plan.groups().containsKey(group)) {
        xds.snapshots().clear(group);
      }
    }
  }

  /**
   * Puts {@code assignments} in every group of {@code plan} that serves their clusters: hands the
   * updated plan to {@code served} first (what the control plane reports as served changes before
   * any client can see the push), then sends only those ClusterLoadAssignments. Listeners, routes
   * and clusters keep their versions.
   */
  public void updateEndpoints(
      ConfigPipeline.Plan plan, List<ClusterLoadAssignment> assignments, Consumer<ConfigPipeline.Plan> served) {
    Map<String, EnvoyResources> groups = new LinkedHashMap<>();
    Map<String, Map<String, ClusterLoadAssignment>> upsertsByGroup = new LinkedHashMap<>();
    plan.groups().forEach((group, resources) -> {
      EnvoyResources updated = resources.withEndpoints(assignments);
      groups.put(group, updated);
      if (updated != resources) {
        Map<String, ClusterLoadAssignment> upserts = new TreeMap<>();
        assignments.stream().filter(a -> resources.hasEndpoints(a.getClusterName())).forEach(a -> upserts.put(a.getClusterName(), a));
        upsertsByGroup.put(group, upserts);
      }
    });
    EnvoyResources all = plan.all().withEndpoints(assignments);
    served.accept(new ConfigPipeline.Plan(plan.config(), all, Map.copyOf(groups), plan.version(), plan.warnings()));
    upsertsByGroup.forEach((group, upserts) -> xds.snapshots().update(group, EnvoyResources.Type.ENDPOINTS.typeUrl(), upserts, List.of()));
  }

  /** The snapshot of {@code resources}, without secrets unless they may be served. */
  private Snapshot snapshotToServe(EnvoyResources resources) {
    if (servesSecrets || resources.secrets().isEmpty()) {
      return ConfigPipeline.snapshot(resources);
    }
    Map<String, Map<String, Message>> byType = new LinkedHashMap<>(resources.byTypeUrl());
    byType.remove(EnvoyResources.Type.SECRETS.typeUrl());
    return Snapshot.of(byType);
  }

  private void warnIfSecretsWithheld(EnvoyResources all) {
    if (servesSecrets || all.secrets().isEmpty()) {
      return;
    }
    List<String> names = all.secrets().stream().map(Secret::getName).toList();
    if (!names.equals(withheldSecrets)) {
      withheldSecrets = names;
      log.warn("{} secret(s) not served ({}): xDS clients are not authenticated. Use mutual TLS "
          + "(--tls-cert/--tls-key/--tls-client-ca) or an authorizer; --allow-plaintext-secrets serves them to anyone "
          + "who reaches the xDS port (demos only). Listeners that use them wait for them.", names.size(), String.join(", ", names));
    }
  }
}
