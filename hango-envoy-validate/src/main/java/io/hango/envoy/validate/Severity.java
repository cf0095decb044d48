package io.hango.envoy.validate;

/** How serious a {@link Violation} is. Envoy rejects a resource with an {@link #ERROR}; a {@link #WARNING} is legal but likely a mistake. */
public enum Severity {
  /** Envoy would reject the resource (NACK) or the configuration cannot work. */
  ERROR,
  /** Envoy accepts the resource, but it probably does not do what was meant (for example an EDS cluster without endpoints). */
  WARNING
}
