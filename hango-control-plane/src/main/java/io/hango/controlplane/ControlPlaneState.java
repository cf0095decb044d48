package io.hango.controlplane;

import io.hango.model.validation.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A view of the control plane at one moment.
 *
 * @param configVersion content hash of the resources served (same config, same version, in any
 *     replica); empty before the first good config
 * @param lastGoodAt when the served config was last applied or confirmed unchanged
 * @param lastOutcome the outcome of the last reload, whatever it was
 * @param lastErrors the problems of the last rejected reload since the last good one; empty once a
 *     good config has been loaded again
 * @param ready whether a good config is being served
 */
public record ControlPlaneState(
    Optional<String> configVersion,
    Optional<Instant> lastGoodAt,
    Optional<ReloadOutcome> lastOutcome,
    List<Problem> lastErrors,
    boolean ready) {

  /** Copies the errors. */
  public ControlPlaneState {
    lastErrors = List.copyOf(lastErrors);
  }
}
