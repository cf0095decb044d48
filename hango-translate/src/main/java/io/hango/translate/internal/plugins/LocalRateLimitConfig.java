package io.hango.translate.internal.plugins;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import io.hango.model.route.HeaderMatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The config of {@code local-rate-limit} ({@link LocalRateLimitPlugin}).
 *
 * <p>YAML: {@code {rules: [{limit: {requests: 100, per: second}}, {headers: [{name: x-user, exact: alice}], limit: {requests: 10, per: minute}}], statusCode: 429}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableLocalRateLimitConfig.class)
@JsonDeserialize(as = ImmutableLocalRateLimitConfig.class)
public interface LocalRateLimitConfig {

  /** The rules; at least one, at most one without headers (the default bucket). */
  List<Rule> rules();

  /** The status answered when limited, 400–599 and known to Envoy. Default: 429. */
  Optional<Integer> statusCode();

  /** A bucket, for the requests matching every header condition (the default bucket without headers). */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableRule.class)
  @JsonDeserialize(as = ImmutableRule.class)
  interface Rule {
    /** Header conditions, all of which must hold; none for the default bucket. */
    List<HeaderMatch> headers();

    /** The bucket's limit. Required. */
    Limit limit();
  }

  /** A number of requests per unit of time. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableLimit.class)
  @JsonDeserialize(as = ImmutableLimit.class)
  interface Limit {
    /** Requests per {@link #per()}, at least 1. Required. */
    int requests();

    /** The unit of time. Required. */
    Per per();
  }

  /** The unit of a limit. */
  enum Per {
    /** A second. */
    @JsonProperty("second") SECOND(Duration.ofSeconds(1)),
    /** A minute. */
    @JsonProperty("minute") MINUTE(Duration.ofMinutes(1)),
    /** An hour. */
    @JsonProperty("hour") HOUR(Duration.ofHours(1)),
    /** A day. */
    @JsonProperty("day") DAY(Duration.ofDays(1));

    private final Duration duration;

    Per(Duration duration) {
      this.duration = duration;
    }

    /** Its length. */
    public Duration duration() {
      return duration;
    }
  }
}
