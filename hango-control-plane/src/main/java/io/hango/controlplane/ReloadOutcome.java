package io.hango.controlplane;

import static java.util.Objects.requireNonNull;

import io.hango.model.validation.Problem;
import java.time.Instant;
import java.util.List;

/**
 * What one (re)load of the config did.
 *
 * @param result applied, unchanged or rejected
 * @param configVersion the version served after this reload (for a rejected one: the version
 *     still served, null if none)
 * @param problems why it was rejected (errors), or the warnings of an applied config
 * @param at when the reload finished
 */
public record ReloadOutcome(Result result, String configVersion, List<Problem> problems, Instant at) {

  /** What happened to a new config. */
  public enum Result {
    /** The config was valid and different: it is now served. */
    APPLIED,
    /** The config was valid and translates to exactly what is served already: nothing was sent. */
    UNCHANGED,
    /** The config was invalid: the previous one keeps being served. */
    REJECTED
  }

  /** Copies the problems. */
  public ReloadOutcome {
    requireNonNull(result, "result");
    problems = List.copyOf(problems);
    requireNonNull(at, "at");
  }

  /** Whether the config was rejected. */
  public boolean rejected() {
    return result == Result.REJECTED;
  }
}
