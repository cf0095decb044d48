package io.hango.model.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The typed view of a {@link HashOn}: one record per kind of hash key. */
public sealed interface HashKey {

  /** A request header. */
  record Header(String name) implements HashKey {}

  /** A cookie, generated with {@code ttl} and {@code path} when absent and a ttl is given. */
  record Cookie(String name, Optional<Duration> ttl, Optional<String> path) implements HashKey {}

  /** The client IP address. */
  record SourceIp() implements HashKey {}

  /** A query parameter. */
  record QueryParam(String name) implements HashKey {}

  /** The one kind set in {@code h}; throws {@link IllegalStateException} unless exactly one is set. */
  static HashKey of(HashOn h) {
    List<HashKey> set = new ArrayList<>(1);
    h.header().ifPresent(v -> set.add(new Header(v)));
    h.cookie().ifPresent(c -> set.add(new Cookie(c.name(), c.ttl(), c.path())));
    h.sourceIp().ifPresent(v -> set.add(new SourceIp()));
    h.queryParam().ifPresent(v -> set.add(new QueryParam(v)));
    if (set.size() != 1) {
      throw new IllegalStateException(
          "hashOn needs exactly one of header, cookie, sourceIp, queryParam; found " + set.size());
    }
    return set.get(0);
  }
}
