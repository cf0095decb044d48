package io.hango.registry.nacos.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.registry.Instance;
import io.hango.registry.ServiceEndpoints.Excluded;
import io.hango.registry.ServiceRef;
import io.hango.registry.internal.Selection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceMapperTest {

  private static com.alibaba.nacos.api.naming.pojo.Instance nacos(String ip, double weight, boolean healthy, boolean enabled) {
    com.alibaba.nacos.api.naming.pojo.Instance i = new com.alibaba.nacos.api.naming.pojo.Instance();
    i.setInstanceId(ip + "#8080#DEFAULT#DEFAULT_GROUP@@orders");
    i.setIp(ip);
    i.setPort(8080);
    i.setWeight(weight);
    i.setHealthy(healthy);
    i.setEnabled(enabled);
    i.setClusterName("DEFAULT");
    return i;
  }

  @Test
  void healthyAndEnabledIsUp() {
    Instance i = InstanceMapper.map(nacos("10.0.0.1", 1.0, true, true));
    assertThat(i.status()).isEqualTo(Instance.Status.UP);
    assertThat(i.statusDetail()).isEqualTo("nacos healthy=true enabled=true");
    assertThat(i.id()).isEqualTo("10.0.0.1#8080#DEFAULT#DEFAULT_GROUP@@orders");
    assertThat(i.address()).isEqualTo("10.0.0.1");
    assertThat(i.port()).isEqualTo(8080);
    assertThat(i.weight()).isEqualTo(100);
  }

  @Test
  void unhealthyIsDownAndDisabledWinsOverHealth() {
    assertThat(InstanceMapper.map(nacos("10.0.0.1", 1.0, false, true)))
        .extracting(Instance::status, Instance::statusDetail)
        .containsExactly(Instance.Status.DOWN, "nacos healthy=false");
    assertThat(InstanceMapper.map(nacos("10.0.0.1", 1.0, true, false)))
        .extracting(Instance::status, Instance::statusDetail)
        .containsExactly(Instance.Status.DISABLED, "nacos enabled=false");
    assertThat(InstanceMapper.map(nacos("10.0.0.1", 1.0, false, false)).status()).isEqualTo(Instance.Status.DISABLED);
  }

  @Test
  void weightIsScaledByAHundredAndZeroStaysZero() {
    assertThat(InstanceMapper.weight(1.0)).isEqualTo(100);
    assertThat(InstanceMapper.weight(0.5)).isEqualTo(50);
    assertThat(InstanceMapper.weight(2.5)).isEqualTo(250);
    assertThat(InstanceMapper.weight(0.014)).isEqualTo(1);
    assertThat(InstanceMapper.weight(0.004)).isZero();
    assertThat(InstanceMapper.weight(0)).isZero();
    assertThat(InstanceMapper.weight(-1)).isZero();
    assertThat(InstanceMapper.weight(Double.NaN)).isZero();
    assertThat(InstanceMapper.weight(10_000)).isEqualTo(1_000_000);
  }

  @Test
  void metadataBecomesLabelsUnchangedAndGivesLocality() {
    com.alibaba.nacos.api.naming.pojo.Instance n = nacos("10.0.0.1", 1.0, true, true);
    n.setMetadata(new HashMap<>(Map.of("zone", "z1", "region", "r1", "version", "v2", "cluster", "mine")));
    Instance i = InstanceMapper.map(n);
    assertThat(i.labels()).isEqualTo(Map.of("zone", "z1", "region", "r1", "version", "v2", "cluster", "mine"));
    assertThat(i.zone()).contains("z1");
    assertThat(i.region()).contains("r1");
  }

  @Test
  void kubernetesTopologyKeysAreTheFallbackForLocality() {
    com.alibaba.nacos.api.naming.pojo.Instance n = nacos("10.0.0.1", 1.0, true, true);
    n.setMetadata(new HashMap<>(Map.of("topology.kubernetes.io/zone", "kz", "topology.kubernetes.io/region", "kr")));
    assertThat(InstanceMapper.map(n)).extracting(Instance::zone, Instance::region)
        .containsExactly(Optional.of("kz"), Optional.of("kr"));
    n.setMetadata(new HashMap<>(Map.of("zone", " ", "topology.kubernetes.io/zone", "kz")));
    assertThat(InstanceMapper.map(n).zone()).contains("kz");
    n.setMetadata(new HashMap<>());
    assertThat(InstanceMapper.map(n)).extracting(Instance::zone, Instance::region)
        .containsExactly(Optional.empty(), Optional.empty());
  }

  @Test
  void anInstanceWithoutIdGetsOneFromAddressPortAndCluster() {
    com.alibaba.nacos.api.naming.pojo.Instance n = nacos("10.0.0.1", 1.0, true, true);
    n.setInstanceId(null);
    n.setClusterName("c1");
    assertThat(InstanceMapper.map(n).id()).isEqualTo("10.0.0.1#8080#c1");
  }

  @Test
  void metadataEntriesWithoutValueAreLeftOut() {
    com.alibaba.nacos.api.naming.pojo.Instance n = nacos("10.0.0.1", 1.0, true, true);
    Map<String, String> metadata = new HashMap<>();
    metadata.put("version", "v1");
    metadata.put("broken", null);
    n.setMetadata(metadata);
    assertThat(InstanceMapper.map(n).labels()).isEqualTo(Map.of("version", "v1"));
  }

  @Test
  void nullListIsNoInstances() {
    assertThat(InstanceMapper.map((List<com.alibaba.nacos.api.naming.pojo.Instance>) null)).isEmpty();
  }

  @Test
  void theRuntimeLeavesOutWhatMayNotReceiveTraffic() {
    com.alibaba.nacos.api.naming.pojo.Instance host = nacos("orders.internal", 1.0, true, true);
    List<Instance> mapped = InstanceMapper.map(List.of(
        nacos("10.0.0.1", 1.0, true, true),
        nacos("10.0.0.2", 1.0, false, true),
        nacos("10.0.0.3", 1.0, true, false),
        nacos("10.0.0.4", 0.0, true, true),
        host));
    Selection.Result r = Selection.select(ServiceRef.of("orders"), mapped);
    assertThat(r.endpoints()).extracting(e -> e.address()).containsExactly("10.0.0.1");
    assertThat(r.excluded()).extracting(e -> e.instance().address(), Excluded::reason).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("10.0.0.2", "unhealthy (nacos healthy=false)"),
        org.assertj.core.groups.Tuple.tuple("10.0.0.3", "disabled (nacos enabled=false)"),
        org.assertj.core.groups.Tuple.tuple("10.0.0.4", "weight 0: no traffic"),
        org.assertj.core.groups.Tuple.tuple("orders.internal",
            "address 'orders.internal' is not an IP address: Envoy's EDS takes IP addresses only (register the IP)"));
  }
}
