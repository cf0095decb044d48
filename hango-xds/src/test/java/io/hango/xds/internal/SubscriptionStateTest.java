package io.hango.xds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.xds.TypeUrls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-stream subscription state stays bounded by what the client subscribes to now. */
class SubscriptionStateTest {

  @Test
  void underWildcardANameSubscribedAndUnsubscribedAgainLeavesNothingBehind() {
    DeltaTypeState s = new DeltaTypeState(TypeUrls.ENDPOINT);
    s.applySubscriptions(List.of("*"), List.of(), Map.of(), false);
    for (int i = 0; i < 100; i++) {
      String ghost = "ghost-" + i;
      s.applySubscriptions(List.of(ghost), List.of(), Map.of(), false);
      // What the stream does when it tells the client that the name does not exist.
      s.clientVersions.put(ghost, HeldVersions.ABSENT);
      s.applySubscriptions(List.of(), List.of(ghost), Map.of(), false);
    }
    assertThat(s.names).isEmpty();
    for (int i = 0; i < 100; i++) {
      assertThat(s.clientVersions.containsKey("ghost-" + i)).isFalse();
    }
  }

  @Test
  void emptyAssignmentsAreBuiltOncePerName() {
    assertThat(XdsStream.emptyEndpoints("no-endpoints")).isSameAs(XdsStream.emptyEndpoints("no-endpoints"));
  }
}
