package io.hango.kubernetes.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes part in the election of the replica that writes status, through fabric8's leader election
 * on a {@code coordination.k8s.io/v1} Lease. fabric8's elector ends when it loses the lease; this
 * one then stands again, until closed. Closing releases the lease, so another replica takes over
 * at once instead of after the lease duration. Internal.
 */
public final class Leadership implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  /** Timings of the election. */
  public record Timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {}

  private final KubernetesClient client;
  private final String namespace;
  private final String leaseName;
  private final String identity;
  private final Timings timings;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Boolean> onLeading;
  private volatile boolean leading;
  private volatile boolean closed;
  private CompletableFuture<?> running;

  public Leadership(KubernetesClient client, String namespace, String leaseName, String identity, Timings timings,
      ScheduledExecutorService scheduler, Consumer<Boolean> onLeading) {
    this.client = client;
    this.namespace = namespace;
    this.leaseName = leaseName;
    this.identity = identity;
    this.timings = timings;
    this.scheduler = scheduler;
    this.onLeading = onLeading;
  }

  /** Stands for election. */
  public synchronized void start() {
    if (closed) {
      return;
    }
    LeaderElector elector = client.leaderElector()
        .withConfig(new LeaderElectionConfigBuilder()
            .withName("hango-status")
            .withLock(new LeaseLock(namespace, leaseName, identity))
            .withLeaseDuration(timings.leaseDuration())
            .withRenewDeadline(timings.renewDeadline())
            .withRetryPeriod(timings.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(
                () -> changed(true),
                () -> changed(false),
                leader -> log.debug("status writer elected: {}", leader)))
            .build())
        .build();
    running = elector.start();
    running.whenComplete((ok, error) -> {
      if (!closed) {
        // Lost the lease (or could not reach the API server): stand again after a pause.
        scheduler.schedule(this::start, timings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
      }
    });
  }

  /** Whether this replica holds the lease. */
  public boolean leading() {
    return leading;
  }

  /** The identity this replica stands under. */
  public String identity() {
    return identity;
  }

  private void changed(boolean leads) {
    if (leading != leads) {
      leading = leads;
      log.info("{} status writer for Hango resources ({} in Lease {}/{})", leads ? "became the" : "is no longer the",
          identity, namespace, leaseName);
      onLeading.accept(leads);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (running != null) {
      running.cancel(true);
    }
    changed(false);
  }
}
