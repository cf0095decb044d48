package io.hango.xds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResourceVersionsTest {

  @Test
  void sortedNamesGiveTheSameVersionAsASortedMap() {
    Map<String, String> versions = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      versions.put("cluster-" + (i * 7919 % 1000), "v" + i);
    }
    versions.put("ignored", DeltaTypeState.ABSENT);
    String[] names =
        versions.keySet().stream().filter(n -> !n.equals("ignored")).toArray(String[]::new);
    Arrays.sort(names);
    TreeMap<String, String> sorted = new TreeMap<>(versions);
    sorted.remove("ignored");
    assertThat(ResourceVersions.aggregateVersions(names, names.length, versions))
        .isEqualTo(ResourceVersions.aggregateVersions(sorted));
    String[] padded = Arrays.copyOf(names, names.length + 3);
    assertThat(ResourceVersions.aggregateVersions(padded, names.length, versions))
        .isEqualTo(ResourceVersions.aggregateVersions(sorted));
  }
}
