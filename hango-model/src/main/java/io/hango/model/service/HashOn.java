package io.hango.model.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What consistent hashing hashes on: exactly one of {@code header}, {@code cookie},
 * {@code sourceIp} or {@code queryParam}. {@link #key()} gives it as one typed value.
 *
 * <p>YAML: {@code {header: x-user-id}}, {@code {cookie: {name: session, ttl: 1h, path: /}}},
 * {@code {sourceIp: true}}, {@code {queryParam: user}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableHashOn.class)
@JsonDeserialize(as = ImmutableHashOn.class)
public interface HashOn {

  /** Hash the value of this request header. */
  Optional<String> header();

  /** Hash this cookie; with a {@code ttl}, the gateway sets it when absent. */
  Optional<Cookie> cookie();

  /** Hash the client IP address (must be {@code true} when given). */
  Optional<Boolean> sourceIp();

  /** Hash the value of this query parameter. */
  Optional<String> queryParam();

  /**
   * The hash key as one typed value.
   *
   * @throws IllegalStateException unless exactly one kind is set
   */
  @JsonIgnore
  @Value.Lazy
  default HashKey key() {
    return HashKey.of(this);
  }

  /** A hash cookie. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableCookie.class)
  @JsonDeserialize(as = ImmutableCookie.class)
  interface Cookie {
    /** Cookie name. Required. */
    String name();

    /** Lifetime of a generated cookie; absent: never generate (hash only when present). */
    Optional<Duration> ttl();

    /** Path of a generated cookie. Default: none. */
    Optional<String> path();

    static ImmutableCookie.Builder builder() {
      return ImmutableCookie.builder();
    }
  }

  static HashOn header(String name) {
    return ImmutableHashOn.builder().header(name).build();
  }

  static ImmutableHashOn.Builder builder() {
    return ImmutableHashOn.builder();
  }
}
