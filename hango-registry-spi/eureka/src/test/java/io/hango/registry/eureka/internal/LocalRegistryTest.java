package io.hango.registry.eureka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.registry.eureka.internal.EurekaInstance.Action;
import io.hango.registry.eureka.internal.EurekaInstance.Port;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The local copy of the registry: deltas and Eureka's reconcile hash code. */
class LocalRegistryTest {

  static EurekaInstance instance(String app, String id, String status, String overridden, Action action) {
    return new EurekaInstance(app, id, id, "10.0.0.1", status, overridden, new Port(8080, true), new Port(443, false),
        Map.of(), "MyOwn", Optional.empty(), action);
  }

  @Test
  void theHashcodeCountsStatusesSortedByName() {
    LocalRegistry r = new LocalRegistry();
    assertThat(r.hashcode()).isEmpty();
    r.replaceAll(List.of(
        instance("A", "a1", "UP", "UNKNOWN", Action.ADDED),
        instance("A", "a2", "UP", "UNKNOWN", Action.ADDED),
        instance("B", "b1", "DOWN", "UNKNOWN", Action.ADDED),
        instance("B", "b2", "UP", "UNKNOWN", Action.ADDED),
        instance("C", "c1", "STARTING", "UNKNOWN", Action.ADDED),
        // Counted by its status as written, as Eureka's own client counts.
        instance("C", "c2", "UP", "OUT_OF_SERVICE", Action.ADDED)));
    assertThat(r.hashcode()).isEqualTo("DOWN_1_STARTING_1_UP_4_");
  }

  @Test
  void deltasPutAddedAndModifiedInstancesAndRemoveDeletedOnes() {
    LocalRegistry r = new LocalRegistry();
    r.replaceAll(List.of(instance("A", "a1", "UP", "UNKNOWN", Action.ADDED), instance("A", "a2", "UP", "UNKNOWN", Action.ADDED)));
    r.apply(List.of(
        instance("A", "a1", "DOWN", "UNKNOWN", Action.MODIFIED),
        instance("A", "a2", "UP", "UNKNOWN", Action.DELETED),
        instance("A", "a3", "UP", "UNKNOWN", Action.ADDED),
        instance("B", "b9", "UP", "UNKNOWN", Action.DELETED)));
    assertThat(r.instances("a")).extracting(EurekaInstance::id, EurekaInstance::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", "DOWN"), org.assertj.core.groups.Tuple.tuple("a3", "UP"));
    assertThat(r.instances("B")).isEmpty();
    assertThat(r.hashcode()).isEqualTo("DOWN_1_UP_1_");

    r.apply(List.of(instance("A", "a1", "DOWN", "UNKNOWN", Action.DELETED), instance("A", "a3", "UP", "UNKNOWN", Action.DELETED)));
    assertThat(r.instances("A")).isEmpty();
    assertThat(r.hashcode()).isEmpty();
  }

  @Test
  void aFullFetchReplacesEverything() {
    LocalRegistry r = new LocalRegistry();
    r.replaceAll(List.of(instance("A", "a1", "UP", "UNKNOWN", Action.ADDED)));
    r.replaceAll(List.of(instance("B", "b1", "UP", "UNKNOWN", Action.ADDED)));
    assertThat(r.instances("A")).isEmpty();
    assertThat(r.instances("b")).hasSize(1);
  }
}
