package io.hango.kubernetes;

import static io.hango.kubernetes.HangoCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.hango.controlplane.ConfigSource;
import io.hango.controlplane.ControlPlane;
import io.hango.controlplane.ReloadOutcome;
import io.hango.model.ResourceKind;
import io.hango.translate.EnvoyResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes config source against fabric8's mock API server (CRUD mode; no real API server can
 * be had here): the examples applied as custom resources serve what the files serve; a Route
 * changed, broken (rejected, its status says why, the last good config keeps serving) and fixed; a
 * Service deleted. One mock server for the class; each test has its own namespace.
 */
class KubernetesConfigSourceTest {

  private static HangoCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = HangoCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void theExamplesAppliedAsCustomResourcesServeWhatTheFilesServe() throws Exception {
    cluster.applyExamples("examples");
    try (KubernetesConfigSource source = cluster.source("examples", "replica-1").build();
        ControlPlane fromCluster = HangoCluster.controlPlane(source);
        ControlPlane fromFiles = HangoCluster.controlPlane(ConfigSource.files(HangoCluster.EXAMPLES))) {
      EnvoyResources a = fromCluster.resources().orElseThrow();
      EnvoyResources b = fromFiles.resources().orElseThrow();
      for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
        assertThat(a.toJson(t)).as(t.name()).isEqualTo(b.toJson(t));
      }
      assertThat(fromCluster.state().configVersion()).isEqualTo(fromFiles.state().configVersion()).isPresent();
      // Every resource is accepted and programmed, with the served version.
      String version = fromCluster.state().configVersion().orElseThrow();
      await("status of every resource written", () -> source.statusWrites() >= 1
          && cluster.conditions(ResourceKind.ROUTE, "examples", "orders").containsKey("Programmed"));
      Map<String, Map<String, Object>> route = cluster.conditions(ResourceKind.ROUTE, "examples", "orders");
      assertThat(route.get("Accepted")).containsEntry("status", "True").containsEntry("reason", "Accepted");
      assertThat(route.get("Programmed")).containsEntry("status", "True")
          .containsEntry("message", "served in config version " + version);
      await("a Gateway's status", () -> cluster.hasCondition(ResourceKind.GATEWAY, "examples", "edge", "Programmed", "True"));
    }
  }

  @Test
  void aRouteIsChangedBrokenAndFixedAndAServiceDeleted() throws Exception {
    String ns = "lifecycle";
    cluster.applyExamples(ns);
    try (KubernetesConfigSource source = cluster.source(ns, "replica-1").build();
        ControlPlane cp = HangoCluster.controlPlane(source)) {
      String v1 = version(cp);

      // Changed: served after the debounce.
      cluster.editSpec(ResourceKind.ROUTE, ns, "orders", spec -> forward(spec).put("timeout", "7s"));
      await("the changed route served", () -> !version(cp).equals(v1));
      String v2 = version(cp);
      assertThat(cp.resources().orElseThrow().toJson(EnvoyResources.Type.ROUTES)).contains("\"7s\"");

      // Broken: rejected, v2 keeps serving, and the route's status says where and why.
      cluster.editSpec(ResourceKind.ROUTE, ns, "orders", spec -> forward(spec).put("timeoutt", "9s"));
      await("the broken route rejected", () -> cp.state().lastOutcome().map(ReloadOutcome::rejected).orElse(false));
      assertThat(version(cp)).isEqualTo(v2);
      await("status of the broken route", () -> cluster.hasCondition(ResourceKind.ROUTE, ns, "orders", "Accepted", "False"));
      Map<String, Map<String, Object>> broken = cluster.conditions(ResourceKind.ROUTE, ns, "orders");
      assertThat(broken.get("Accepted")).containsEntry("reason", "Invalid");
      assertThat((String) broken.get("Accepted").get("message")).contains("spec.forward").contains("timeoutt")
          .contains("did you mean 'timeout'");
      assertThat(broken.get("Programmed")).containsEntry("status", "False").containsEntry("reason", "Invalid");
      assertThat((String) broken.get("Programmed").get("message")).contains(v2 + " is still served");
      // Another route, unchanged and valid, is still accepted and programmed (its content is served).
      assertThat(cluster.conditions(ResourceKind.ROUTE, ns, "orders-beta").get("Programmed")).containsEntry("status", "True");

      // Fixed: served again, status back to true.
      cluster.editSpec(ResourceKind.ROUTE, ns, "orders", spec -> forward(spec).remove("timeoutt"));
      await("the fixed route applied", () -> cp.state().lastOutcome().map(o -> !o.rejected()).orElse(false));
      assertThat(version(cp)).isEqualTo(v2); // the same content as before it broke
      await("status of the fixed route", () -> cluster.hasCondition(ResourceKind.ROUTE, ns, "orders", "Accepted", "True"));

      // A new Service and a Route to it: served. The Service deleted under the Route: rejected, the
      // Route's status names the missing Service, and its cluster keeps being served. The Route
      // deleted too: applied, the cluster is gone.
      cluster.apply(ns, """
          apiVersion: hango.io/v1alpha1
          kind: Service
          metadata: {name: spare}
          spec:
            endpoints: [{address: 10.9.9.9, port: 8080}]
          ---
          apiVersion: hango.io/v1alpha1
          kind: Route
          metadata: {name: spare}
          spec:
            gateway: edge
            hosts: ["api.example.com"]
            match: {path: {prefix: /spare}}
            forward: {destinations: [{service: spare}]}
          """);
      await("the new service served", () -> clusterNames(cp).stream().anyMatch(n -> n.contains("spare")));
      String v3 = version(cp);
      cluster.delete(ResourceKind.SERVICE, ns, "spare");
      await("the route to the deleted service rejected", () -> cluster.hasCondition(ResourceKind.ROUTE, ns, "spare", "Accepted", "False"));
      assertThat((String) cluster.conditions(ResourceKind.ROUTE, ns, "spare").get("Accepted").get("message"))
          .contains("spare");
      assertThat(version(cp)).isEqualTo(v3);
      assertThat(clusterNames(cp)).anyMatch(n -> n.contains("spare"));
      cluster.delete(ResourceKind.ROUTE, ns, "spare");
      await("the cluster of the deleted service gone", () -> clusterNames(cp).stream().noneMatch(n -> n.contains("spare")));
      assertThat(version(cp)).isEqualTo(v2);
    }
  }

  @Test
  void aStatusWriteIsNoChange() throws Exception {
    String ns = "quiet";
    cluster.applyExamples(ns);
    try (KubernetesConfigSource source = cluster.source(ns, "replica-1").build();
        ControlPlane cp = HangoCluster.controlPlane(source)) {
      await("status written", () -> cluster.conditions(ResourceKind.SERVICE, ns, "orders").containsKey("Programmed"));
      Thread.sleep(1000);
      ReloadOutcome settled = cp.state().lastOutcome().orElseThrow();
      long writes = source.statusWrites();
      Thread.sleep(1000);
      // The status writes came back through the informers and changed no document: no reload since.
      assertThat(cp.state().lastOutcome().orElseThrow().at()).isEqualTo(settled.at());
      assertThat(source.statusWrites()).isEqualTo(writes);
    }
  }

  @Test
  void anUnreachableApiServerIsAClearProblemNotAStartedControlPlane() {
    io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build();
    try (io.fabric8.kubernetes.client.KubernetesClient client =
            new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
        KubernetesConfigSource source = KubernetesConfigSource.builder(client).namespaces(List.of("gw"))
            .initialSyncTimeout(java.time.Duration.ofSeconds(2)).build()) {
      ConfigSource.Loaded loaded = source.load();
      assertThat(loaded.config()).isEmpty();
      assertThat(loaded.problems()).singleElement().asString()
          .contains("cannot list the Hango resources in namespace gw from http://127.0.0.1:1")
          .contains("are the CRDs installed");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> forward(Map<String, Object> spec) {
    Map<String, Object> forward = new java.util.HashMap<>((Map<String, Object>) spec.get("forward"));
    spec.put("forward", forward);
    return forward;
  }

  private static String version(ControlPlane cp) {
    return cp.state().configVersion().orElse("");
  }

  private static List<String> clusterNames(ControlPlane cp) {
    return cp.resources().map(r -> r.clusters().stream().map(c -> c.getName()).toList()).orElse(List.of());
  }
}
