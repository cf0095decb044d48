package io.hango.model.validation.internal;

import io.hango.model.Resource;
import io.hango.model.service.Endpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks endpoint lists (of a service, or of a static registry). Internal. */
final class EndpointChecks {

  private final ProblemSink sink;

  EndpointChecks(ProblemSink sink) {
    this.sink = sink;
  }

  void check(Resource r, List<Endpoint> endpoints, String path) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(i);
      String p = path + "[" + i + "]";
      Formats.address(e.address()).ifPresent(m -> sink.error(r, p + ".address", m));
      if (e.port() < 1 || e.port() > 65535) {
        sink.error(r, p + ".port", "port must be between 1 and 65535, not " + e.port());
      }
      if (e.weight() < 1 || e.weight() > 128) {
        sink.error(r, p + ".weight", "weight must be between 1 and 128, not " + e.weight());
      }
      e.zone().filter(String::isBlank).ifPresent(z -> sink.error(r, p + ".zone", "cannot be empty"));
      e.labels().keySet().stream().filter(String::isEmpty).forEach(k -> sink.error(r, p + ".labels", "a label key cannot be empty"));
      Integer first = seen.putIfAbsent(e.address() + ":" + e.port(), i);
      if (first != null) {
        sink.error(r, p, "duplicate endpoint " + e.address() + ":" + e.port() + " (also " + path + "[" + first + "])");
      }
    }
  }
}
