package io.hango.xds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.hango.xds.Snapshot;
import io.hango.xds.TypeUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a publish changes is worked out once per group: types whose resources are unchanged
 * keep their generation (no stream looks at them again), and a changed type names the names
 * that changed, which is all a stream looks at.
 */
class TypeGenerationTest {

  private final List<String> notified = new ArrayList<>();
  private final DefaultSnapshotStore store = new DefaultSnapshotStore(notified::add, g -> {});

  @Test
  void anEndpointUpdateLeavesEveryOtherTypeAlone() {
    store.publish("g", snapshot(1000));
    GroupSnapshot before = store.current("g");
    TypeState clusters = synced(TypeUrls.CLUSTER, before);
    TypeState listeners = synced(TypeUrls.LISTENER, before);
    TypeState endpoints = synced(TypeUrls.ENDPOINT, before);

    store.update("g", TypeUrls.ENDPOINT, Map.of("c7", endpoints("c7", 2000)), List.of());
    GroupSnapshot after = store.current("g");

    assertThat(after.generation(TypeUrls.CLUSTER)).isSameAs(before.generation(TypeUrls.CLUSTER));
    assertThat(after.generation(TypeUrls.LISTENER)).isSameAs(before.generation(TypeUrls.LISTENER));
    assertThat(clusters.changedIn(after)).isFalse();
    assertThat(listeners.changedIn(after)).isFalse();
    assertThat(endpoints.changedIn(after)).isTrue();
    assertThat(after.generation(TypeUrls.ENDPOINT).changedSince(endpoints.syncedGeneration))
        .containsExactly("c7");
  }

  @Test
  void republishingEqualResourcesKeepsTheGenerations() {
    store.publish("g", snapshot(1000));
    GroupSnapshot before = store.current("g");
    store.publish("g", snapshot(1000));
    GroupSnapshot after = store.current("g");
    for (String type : List.of(TypeUrls.CLUSTER, TypeUrls.ENDPOINT, TypeUrls.LISTENER)) {
      assertThat(after.generation(type)).isSameAs(before.generation(type));
    }
  }

  @Test
  void changesAccumulateOverGenerationsUntilTooOld() {
    store.publish("g", snapshot(1000));
    long first = store.current("g").generation(TypeUrls.ENDPOINT).number();
    store.update("g", TypeUrls.ENDPOINT, Map.of("c1", endpoints("c1", 2001)), List.of());
    long second = store.current("g").generation(TypeUrls.ENDPOINT).number();
    store.update("g", TypeUrls.ENDPOINT, Map.of("c2", endpoints("c2", 2002)), List.of("c3"));
    TypeGeneration third = store.current("g").generation(TypeUrls.ENDPOINT);

    assertThat(third.changedSince(first)).containsExactlyInAnyOrder("c1", "c2", "c3");
    assertThat(third.changedSince(second)).containsExactlyInAnyOrder("c2", "c3");
    assertThat(third.changedSince(third.number())).isEmpty();
    // A stream that never synced, or one too far behind, walks everything.
    assertThat(third.changedSince(-1)).isNull();
    for (int i = 0; i < 1_100; i++) {
      store.update("g", TypeUrls.ENDPOINT, Map.of("c1", endpoints("c1", 3000 + i)), List.of());
    }
    assertThat(store.current("g").generation(TypeUrls.ENDPOINT).changedSince(first)).isNull();
  }

  @Test
  void aTypeLeftOutOfAPublishChangesToEmpty() {
    store.publish("g", snapshot(1000));
    long endpoints = store.current("g").generation(TypeUrls.ENDPOINT).number();
    store.publish("g", Snapshot.builder().add(cluster("c0")).build());
    TypeGeneration now = store.current("g").generation(TypeUrls.ENDPOINT);
    assertThat(now.resources()).isEmpty();
    assertThat(now.changedSince(endpoints)).containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c7");
  }

  @Test
  void streamsSubscribingAlikeShareOneSelection() {
    store.publish("g", snapshot(1000));
    TypeGeneration endpoints = store.current("g").generation(TypeUrls.ENDPOINT);
    SotwSelection.Subscription one = SotwSelection.Subscription.of(TypeUrls.ENDPOINT, false, List.of("c1", "c0", "x"));
    SotwSelection.Subscription two = SotwSelection.Subscription.of(TypeUrls.ENDPOINT, false, Set.of("c0", "c1", "x"));
    assertThat(two).isSameAs(one);
    SotwSelection selection = endpoints.selection(one);
    assertThat(endpoints.selection(two)).isSameAs(selection);
    // Sorted by name, with an empty assignment for a subscribed name without one.
    assertThat(selection.resources().keySet()).containsExactly("c0", "c1", "x");
    assertThat(selection.resources().get("x")).isSameAs(XdsStream.emptyEndpoints("x"));
    assertThat(selection.version()).isEqualTo(ResourceVersions.aggregate(selection.resources().values()));
  }

  private static TypeState synced(String typeUrl, GroupSnapshot current) {
    TypeState s = new SotwTypeState(typeUrl);
    s.markSynced(current);
    return s;
  }

  private static Snapshot snapshot(int port) {
    Snapshot.Builder b = Snapshot.builder().add(Listener.newBuilder().setName("l").build());
    for (String name : List.of("c0", "c1", "c2", "c3", "c7")) {
      b.add(cluster(name)).add(endpoints(name, port));
    }
    return b.build();
  }

  private static Cluster cluster(String name) {
    return Cluster.newBuilder().setName(name).setType(Cluster.DiscoveryType.EDS).build();
  }

  private static ClusterLoadAssignment endpoints(String name, int port) {
    return ClusterLoadAssignment.newBuilder()
        .setClusterName(name)
        .addEndpoints(
            LocalityLbEndpoints.newBuilder()
                .addLbEndpoints(
                    LbEndpoint.newBuilder()
                        .setEndpoint(
                            Endpoint.newBuilder()
                                .setAddress(
                                    Address.newBuilder()
                                        .setSocketAddress(
                                            SocketAddress.newBuilder().setAddress("10.0.0.1").setPortValue(port))))))
        .build();
  }
}
