package io.hango.kubernetes.internal;

import io.hango.controlplane.ReloadOutcome;
import io.hango.model.validation.Problem;
import io.hango.model.validation.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides each resource's conditions from what one load read and what became of it.
 *
 * <ul>
 *   <li>{@code Accepted}: {@code False} (reason {@code Invalid}) with the resource's own errors,
 *       field paths included; else {@code True}, naming its warnings if it has any.
 *   <li>{@code Programmed}: {@code True} when the config holding this very content is served (a
 *       rejected config leaves an unchanged resource programmed: its last good content is still
 *       served); else {@code False}: {@code Invalid} when the resource itself has errors, {@code
 *       Pending} when others' errors held the config back (they are named).
 * </ul>
 *
 * <p>A problem belongs to the resource whose document it was found in (its location), or else to
 * every resource with its {@code Kind/name} (a name can be used in several watched namespaces).
 * Messages are capped: the first {@value #MAX_PROBLEMS} problems, each at most {@value
 * #MAX_PROBLEM_CHARS} characters. Keeps, per resource, the content last served. Not thread-safe:
 * one caller, the reload thread. Internal.
 */
public final class StatusPlanner {

  static final int MAX_PROBLEMS = 10;
  static final int MAX_PROBLEM_CHARS = 1000;

  /** What one load read of one resource. */
  public record Read(ObjectKey key, Long generation, String text) {}

  private final Map<ObjectKey, String> servedText = new HashMap<>();

  /** The conditions of every resource read, for the load's {@code outcome}. */
  public Map<ObjectKey, List<Condition>> plan(List<Read> reads, ReloadOutcome outcome) {
    Map<String, ObjectKey> bySource = new HashMap<>();
    Map<String, List<ObjectKey>> byRef = new HashMap<>();
    for (Read r : reads) {
      bySource.put(r.key().sourceName(), r.key());
      byRef.computeIfAbsent(r.key().modelRef(), k -> new ArrayList<>()).add(r.key());
    }
    Map<ObjectKey, List<Problem>> errors = new HashMap<>();
    Map<ObjectKey, List<Problem>> warnings = new HashMap<>();
    Set<String> failing = new LinkedHashSet<>();
    for (Problem p : outcome.problems()) {
      List<ObjectKey> owners = owners(p, bySource, byRef);
      for (ObjectKey k : owners) {
        (p.isError() ? errors : warnings).computeIfAbsent(k, x -> new ArrayList<>()).add(p);
      }
      if (p.isError()) {
        failing.add(owners.isEmpty() ? (p.resource().isEmpty() ? "the config" : p.resource()) : owners.get(0).toString());
      }
    }
    boolean served = !outcome.rejected();
    Map<ObjectKey, List<Condition>> plan = new LinkedHashMap<>();
    Set<ObjectKey> present = new LinkedHashSet<>();
    for (Read r : reads) {
      ObjectKey k = r.key();
      present.add(k);
      List<Problem> own = errors.getOrDefault(k, List.of());
      Condition accepted = own.isEmpty()
          ? new Condition(Condition.ACCEPTED, true, "Accepted", acceptedMessage(warnings.getOrDefault(k, List.of())),
              r.generation())
          : new Condition(Condition.ACCEPTED, false, "Invalid", describe(own), r.generation());
      Condition programmed;
      if (served) {
        servedText.put(k, r.text());
        programmed = new Condition(Condition.PROGRAMMED, true, "Programmed",
            "served in config version " + outcome.configVersion(), r.generation());
      } else if (r.text().equals(servedText.get(k))) {
        programmed = new Condition(Condition.PROGRAMMED, true, "Programmed",
            "served in config version " + outcome.configVersion()
                + "; a newer config was rejected: " + String.join(", ", cap(failing)), r.generation());
      } else if (!own.isEmpty()) {
        programmed = new Condition(Condition.PROGRAMMED, false, "Invalid",
            "not served: this resource is invalid (see Accepted)" + stillServed(outcome), r.generation());
      } else {
        programmed = new Condition(Condition.PROGRAMMED, false, "Pending",
            "not served: the config is rejected for errors in " + String.join(", ", cap(failing))
                + stillServed(outcome), r.generation());
      }
      plan.put(k, List.of(accepted, programmed));
    }
    servedText.keySet().retainAll(present);
    return plan;
  }

  private static List<ObjectKey> owners(Problem p, Map<String, ObjectKey> bySource, Map<String, List<ObjectKey>> byRef) {
    if (p.location().isPresent()) {
      SourceLocation l = p.location().get();
      ObjectKey k = bySource.get(l.file());
      if (k != null) {
        return List.of(k);
      }
    }
    return byRef.getOrDefault(p.resource(), List.of());
  }

  private static String stillServed(ReloadOutcome outcome) {
    return outcome.configVersion() == null ? "" : "; config version " + outcome.configVersion() + " is still served";
  }

  private static String acceptedMessage(List<Problem> warnings) {
    return warnings.isEmpty() ? "valid" : "valid, with warnings: " + describe(warnings);
  }

  /** {@code path: message; path: message; ...}, capped. */
  static String describe(List<Problem> problems) {
    List<String> parts = new ArrayList<>();
    for (Problem p : problems) {
      String s = (p.path().isEmpty() ? "" : p.path() + ": ") + p.message();
      parts.add(s.length() > MAX_PROBLEM_CHARS ? s.substring(0, MAX_PROBLEM_CHARS - 3) + "..." : s);
    }
    return String.join("; ", cap(parts));
  }

  private static List<String> cap(Iterable<String> items) {
    List<String> all = new ArrayList<>();
    items.forEach(all::add);
    if (all.size() <= MAX_PROBLEMS) {
      return all;
    }
    List<String> shown = new ArrayList<>(all.subList(0, MAX_PROBLEMS));
    shown.add("and " + (all.size() - MAX_PROBLEMS) + " more");
    return shown;
  }
}
