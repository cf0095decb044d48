package io.hango.xds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResourceVersionsTest {

  @Test
  void aSetVersionIgnoresOrderAndIsKeptUpToDateIncrementally() {
    Map<String, String> versions = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      versions.put("cluster-" + (i * 7919 % 1000), "v" + i);
    }
    String version = ResourceVersions.setVersion(versions);
    assertThat(ResourceVersions.setVersion(new TreeMap<>(versions))).isEqualTo(version).hasSize(24);

    // Built up and torn down one entry at a time, with names told they do not exist between.
    HeldVersions held = new HeldVersions();
    held.put("gone", "v-old");
    versions.forEach(held::put);
    held.put("unknown", HeldVersions.ABSENT);
    String some = versions.keySet().iterator().next();
    held.put(some, "changed");
    held.put(some, versions.get(some));
    held.remove("gone");
    assertThat(held.version()).isEqualTo(version);
    assertThat(held.held()).isEqualTo(versions.size());
    held.retainOnly(java.util.Set.of());
    assertThat(held.version()).isEqualTo(ResourceVersions.setVersion(Map.of()));
    assertThat(held.held()).isZero();
    assertThat(held.containsKey("unknown")).isFalse();
  }
}
