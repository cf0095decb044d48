package io.hango.testkit.arbitraries;

import io.hango.model.GatewayConfig;
import java.util.Objects;

/**
 * A config with exactly one known defect, for validation tests: validating {@link #config()} must
 * report an error on the resource {@link #expectedResource()} at {@link #expectedPath()} whose
 * message contains {@link #expectedMessageFragment()}.
 *
 * @param config the config (otherwise valid)
 * @param expectedResource the broken document, as {@code Kind/name}
 * @param expectedPath the field path of the defect, e.g. {@code spec.match.headers[0].regex}
 * @param expectedMessageFragment a part of the expected error message
 */
public record Defective(GatewayConfig config, String expectedResource, String expectedPath, String expectedMessageFragment) {
  public Defective {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(expectedResource, "expectedResource");
    Objects.requireNonNull(expectedPath, "expectedPath");
    Objects.requireNonNull(expectedMessageFragment, "expectedMessageFragment");
  }

  @Override
  public String toString() {
    return "Defective[" + expectedResource + " " + expectedPath + " ~ '" + expectedMessageFragment + "']";
  }
}
