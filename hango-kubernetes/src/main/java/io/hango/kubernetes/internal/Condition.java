package io.hango.kubernetes.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One status condition, as Gateway API writes them: {@code type} ({@code Accepted}, {@code
 * Programmed}), {@code status} ({@code True}/{@code False}), a CamelCase {@code reason}, a message
 * and the generation it was computed for (null when the server keeps none). The transition time is
 * added when written. Internal.
 */
public record Condition(String type, boolean status, String reason, String message, Long observedGeneration) {

  /** Condition types. */
  public static final String ACCEPTED = "Accepted";

  /** Condition types. */
  public static final String PROGRAMMED = "Programmed";

  public Condition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** {@code True} or {@code False}. */
  public String statusText() {
    return status ? "True" : "False";
  }

  /**
   * Whether {@code written} (a condition as read back from the API server) says the same as this
   * one, its transition time aside.
   */
  public boolean sameAs(Map<?, ?> written) {
    return type.equals(written.get("type"))
        && statusText().equals(written.get("status"))
        && reason.equals(written.get("reason"))
        && message.equals(written.get("message"))
        && Objects.equals(observedGeneration, number(written.get("observedGeneration")));
  }

  /** The condition as the API server takes it, with {@code lastTransitionTime}. */
  public Map<String, Object> toMap(String lastTransitionTime) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("status", statusText());
    m.put("reason", reason);
    m.put("message", message);
    if (observedGeneration != null) {
      m.put("observedGeneration", observedGeneration);
    }
    m.put("lastTransitionTime", lastTransitionTime);
    return m;
  }

  private static Long number(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }
}
