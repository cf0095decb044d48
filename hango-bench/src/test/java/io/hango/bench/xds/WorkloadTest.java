package io.hango.bench.xds;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.hango.translate.EnvoyResources;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void smallWorkloadIsFourClustersWithEndpointsOneListenerOneRouteConfiguration() {
    EnvoyResources r = Workload.of("small", 0, 0).initial();

    assertThat(r.clusters()).hasSize(4);
    assertThat(r.endpoints()).hasSize(4).allSatisfy(a -> assertThat(a.getEndpoints(0).getLbEndpointsCount()).isEqualTo(3));
    assertThat(r.listeners()).hasSize(1);
    assertThat(r.routes()).hasSize(1);
    ResourceNames names = new ResourceNames();
    assertThat(names.rdsNames("l", Any.pack(r.listeners().get(0)))).containsExactly(SmallConfig.ROUTE_CONFIGURATION);
    assertThat(r.clusters()).allSatisfy(c -> assertThat(names.edsName(c.getName(), Any.pack(c))).contains(c.getName()));
  }

  @Test
  void aRoundChangesOnlyTheTargetAssignmentToANewVersion() {
    Workload w = Workload.of("small", 0, 0);

    EnvoyResources after1 = w.afterRound(1);
    EnvoyResources after2 = w.afterRound(2);

    assertThat(after1.clusters()).isSameAs(w.initial().clusters());
    assertThat(after1.listeners()).isSameAs(w.initial().listeners());
    assertThat(after1.endpoints()).hasSize(4).contains(w.round(1)).doesNotContain(w.round(2));
    assertThat(after2.endpoints()).contains(w.round(2));
    assertThat(after1.endpoints().stream().filter(a -> !w.initial().endpoints().contains(a)))
        .singleElement()
        .extracting(ClusterLoadAssignment::getClusterName)
        .isEqualTo(w.target());
  }

  @Test
  void aRoundIsRecognizedFromTheSerializedAssignmentOnly() {
    Workload w = Workload.of("small", 0, 0);
    Round round = new Round(2, w.target(), 1);

    assertThat(round.carries(Any.pack(w.round(2)))).isTrue();
    assertThat(round.carries(w.target(), Any.pack(w.round(2)))).isTrue();
    assertThat(round.carries(Any.pack(w.round(1)))).isFalse();
    assertThat(round.carries(Any.pack(w.round(258)))).isFalse();
    ClusterLoadAssignment other = w.initial().endpoints().stream()
        .filter(a -> !a.getClusterName().equals(w.target())).findFirst().orElseThrow();
    assertThat(round.carries(Any.pack(other.toBuilder().mergeFrom(w.round(2)).setClusterName(other.getClusterName()).build())))
        .isFalse();
    assertThat(round.carries("service-3", Any.pack(w.round(2)))).isFalse();
  }
}
