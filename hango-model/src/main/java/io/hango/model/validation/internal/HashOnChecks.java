package io.hango.model.validation.internal;

import io.hango.model.Resource;
import io.hango.model.service.HashOn;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link HashOn}: exactly one key, each well formed. Internal. */
final class HashOnChecks {

  private final ProblemSink sink;

  HashOnChecks(ProblemSink sink) {
    this.sink = sink;
  }

  void check(Resource r, HashOn h, String path) {
    List<String> set = new ArrayList<>();
    h.header().ifPresent(v -> set.add("header"));
    h.cookie().ifPresent(v -> set.add("cookie"));
    h.sourceIp().ifPresent(v -> set.add("sourceIp"));
    h.queryParam().ifPresent(v -> set.add("queryParam"));
    OneOf.exactlyOne(sink, r, path, "hashOn", List.of("header", "cookie", "sourceIp", "queryParam"), set);
    h.header().ifPresent(v -> Formats.headerName(v).ifPresent(m -> sink.error(r, path + ".header", m)));
    h.sourceIp().filter(v -> !v).ifPresent(v -> sink.error(r, path + ".sourceIp", "sourceIp can only be true; leave it out instead"));
    h.queryParam().filter(String::isEmpty).ifPresent(v -> sink.error(r, path + ".queryParam", "cannot be empty"));
    h.cookie().ifPresent(c -> {
      if (c.name().isEmpty()) {
        sink.error(r, path + ".cookie.name", "cannot be empty");
      }
      c.ttl().filter(t -> t.isNegative()).ifPresent(t -> sink.error(r, path + ".cookie.ttl", "cannot be negative"));
      c.path().filter(p -> !p.startsWith("/")).ifPresent(p -> sink.error(r, path + ".cookie.path", "a path must start with '/'"));
    });
  }
}
