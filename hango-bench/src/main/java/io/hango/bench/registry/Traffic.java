package io.hango.bench.registry;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The xDS responses each simulated proxy received during one window of the run (one change, the
 * churn), and how many of their resources were not among the window's changed clusters.
 */
final class Traffic {

  private final Set<String> changed;
  private final AtomicLongArray responses;
  private final AtomicLongArray bytes;
  private final AtomicLongArray endpointResources;
  private final AtomicLongArray otherResponses;
  private final AtomicLongArray unchangedResources;

  /**
   * @param changed the clusters whose assignments change in this window; empty when not checked
   * @param proxies how many proxies record into it
   */
  Traffic(Set<String> changed, int proxies) {
    this.changed = Set.copyOf(changed);
    this.responses = new AtomicLongArray(proxies);
    this.bytes = new AtomicLongArray(proxies);
    this.endpointResources = new AtomicLongArray(proxies);
    this.otherResponses = new AtomicLongArray(proxies);
    this.unchangedResources = new AtomicLongArray(proxies);
  }

  /** The clusters whose assignments change in this window. */
  Set<String> changed() {
    return changed;
  }

  /**
   * Records one response.
   *
   * @param eds whether it is an EDS response (otherwise CDS, LDS, RDS, ...)
   * @param size its serialized size
   * @param resources the resources (and, for delta, removals) it carries
   * @param unchanged how many of those are not assignments of a {@link #changed} cluster
   */
  void record(int proxy, boolean eds, int size, int resources, int unchanged) {
    responses.incrementAndGet(proxy);
    bytes.addAndGet(proxy, size);
    if (eds) {
      endpointResources.addAndGet(proxy, resources);
    } else {
      otherResponses.incrementAndGet(proxy);
    }
    unchangedResources.addAndGet(proxy, unchanged);
  }

  /** The sums so far over all proxies. */
  Totals totals() {
    long r = 0;
    long b = 0;
    long e = 0;
    long o = 0;
    long maxResponses = 0;
    int exact = 0;
    for (int p = 0; p < responses.length(); p++) {
      r += responses.get(p);
      b += bytes.get(p);
      e += endpointResources.get(p);
      o += otherResponses.get(p);
      maxResponses = Math.max(maxResponses, responses.get(p));
      if (otherResponses.get(p) == 0 && unchangedResources.get(p) == 0 && endpointResources.get(p) == changed.size()) {
        exact++;
      }
    }
    return new Totals(responses.length(), r, maxResponses, b, e, o, exact);
  }

  /**
   * Sums over the proxies of a window.
   *
   * @param proxies how many proxies
   * @param responses responses received, all proxies
   * @param maxResponses the most responses one proxy received
   * @param bytes serialized size of those responses
   * @param endpointResources ClusterLoadAssignments (and delta removals) received
   * @param otherResponses responses of other types than EDS
   * @param exactProxies proxies that received exactly one assignment of each changed cluster and
   *     nothing else: no other assignment, no removal, no other type
   */
  record Totals(int proxies, long responses, long maxResponses, long bytes, long endpointResources,
      long otherResponses, int exactProxies) {

    double perProxy(long total) {
      return (double) total / proxies;
    }
  }
}
