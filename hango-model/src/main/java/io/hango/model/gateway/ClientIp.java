package io.hango.model.gateway;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hango.model.HangoStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How the gateway determines the client's IP address (used by access control, rate limits and logs).
 *
 * <p>YAML: {@code clientIp: {xffTrustedHops: 1}} or {@code clientIp: {header: x-real-ip}}
 */
@Value.Immutable
@HangoStyle
@JsonSerialize(as = ImmutableClientIp.class)
@JsonDeserialize(as = ImmutableClientIp.class)
public interface ClientIp {

  /** Number of trusted proxies in front of the gateway that append to {@code X-Forwarded-For}. 0–10. Default: 0. */
  @Value.Default
  default int xffTrustedHops() {
    return 0;
  }

  /** A header that carries the client IP (set by a trusted front proxy); overrides XFF. Default: none. */
  Optional<String> header();

  static ImmutableClientIp.Builder builder() {
    return ImmutableClientIp.builder();
  }
}
