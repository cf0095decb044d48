package io.hango.registry;

import java.util.Set;

/**
 * One running registry. The runtime calls {@link #start} once, then {@link #watch} whenever the set
 * of services to watch changes, then {@link #close}. Calls come from one thread at a time.
 *
 * <p>The client reports to its {@link RegistryListener}: for each watched service, every complete
 * answer of the registry (also an empty one); errors and connection changes. It watches where the
 * registry pushes and polls where it does not, and keeps retrying, with backoff, until closed.
 */
public interface RegistryClient extends AutoCloseable {

  /** Starts connecting; never blocks on the network and never throws for an unreachable registry. */
  void start(RegistryListener listener);

  /**
   * The services to watch from now on: only these, never everything the registry holds. Services
   * no longer in the set are unwatched.
   */
  void watch(Set<ServiceRef> services);

  /** Stops watching and releases connections and threads. */
  @Override
  void close();
}
