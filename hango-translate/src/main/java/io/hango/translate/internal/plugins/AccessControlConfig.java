package io.hango.translate.internal.plugins;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.ValueMatch;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The config of {@code access-control} ({@link AccessControlPlugin}): exactly one of a black list
 * ({@code deny}) and a white list ({@code allow}), with at least one entry.
 *
 * <p>YAML: {@code {deny: ["192.0.2.0/24", {userAgent: {contains: curl}}, {header: {name: x-tenant, exact: blocked}}]}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableAccessControlConfig.class)
@JsonDeserialize(as = ImmutableAccessControlConfig.class)
public interface AccessControlConfig {

  /** A black list: requests matching any entry are denied. */
  Optional<List<Entry>> deny();

  /** A white list: only requests matching an entry are allowed. */
  Optional<List<Entry>> allow();

  /**
   * One condition on a request: exactly one of its fields; written as a string, a client IP or CIDR
   * range.
   */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableEntry.class)
  @JsonDeserialize(as = ImmutableEntry.class)
  interface Entry {
    /** The client IP (as the gateway's {@code clientIp} settings determine it) or a CIDR range. */
    Optional<String> clientIp();

    /** A condition on the {@code user-agent} header. */
    Optional<Condition> userAgent();

    /** A condition on the {@code referer} header. */
    Optional<Condition> referer();

    /** A condition on the path, without query ({@code present} not allowed). */
    Optional<Condition> uri();

    /** A condition on any header. */
    Optional<HeaderMatch> header();

    /** Whether the entry was written as a string (problems are then reported at the entry). */
    @JsonIgnore
    @Value.Default
    default boolean written() {
      return false;
    }

    /** The short form: a client IP or CIDR range written as a string. */
    @JsonCreator
    static Entry of(String clientIp) {
      return ImmutableEntry.builder().clientIp(clientIp).written(true).build();
    }
  }

  /** A value condition without a name. */
  @Value.Immutable
  @HangoStyle
  @JsonSerialize(as = ImmutableCondition.class)
  @JsonDeserialize(as = ImmutableCondition.class)
  interface Condition extends ValueMatch {}
}
