package io.hango.registry.kubernetes.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The timings of a Kubernetes registry client that the {@code Registry} document does not set:
 * how fast it retries and how soon it calls a lost watch an outage. Tests shorten them. Internal.
 *
 * @param retryInterval the first delay before a failed list or watch is retried (fabric8's watch
 *     reconnect interval; it doubles on each failure, up to 32 times this)
 * @param healthCheckInterval how often the informers' watches are checked
 * @param watchLossGrace how long a watch may be down before the registry is reported unreachable
 *     (a watch is routinely closed and reopened every 5-10 minutes, which takes about {@code retryInterval})
 * @param connectTimeout the TCP/TLS connect timeout to the API server
 * @param requestTimeout the timeout of a list request
 */
public record Tuning(
    Duration retryInterval,
    Duration healthCheckInterval,
    Duration watchLossGrace,
    Duration connectTimeout,
    Duration requestTimeout) {

  /** The timings used outside tests. */
  public static final Tuning DEFAULTS = new Tuning(
      Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

  public Tuning {
    requireNonNull(retryInterval, "retryInterval");
    requireNonNull(healthCheckInterval, "healthCheckInterval");
    requireNonNull(watchLossGrace, "watchLossGrace");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(requestTimeout, "requestTimeout");
  }
}
