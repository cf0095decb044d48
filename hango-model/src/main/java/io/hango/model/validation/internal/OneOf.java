package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.Resource;
import java.util.List;

/** The "exactly one of" rule of the model's one-of fields, worded the same everywhere. Internal. */
final class OneOf {

  private OneOf() {}

  /** Reports unless {@code set} (the fields given) holds exactly one of {@code choices}. */
  static void exactlyOne(ProblemSink sink, Resource r, String path, String what, List<String> choices, List<String> set) {
    if (set.size() != 1) {
      sink.error(r, path, RuleMessages.exactlyOne(what, choices, set));
    }
  }

  /** Reports if {@code set} holds more than one of {@code choices}. */
  static void atMostOne(ProblemSink sink, Resource r, String path, String what, List<String> choices, List<String> set) {
    if (set.size() > 1) {
      sink.error(r, path, what + " takes at most one of " + String.join(", ", choices) + "; found " + String.join(", ", set));
    }
  }
}
