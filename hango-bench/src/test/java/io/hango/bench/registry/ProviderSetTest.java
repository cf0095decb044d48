package io.hango.bench.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderSetTest {

  private final ProviderNames names = new ProviderNames(50, 3);

  @Test
  void everyProviderHasItsOwnAddressAndADubboNode() {
    Set<String> endpoints = new HashSet<>();
    for (int s = 0; s < names.services(); s++) {
      for (int i = 0; i < names.instances(); i++) {
        endpoints.add(names.endpoint(s, i));
      }
    }
    assertThat(endpoints).hasSize(150).contains("10.0.0.1:50051", "10.0.0.150:50051");
    String node = names.providerPath(49, 2);
    assertThat(node).startsWith("/dubbo/io.hango.bench.Service00050/providers/tri%3A%2F%2F");
    assertThat(URLDecoder.decode(node.substring(node.lastIndexOf('/') + 1), StandardCharsets.UTF_8))
        .startsWith("tri://10.0.0.150:50051/io.hango.bench.Service00050?")
        .contains("interface=io.hango.bench.Service00050", "side=provider", "methods=Get%2CList");
  }

  @Test
  void churnNeverRemovesAServicesLastProviderAndTracksTheExpectedEndpoints() {
    ProviderSet providers = new ProviderSet(names);
    Random random = new Random(1);
    for (int k = 0; k < 5_000; k++) {
      ProviderChange change = providers.randomToggle(random);
      Set<String> after = providers.endpointsAfter(change);
      providers.apply(change);
      assertThat(providers.endpoints(change.service())).isEqualTo(after).isNotEmpty();
    }
    assertThat(providers.expectedAssignments()).hasSize(50).containsKey("svc-00001");
    assertThatThrownBy(() -> providers.apply(new ProviderChange(0, 0, providers.endpoints(0).contains(names.endpoint(0, 0)))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void samplesAreTakenOnQuietServicesWhichChurnThenLeavesAlone() {
    ProviderSet providers = new ProviderSet(names);
    Random random = new Random(2);
    ProviderChange recent = providers.randomToggle(random);
    providers.apply(recent);
    Set<Integer> pinned = new HashSet<>();
    for (int k = 0; k < 25; k++) {
      Optional<ProviderChange> sample = providers.randomQuietToggleAndPin(random, 1_000);
      assertThat(sample).isPresent();
      assertThat(sample.get().service()).isNotEqualTo(recent.service());
      providers.apply(sample.get());
      pinned.add(sample.get().service());
    }
    assertThat(pinned).hasSize(25);
    assertThat(providers.randomQuietToggleAndPin(random, 0)).as("half of the services are pinned").isEmpty();
    for (int k = 0; k < 1_000; k++) {
      ProviderChange change = providers.randomToggle(random);
      assertThat(pinned).doesNotContain(change.service());
      providers.apply(change);
    }
  }
}
