package io.hango.kubernetes.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each resource's conditions to its {@code status}, while this replica leads. Writes only
 * what differs from the status the API server holds (read from the informers' cache), keeps a
 * condition's {@code lastTransitionTime} while its status stays the same, and retries failed
 * writes (a conflict with a concurrent change, say) after a second. All work runs on the given
 * single-threaded scheduler. Internal.
 */
public final class StatusWriter {

  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);
  private static final long RETRY_MILLIS = 1000;

  private final KubernetesClient client;
  private final Function<ObjectKey, GenericKubernetesResource> current;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final AtomicLong writes = new AtomicLong();
  private Map<ObjectKey, List<Condition>> desired = Map.of();
  /** What this replica wrote last, per resource, while leading: the informers' cache may lag it. */
  private final Map<ObjectKey, List<Condition>> written = new java.util.HashMap<>();
  private boolean leading;
  private boolean retryPending;

  public StatusWriter(KubernetesClient client, Function<ObjectKey, GenericKubernetesResource> current,
      ScheduledExecutorService executor, Clock clock) {
    this.client = client;
    this.current = current;
    this.executor = executor;
    this.clock = clock;
  }

  /** The conditions every resource should now have; written if this replica leads. */
  public void desired(Map<ObjectKey, List<Condition>> plan) {
    Map<ObjectKey, List<Condition>> copy = Map.copyOf(plan);
    executor.execute(() -> {
      desired = copy;
      writeAll();
    });
  }

  /** Whether this replica leads: from now on it writes (everything that differs), or stops writing. */
  public void leading(boolean leads) {
    executor.execute(() -> {
      leading = leads;
      written.clear();
      writeAll();
    });
  }

  /** How many status writes succeeded. */
  public long writes() {
    return writes.get();
  }

  private void writeAll() {
    if (!leading) {
      return;
    }
    boolean failed = false;
    for (Map.Entry<ObjectKey, List<Condition>> e : desired.entrySet()) {
      GenericKubernetesResource now = current.apply(e.getKey());
      if (now == null || e.getValue().equals(written.get(e.getKey())) || upToDate(now, e.getValue())) {
        continue;
      }
      try {
        write(e.getKey(), now, e.getValue());
        written.put(e.getKey(), e.getValue());
        writes.incrementAndGet();
      } catch (KubernetesClientException ex) {
        failed = true;
        log.debug("status of {} not written ({}); retrying", e.getKey(), ex.getCode());
      } catch (RuntimeException ex) {
        failed = true;
        log.warn("status of {} not written: {}", e.getKey(), ex.toString());
      }
    }
    written.keySet().retainAll(desired.keySet());
    if (failed && !retryPending) {
      retryPending = true;
      executor.schedule(() -> {
        retryPending = false;
        writeAll();
      }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private static boolean upToDate(GenericKubernetesResource now, List<Condition> conditions) {
    List<Map<?, ?>> written = writtenConditions(now);
    if (written.size() != conditions.size()) {
      return false;
    }
    for (int i = 0; i < conditions.size(); i++) {
      if (!conditions.get(i).sameAs(written.get(i))) {
        return false;
      }
    }
    return true;
  }

  private void write(ObjectKey key, GenericKubernetesResource now, List<Condition> conditions) {
    Map<String, Map<?, ?>> before = new LinkedHashMap<>();
    for (Map<?, ?> c : writtenConditions(now)) {
      before.put(String.valueOf(c.get("type")), c);
    }
    String time = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    List<Map<String, Object>> list = new ArrayList<>();
    for (Condition c : conditions) {
      Map<?, ?> old = before.get(c.type());
      boolean sameStatus = old != null && c.statusText().equals(old.get("status")) && old.get("lastTransitionTime") != null;
      list.add(c.toMap(sameStatus ? String.valueOf(old.get("lastTransitionTime")) : time));
    }
    GenericKubernetesResource update = new GenericKubernetesResource();
    update.setApiVersion(now.getApiVersion());
    update.setKind(now.getKind());
    update.setMetadata(new ObjectMetaBuilder()
        .withName(now.getMetadata().getName())
        .withNamespace(now.getMetadata().getNamespace())
        .withResourceVersion(now.getMetadata().getResourceVersion())
        .build());
    update.setAdditionalProperty("spec", now.getAdditionalProperties().get("spec"));
    update.setAdditionalProperty("status", Map.of("conditions", list));
    client.genericKubernetesResources(HangoKinds.context(key.kind()))
        .inNamespace(key.namespace())
        .resource(update)
        .updateStatus();
  }

  private static List<Map<?, ?>> writtenConditions(GenericKubernetesResource r) {
    Object status = r.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> l)) {
      return List.of();
    }
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object o : l) {
      if (o instanceof Map<?, ?> m) {
        out.add(m);
      }
    }
    return out;
  }
}
