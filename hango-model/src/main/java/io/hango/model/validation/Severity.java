package io.hango.model.validation;

/** How serious a {@link Problem} is: errors make a config invalid, warnings do not. */
public enum Severity {
  ERROR,
  WARNING
}
