package io.hango.registry.eureka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.registry.Instance;
import io.hango.registry.ServiceRef;
import io.hango.registry.eureka.internal.EurekaInstance.Action;
import io.hango.registry.eureka.internal.EurekaInstance.Port;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The mapping of one Eureka instance to Hango's terms. */
class InstanceMapperTest {

  private static final ServiceRef REF = ServiceRef.of("orders");

  private static EurekaInstance instance(String ip, String status, String overridden, Map<String, String> metadata) {
    return new EurekaInstance("ORDERS", "o-1", "o1.internal", ip, status, overridden, new Port(8080, true), new Port(8443, false),
        metadata, "MyOwn", Optional.empty(), Action.ADDED);
  }

  @Test
  void statuses() {
    assertThat(InstanceMapper.status("UP")).isEqualTo(Instance.Status.UP);
    assertThat(InstanceMapper.status("DOWN")).isEqualTo(Instance.Status.DOWN);
    assertThat(InstanceMapper.status("OUT_OF_SERVICE")).isEqualTo(Instance.Status.DISABLED);
    assertThat(InstanceMapper.status("STARTING")).isEqualTo(Instance.Status.DOWN);
    assertThat(InstanceMapper.status("UNKNOWN")).isEqualTo(Instance.Status.DOWN);
    assertThat(InstanceMapper.status("SOMETHING_NEW")).isEqualTo(Instance.Status.DOWN);
  }

  @Test
  void anOverriddenStatusWinsUnlessUnknown() {
    Instance overridden = InstanceMapper.map(REF, instance("10.0.0.1", "UP", "OUT_OF_SERVICE", Map.of()));
    assertThat(overridden.status()).isEqualTo(Instance.Status.DISABLED);
    assertThat(overridden.statusDetail()).isEqualTo("eureka status OUT_OF_SERVICE (overriddenStatus; status UP)");
    Instance plain = InstanceMapper.map(REF, instance("10.0.0.1", "DOWN", "UNKNOWN", Map.of()));
    assertThat(plain.status()).isEqualTo(Instance.Status.DOWN);
    assertThat(plain.statusDetail()).isEqualTo("eureka status DOWN");
  }

  @Test
  void theAddressIsTheIpElseTheHostName() {
    assertThat(InstanceMapper.map(REF, instance("10.0.0.7", "UP", "UNKNOWN", Map.of())).address()).isEqualTo("10.0.0.7");
    assertThat(InstanceMapper.map(REF, instance("", "UP", "UNKNOWN", Map.of())).address()).isEqualTo("o1.internal");
  }

  @Test
  void weights() {
    assertThat(InstanceMapper.weight(Map.of())).isEqualTo(100);
    assertThat(InstanceMapper.weight(Map.of("weight", "7"))).isEqualTo(7);
    assertThat(InstanceMapper.weight(Map.of("weight", " 2.6 "))).isEqualTo(3);
    assertThat(InstanceMapper.weight(Map.of("weight", "0.2"))).as("positive stays positive").isEqualTo(1);
    assertThat(InstanceMapper.weight(Map.of("weight", "0"))).as("0 means no traffic").isZero();
    assertThat(InstanceMapper.weight(Map.of("weight", "-5"))).isZero();
    assertThat(InstanceMapper.weight(Map.of("weight", "heavy"))).isEqualTo(100);
    assertThat(InstanceMapper.weight(Map.of("weight", "1e12"))).isEqualTo(InstanceMapper.MAX_WEIGHT);
  }

  @Test
  void localityFromMetadataKeys() {
    Instance spring = InstanceMapper.map(REF, instance("10.0.0.1", "UP", "UNKNOWN", Map.of("zone", "z1", "region", "r1")));
    assertThat(spring.zone()).contains("z1");
    assertThat(spring.region()).contains("r1");
    Instance k8s = InstanceMapper.map(REF, instance("10.0.0.1", "UP", "UNKNOWN",
        Map.of("topology.kubernetes.io/zone", "kz", "topology.kubernetes.io/region", "kr")));
    assertThat(k8s.zone()).contains("kz");
    assertThat(k8s.region()).contains("kr");
    assertThat(k8s.labels()).containsEntry("topology.kubernetes.io/zone", "kz");
    Instance none = InstanceMapper.map(REF, instance("10.0.0.1", "UP", "UNKNOWN", Map.of()));
    assertThat(none.zone()).isEmpty();
    assertThat(none.region()).isEmpty();
  }

  @Test
  void ports() {
    EurekaInstance both = new EurekaInstance("ORDERS", "o", "h", "10.0.0.1", "UP", "UNKNOWN", new Port(8080, true), new Port(8443, true),
        Map.of(), "MyOwn", Optional.empty(), Action.ADDED);
    ServiceRef asksSecure = new ServiceRef("orders", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.of(8443), Optional.empty());
    ServiceRef asksOther = new ServiceRef("orders", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.of(9999), Optional.empty());
    assertThat(InstanceMapper.port(REF, both)).isEqualTo(8080);
    assertThat(InstanceMapper.port(asksSecure, both)).isEqualTo(8443);
    assertThat(InstanceMapper.port(asksOther, both)).isEqualTo(8080);
    EurekaInstance secureDisabled = new EurekaInstance("ORDERS", "o", "h", "10.0.0.1", "UP", "UNKNOWN", new Port(8080, true),
        new Port(8443, false), Map.of(), "MyOwn", Optional.empty(), Action.ADDED);
    assertThat(InstanceMapper.port(asksSecure, secureDisabled)).as("a disabled secure port is never used").isEqualTo(8080);
  }
}
