package io.hango.registry.eureka.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's copy of the whole Eureka registry: replaced by a full fetch, updated by deltas, and
 * checked against the server's {@code apps__hashcode} the way Eureka's own client does (the copy of
 * every application is needed for that, not only of the watched ones). Not thread-safe: the
 * client's serial executor owns it. Internal.
 */
public final class LocalRegistry {

  /** Instances by upper-case application name, then by id. */
  private final Map<String, Map<String, EurekaInstance>> apps = new HashMap<>();

  /** Replaces the copy by the instances of a full fetch. */
  public void replaceAll(List<EurekaInstance> instances) {
    apps.clear();
    instances.forEach(this::put);
  }

  /** Applies the entries of a delta: added and modified instances are put as they are now, deleted ones removed. */
  public void apply(List<EurekaInstance> delta) {
    for (EurekaInstance i : delta) {
      if (i.action() == EurekaInstance.Action.DELETED) {
        Map<String, EurekaInstance> app = apps.get(i.app());
        if (app != null) {
          app.remove(i.id());
          if (app.isEmpty()) {
            apps.remove(i.app());
          }
        }
      } else {
        put(i);
      }
    }
  }

  /** The instances of application {@code name} (any case), sorted by id; none when it is not registered. */
  public List<EurekaInstance> instances(String name) {
    Map<String, EurekaInstance> app = apps.get(name.toUpperCase(Locale.ROOT));
    return app == null ? List.of() : List.copyOf(new TreeMap<>(app).values());
  }

  /**
   * Eureka's reconcile hash code of this copy: for each {@code status} (as written, not the
   * overridden one), sorted by name, {@code STATUS_count_}; e.g. {@code DOWN_2_UP_5_}, empty when
   * the copy is empty.
   */
  public String hashcode() {
    Map<String, Integer> counts = new TreeMap<>();
    apps.values().forEach(app -> app.values().forEach(i -> counts.merge(i.status(), 1, Integer::sum)));
    StringBuilder sb = new StringBuilder();
    counts.forEach((status, n) -> sb.append(status).append('_').append(n).append('_'));
    return sb.toString();
  }

  private void put(EurekaInstance i) {
    apps.computeIfAbsent(i.app(), k -> new HashMap<>()).put(i.id(), i);
  }
}
