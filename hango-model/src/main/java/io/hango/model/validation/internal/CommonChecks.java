package io.hango.model.validation.internal;

import io.hango.model.validation.RuleMessages;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import java.util.HashMap;
import java.util.Map;

/** Checks every document has: its apiVersion, a valid name, unique per kind, and label keys. Internal. */
public final class CommonChecks {

  private final ProblemSink sink;

  public CommonChecks(ProblemSink sink) {
    this.sink = sink;
  }

  public void check(GatewayConfig config) {
    Map<String, Resource> firstByRef = new HashMap<>();
    for (Resource r : config.resources()) {
      if (!Resource.API_VERSION.equals(r.apiVersion())) {
        sink.error(r, "apiVersion", "unsupported apiVersion '" + r.apiVersion() + "'; this release reads " + Resource.API_VERSION);
      }
      Formats.name(r.name()).ifPresent(m -> sink.error(r, "metadata.name", m));
      r.metadata().labels().keySet().stream().filter(String::isEmpty)
          .forEach(k -> sink.error(r, "metadata.labels", "a label key cannot be empty"));
      Resource first = firstByRef.putIfAbsent(r.ref(), r);
      if (first != null) {
        String where = sink.whereIs(first);
        sink.error(r, "metadata.name", RuleMessages.duplicate(r.kind(), r.name())
            + (where.isEmpty() ? "" : "; first defined at " + where));
      }
    }
  }
}
