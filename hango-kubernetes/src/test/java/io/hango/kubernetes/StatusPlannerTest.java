package io.hango.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.hango.controlplane.ReloadOutcome;
import io.hango.kubernetes.internal.Condition;
import io.hango.kubernetes.internal.ObjectKey;
import io.hango.kubernetes.internal.StatusPlanner;
import io.hango.model.ResourceKind;
import io.hango.model.validation.Problem;
import io.hango.model.validation.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPlannerTest {

  private static final ObjectKey ROUTE_A = new ObjectKey(ResourceKind.ROUTE, "a", "orders");
  private static final ObjectKey ROUTE_B = new ObjectKey(ResourceKind.ROUTE, "b", "orders");
  private static final ObjectKey SERVICE = new ObjectKey(ResourceKind.SERVICE, "a", "orders");

  private final StatusPlanner planner = new StatusPlanner();

  @Test
  void aProblemBelongsToTheDocumentItWasFoundInOrElseToEveryResourceOfItsName() {
    served(List.of(read(ROUTE_A, 1, "x"), read(ROUTE_B, 1, "y"), read(SERVICE, 1, "z")));
    Problem located = Problem.error("Route/orders", "spec.forward.timeoutt", "unknown field 'timeoutt'")
        .at(new SourceLocation(ROUTE_B.sourceName(), 3, 5));
    Problem unlocated = Problem.error("Service/orders", "spec.endpoints[0].port", "must be 1-65535");
    Map<ObjectKey, List<Condition>> plan = planner.plan(
        List.of(read(ROUTE_A, 1, "x"), read(ROUTE_B, 2, "y2"), read(SERVICE, 2, "z2")),
        new ReloadOutcome(ReloadOutcome.Result.REJECTED, "v1", List.of(located, unlocated), Instant.EPOCH));

    assertThat(plan.get(ROUTE_A).get(0).status()).isTrue();
    // Unchanged, valid, and its content is what is served: still programmed.
    assertThat(plan.get(ROUTE_A).get(1).status()).isTrue();
    assertThat(plan.get(ROUTE_A).get(1).message()).startsWith("served in config version v1; a newer config was rejected");

    Condition accepted = plan.get(ROUTE_B).get(0);
    assertThat(accepted.status()).isFalse();
    assertThat(accepted.reason()).isEqualTo("Invalid");
    assertThat(accepted.message()).isEqualTo("spec.forward.timeoutt: unknown field 'timeoutt'");
    assertThat(accepted.observedGeneration()).isEqualTo(2L);
    assertThat(plan.get(ROUTE_B).get(1).reason()).isEqualTo("Invalid");
    assertThat(plan.get(ROUTE_B).get(1).message()).endsWith("config version v1 is still served");

    assertThat(plan.get(SERVICE).get(0).message()).isEqualTo("spec.endpoints[0].port: must be 1-65535");
  }

  @Test
  void aValidChangeHeldBackByOthersIsPendingAndNamesThem() {
    served(List.of(read(ROUTE_A, 1, "x"), read(SERVICE, 1, "z")));
    Problem p = Problem.error("Service/orders", "spec", "broken").at(new SourceLocation(SERVICE.sourceName(), 1, 1));
    Map<ObjectKey, List<Condition>> plan = planner.plan(List.of(read(ROUTE_A, 2, "x2"), read(SERVICE, 2, "z2")),
        new ReloadOutcome(ReloadOutcome.Result.REJECTED, "v1", List.of(p), Instant.EPOCH));
    Condition programmed = plan.get(ROUTE_A).get(1);
    assertThat(programmed.status()).isFalse();
    assertThat(programmed.reason()).isEqualTo("Pending");
    assertThat(programmed.message()).contains("errors in a/Service/orders");
  }

  @Test
  void messagesAreCapped() {
    List<Problem> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(Problem.error("Route/orders", "spec.f" + i, "x".repeat(2000))
          .at(new SourceLocation(ROUTE_A.sourceName(), 1, 1)));
    }
    Condition accepted = planner.plan(List.of(read(ROUTE_A, 1, "x")),
        new ReloadOutcome(ReloadOutcome.Result.REJECTED, null, many, Instant.EPOCH)).get(ROUTE_A).get(0);
    assertThat(accepted.message()).endsWith("and 15 more").hasSizeLessThan(11 * 1000 + 100);
  }

  @Test
  void warningsAreNamedOnAnAcceptedResource() {
    Problem w = Problem.warning("Route/orders", "spec.hosts[0]", "not served by any listener")
        .at(new SourceLocation(ROUTE_A.sourceName(), 1, 1));
    Condition accepted = planner.plan(List.of(read(ROUTE_A, 1, "x")),
        new ReloadOutcome(ReloadOutcome.Result.APPLIED, "v2", List.of(w), Instant.EPOCH)).get(ROUTE_A).get(0);
    assertThat(accepted.status()).isTrue();
    assertThat(accepted.message()).isEqualTo("valid, with warnings: spec.hosts[0]: not served by any listener");
  }

  private void served(List<StatusPlanner.Read> reads) {
    planner.plan(reads, new ReloadOutcome(ReloadOutcome.Result.APPLIED, "v1", List.of(), Instant.EPOCH));
  }

  private static StatusPlanner.Read read(ObjectKey key, long generation, String text) {
    return new StatusPlanner.Read(key, generation, text);
  }
}
