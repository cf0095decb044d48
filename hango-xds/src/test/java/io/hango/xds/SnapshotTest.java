package io.hango.xds;

import static io.hango.xds.TestResources.apiListener;
import static io.hango.xds.TestResources.cluster;
import static io.hango.xds.TestResources.endpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshots, content versions, and the store's incremental update. */
class SnapshotTest {

  @Test
  void versionsAreContentHashesIndependentOfConstructionOrder() {
    // Map fields inserted in different orders serialize differently unless deterministic.
    Cluster one = withMetadata("k1", "k2");
    Cluster two = withMetadata("k2", "k1");
    assertThat(one).isEqualTo(two);
    assertThat(XdsResource.of("c", one).version()).isEqualTo(XdsResource.of("c", two).version());

    Snapshot a = Snapshot.builder().add(cluster("x")).add(cluster("y")).build();
    Snapshot b = Snapshot.builder().add(cluster("y")).add(cluster("x")).build();
    assertThat(a.version(TypeUrls.CLUSTER)).isEqualTo(b.version(TypeUrls.CLUSTER)).hasSize(24).matches("[0-9a-f]+");
    assertThat(a).isEqualTo(b);
  }

  @Test
  void versionsChangeWithContentAndName() {
    String base = XdsResource.of("c", cluster("c")).version();
    assertThat(XdsResource.of("c", cluster("c", 5)).version()).isNotEqualTo(base);
    Snapshot x = Snapshot.builder().add("n1", cluster("c")).build();
    Snapshot y = Snapshot.builder().add("n2", cluster("c")).build();
    assertThat(x.version(TypeUrls.CLUSTER)).isNotEqualTo(y.version(TypeUrls.CLUSTER));
  }

  @Test
  void aKnownVersionIsStableAcrossJvms() {
    // Pinned: a change here means every deployed client gets everything re-sent on upgrade.
    assertThat(XdsResource.of("a", cluster("a")).version())
        .isEqualTo(XdsResource.of("a", cluster("a")).version());
    assertThat(XdsResource.of("a", io.envoyproxy.envoy.config.cluster.v3.Cluster.newBuilder().setName("a").build()).version())
        .isEqualTo(sha256Prefix(io.envoyproxy.envoy.config.cluster.v3.Cluster.newBuilder().setName("a").build().toByteArray()));
  }

  @Test
  void withChangesUpsertsAndRemovesOneTypeAndSharesTheRest() {
    Snapshot s = Snapshot.builder().add(cluster("a")).add(endpoints("a", 1)).add(endpoints("b", 2)).build();
    Snapshot t = s.withChanges(TypeUrls.ENDPOINT, Map.of("c", endpoints("c", 3), "a", endpoints("a", 9)), List.of("b"));
    assertThat(t.resources(TypeUrls.ENDPOINT)).containsOnlyKeys("a", "c");
    assertThat(t.resources(TypeUrls.CLUSTER)).isSameAs(s.resources(TypeUrls.CLUSTER));
    assertThat(t.resource(TypeUrls.ENDPOINT, "a").orElseThrow().version())
        .isNotEqualTo(s.resource(TypeUrls.ENDPOINT, "a").orElseThrow().version());
    assertThat(s.withChanges(TypeUrls.CLUSTER, Map.of(), List.of("a")).typeUrls()).containsExactly(TypeUrls.ENDPOINT);
  }

  @Test
  void storeUpdateChangesOneTypeAndKeepsOtherTypes() {
    try (XdsServer xds = XdsServer.builder().build()) {
      SnapshotStore store = xds.snapshots();
      assertThatThrownBy(() -> store.update("g", TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 1)), List.of()))
          .isInstanceOf(IllegalStateException.class);
      assertThat(store.groups()).isEmpty();
      store.publish("g", Snapshot.empty());
      store.update("g", TypeUrls.ENDPOINT, Map.of("a", endpoints("a", 1)), List.of());
      store.update("g", TypeUrls.CLUSTER, Map.of("a", cluster("a")), List.of());
      store.update("g", TypeUrls.ENDPOINT, Map.of(), List.of("a"));
      Snapshot s = store.snapshot("g").orElseThrow();
      assertThat(s.typeUrls()).containsExactly(TypeUrls.CLUSTER);
      assertThat(store.groups()).containsExactly("g");
      store.clear("g");
      assertThat(store.snapshot("g")).isEmpty();
    }
  }

  @Test
  void resourcesMustMatchTheirTypeAndHaveNames() {
    assertThatThrownBy(() -> Snapshot.builder().add(TypeUrls.LISTENER, "x", cluster("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a " + TypeUrls.LISTENER);
    assertThatThrownBy(() -> Snapshot.builder().add(Struct.getDefaultInstance()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XdsResource.of("", cluster("x"))).isInstanceOf(IllegalArgumentException.class);
    // Any type can be served when named explicitly.
    Snapshot custom = Snapshot.builder().add("runtime-layer", Struct.getDefaultInstance()).build();
    assertThat(custom.typeUrls()).containsExactly("type.googleapis.com/google.protobuf.Struct");
  }

  @Test
  void typeUrlsKnowNamesAndOrder() {
    assertThat(TypeUrls.nameOf(endpoints("svc", 1))).isEqualTo("svc");
    assertThat(TypeUrls.nameOf(apiListener("api.example.com", "r"))).isEqualTo("api.example.com");
    assertThat(TypeUrls.of(cluster("c"))).isEqualTo(TypeUrls.CLUSTER);
    assertThat(TypeUrls.PUSH_ORDER)
        .containsExactly(TypeUrls.CLUSTER, TypeUrls.ENDPOINT, TypeUrls.LISTENER, TypeUrls.ROUTE, TypeUrls.SECRET);
    assertThat(TypeUrls.REMOVAL_ORDER)
        .containsExactly(TypeUrls.LISTENER, TypeUrls.ROUTE, TypeUrls.CLUSTER, TypeUrls.ENDPOINT, TypeUrls.SECRET);
    assertThat(TypeUrls.allowsLegacyWildcard(TypeUrls.CLUSTER)).isTrue();
    assertThat(TypeUrls.allowsLegacyWildcard(TypeUrls.ENDPOINT)).isFalse();
  }

  private static Cluster withMetadata(String first, String second) {
    Struct.Builder fields = Struct.newBuilder();
    fields.putFields(first, Value.newBuilder().setStringValue(first).build());
    fields.putFields(second, Value.newBuilder().setStringValue(second).build());
    return cluster("c").toBuilder()
        .setMetadata(Metadata.newBuilder().putFilterMetadata("m", fields.build()))
        .build();
  }

  private static String sha256Prefix(byte[] bytes) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return java.util.HexFormat.of().formatHex(d).substring(0, 24);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
