package io.hango.registry.nacos.internal;

import com.alibaba.nacos.api.naming.listener.Event;
import com.alibaba.nacos.api.naming.listener.EventListener;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import io.hango.registry.Instance;
import io.hango.registry.RegistryListener;
import io.hango.registry.ServiceRef;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One watched service: the listener of its Nacos subscription, which reports every push, and the
 * gate for the answers of direct queries. A query's answer is reported only when no push arrived
 * while it ran (the push is at least as new), so an older answer never overwrites a newer one.
 * Internal.
 */
final class Subscription implements EventListener {

  final ServiceRef ref;
  final NacosTarget target;
  private final RegistryListener listener;

  // Guarded by this.
  private long pushes;
  private boolean active = true;

  // Owned by the client's worker thread.
  /** Whether the Nacos client accepted the subscription (it then renews it after reconnecting). */
  boolean subscribed;
  /** Failed attempts since the last answer, for the retry backoff. */
  int failures;
  /** The pending retry, if any. */
  ScheduledFuture<?> retry;

  Subscription(ServiceRef ref, NacosTarget target, RegistryListener listener) {
    this.ref = ref;
    this.target = target;
    this.listener = listener;
  }

  /** A push from the Nacos client: the complete list of the service's instances (in the chosen clusters). */
  @Override
  public void onEvent(Event event) {
    if (event instanceof NamingEvent e) {
      List<Instance> instances = InstanceMapper.map(e.getInstances());
      synchronized (this) {
        if (active) {
          pushes++;
          listener.onInstances(ref, instances);
        }
      }
    }
  }

  /** The number of pushes so far; read before a query starts. */
  synchronized long pushes() {
    return pushes;
  }

  /**
   * Reports the answer of a query that started when {@link #pushes()} was {@code pushesBefore},
   * unless a push arrived since or the subscription ended.
   *
   * @return whether it was reported
   */
  synchronized boolean answer(long pushesBefore, List<Instance> instances) {
    if (!active || pushes != pushesBefore) {
      return false;
    }
    listener.onInstances(ref, instances);
    return true;
  }

  /** Ends the subscription: nothing more is reported, the pending retry is cancelled. */
  void end() {
    synchronized (this) {
      active = false;
    }
    if (retry != null) {
      retry.cancel(false);
      retry = null;
    }
  }
}
