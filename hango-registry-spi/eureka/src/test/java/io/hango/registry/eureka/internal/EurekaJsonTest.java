package io.hango.registry.eureka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hango.registry.eureka.internal.EurekaInstance.Action;
import io.hango.registry.eureka.internal.EurekaInstance.Port;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading Eureka's JSON, including the shapes other Eureka versions and codecs write. */
class EurekaJsonTest {

  private static Applications parse(String json) throws IOException {
    return EurekaJson.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsInstancesAsEurekaWritesThem() throws IOException {
    Applications apps = parse("""
        {"applications": {"versions__delta": "3", "apps__hashcode": "DOWN_1_UP_1_", "application": [
          {"name": "ORDERS", "instance": [
            {"instanceId": "o-1", "hostName": "o1.internal", "app": "ORDERS", "ipAddr": "10.0.0.1",
             "status": "UP", "overriddenStatus": "UNKNOWN",
             "port": {"$": 8080, "@enabled": "true"}, "securePort": {"$": 8443, "@enabled": "false"},
             "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"},
             "metadata": {"@class": "java.util.Collections$EmptyMap", "zone": "z1", "n": 7},
             "actionType": "MODIFIED"}]},
          {"name": "PAYMENTS", "instance": [
            {"instanceId": "p-1", "hostName": "p1", "app": "PAYMENTS", "ipAddr": "10.0.0.2", "status": "DOWN",
             "port": {"$": "9090", "@enabled": true}, "securePort": {"$": 443, "@enabled": "true"},
             "dataCenterInfo": {"name": "Amazon", "metadata": {"availability-zone": "us-east-1a"}},
             "actionType": "DELETED"}]}]}}
        """);
    assertThat(apps.hashcode()).isEqualTo("DOWN_1_UP_1_");
    assertThat(apps.instances()).hasSize(2);
    EurekaInstance o = apps.instances().get(0);
    assertThat(o.app()).isEqualTo("ORDERS");
    assertThat(o.id()).isEqualTo("o-1");
    assertThat(o.ipAddr()).isEqualTo("10.0.0.1");
    assertThat(o.status()).isEqualTo("UP");
    assertThat(o.effectiveStatus()).isEqualTo("UP");
    assertThat(o.port()).isEqualTo(new Port(8080, true));
    assertThat(o.securePort()).isEqualTo(new Port(8443, false));
    assertThat(o.metadata()).isEqualTo(Map.of("zone", "z1", "n", "7"));
    assertThat(o.availabilityZone()).isEmpty();
    assertThat(o.action()).isEqualTo(Action.MODIFIED);
    EurekaInstance p = apps.instances().get(1);
    assertThat(p.port()).isEqualTo(new Port(9090, true));
    assertThat(p.securePort()).isEqualTo(new Port(443, true));
    assertThat(p.overriddenStatus()).isEqualTo("UNKNOWN");
    assertThat(p.availabilityZone()).contains("us-east-1a");
    assertThat(p.action()).isEqualTo(Action.DELETED);
  }

  @Test
  void toleratesSingleObjectsBarePortsTheOldOverrideSpellingAndMissingIds() throws IOException {
    Applications apps = parse("""
        {"applications": {"apps__hashcode": "UP_1_", "application":
          {"name": "orders", "instance":
            {"hostName": "host-1", "ipAddr": "", "status": "UP", "overriddenstatus": "OUT_OF_SERVICE",
             "port": 8080, "securePort": 8443}}}}
        """);
    EurekaInstance i = apps.instances().get(0);
    assertThat(i.app()).isEqualTo("ORDERS");
    assertThat(i.id()).as("hostName when there is no instanceId").isEqualTo("host-1");
    assertThat(i.effectiveStatus()).isEqualTo("OUT_OF_SERVICE");
    assertThat(i.status()).isEqualTo("UP");
    assertThat(i.port()).as("a bare port is enabled, as Eureka's default").isEqualTo(new Port(8080, true));
    assertThat(i.securePort()).as("a bare secure port is disabled, as Eureka's default").isEqualTo(new Port(8443, false));
    assertThat(i.action()).isEqualTo(Action.ADDED);
  }

  @Test
  void anEmptyRegistryHasNoInstancesAndAnEmptyHashcode() throws IOException {
    Applications apps = parse("{\"applications\":{\"versions__delta\":\"1\",\"apps__hashcode\":\"\",\"application\":[]}}");
    assertThat(apps.instances()).isEmpty();
    assertThat(apps.hashcode()).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAnApplicationsDocument() {
    assertThatThrownBy(() -> parse("<applications/>")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> parse("{\"error\":\"nope\"}")).isInstanceOf(IOException.class).hasMessageContaining("applications");
    assertThatThrownBy(() -> parse("{\"applications\":{\"application\":[{\"name\":\"A\",\"instance\":[{\"status\":\"UP\"}]}]}}"))
        .isInstanceOf(IOException.class).hasMessageContaining("id");
  }
}
