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
 * Load-balancing policy of a service, chosen by {@code type}: {@code roundRobin},
 * {@code random}, {@code leastRequest} or {@code consistentHash}.
 *
 * <p>YAML: {@code loadBalancer: {type: leastRequest, choiceCount: 2, slowStart: {window: 30s}}} or
 * {@code loadBalancer: {type: consistentHash, hashOn: {header: x-user-id}, algorithm: maglev}}
 */
@com.fasterxml.jackson.annotation.JsonTypeInfo(
    use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
    include = com.fasterxml.jackson.annotation.JsonTypeInfo.As.PROPERTY,
    property = "type")
@com.fasterxml.jackson.annotation.JsonSubTypes({
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = LoadBalancer.RoundRobin.class, name = "roundRobin"),
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = LoadBalancer.Random.class, name = "random"),
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = LoadBalancer.LeastRequest.class, name = "leastRequest"),
  @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = LoadBalancer.ConsistentHash.class, name = "consistentHash")
})
public interface LoadBalancer {

  /** Weight traffic by locality (endpoint zone). Default: false. */
  @Value.Default
  default boolean localityWeighted() {
    return false;
  }

  /** Round robin, weighted by endpoint weight. */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("roundRobin")
  @JsonSerialize(as = ImmutableRoundRobin.class)
  @JsonDeserialize(as = ImmutableRoundRobin.class)
  interface RoundRobin extends LoadBalancer {
    /** Ramp up traffic to new endpoints. Default: none. */
    Optional<SlowStart> slowStart();

    static ImmutableRoundRobin.Builder builder() {
      return ImmutableRoundRobin.builder();
    }
  }

  /** Uniformly random. */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("random")
  @JsonSerialize(as = ImmutableRandom.class)
  @JsonDeserialize(as = ImmutableRandom.class)
  interface Random extends LoadBalancer {
    static ImmutableRandom.Builder builder() {
      return ImmutableRandom.builder();
    }
  }

  /** The endpoint with the fewest active requests among {@code choiceCount} random picks. */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("leastRequest")
  @JsonSerialize(as = ImmutableLeastRequest.class)
  @JsonDeserialize(as = ImmutableLeastRequest.class)
  interface LeastRequest extends LoadBalancer {
    /** Endpoints compared per pick, at least 2. Default: 2. */
    @Value.Default
    default int choiceCount() {
      return 2;
    }

    /** Ramp up traffic to new endpoints. Default: none. */
    Optional<SlowStart> slowStart();

    static ImmutableLeastRequest.Builder builder() {
      return ImmutableLeastRequest.builder();
    }
  }

  /** Consistent hashing on a request property: the same key goes to the same endpoint. */
  @Value.Immutable
  @HangoStyle
  @com.fasterxml.jackson.annotation.JsonTypeName("consistentHash")
  @JsonSerialize(as = ImmutableConsistentHash.class)
  @JsonDeserialize(as = ImmutableConsistentHash.class)
  interface ConsistentHash extends LoadBalancer {
    /** What to hash. Required. */
    HashOn hashOn();

    /** Hashing algorithm. Default: {@link Algorithm#RING_HASH}. */
    @Value.Default
    default Algorithm algorithm() {
      return Algorithm.RING_HASH;
    }

    /** Ring hash only: minimum ring size, 1–8388608. Default: 1024 (Envoy's). */
    Optional<Integer> minimumRingSize();

    /** Consistent hashing algorithms. */
    enum Algorithm {
      @JsonProperty("ringHash") RING_HASH,
      @JsonProperty("maglev") MAGLEV
    }

    static ImmutableConsistentHash.Builder builder() {
      return ImmutableConsistentHash.builder();
    }
  }

  /** Gradual traffic increase to newly added endpoints. YAML: {@code slowStart: {window: 30s, aggression: 1.0}} */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableSlowStart.class)
  @JsonDeserialize(as = ImmutableSlowStart.class)
  interface SlowStart {
    /** How long the ramp-up lasts. Required. */
    Duration window();

    /** Shape of the ramp: 1.0 is linear, larger is faster at the end. Default: 1.0. */
    @Value.Default
    default double aggression() {
      return 1.0;
    }

    static ImmutableSlowStart.Builder builder() {
      return ImmutableSlowStart.builder();
    }
  }
}
