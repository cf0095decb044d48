package io.hango.registry.eureka;

import io.hango.registry.Instance;
import io.hango.registry.RegistryListener;
import io.hango.registry.ServiceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a client reports. Thread-safe. */
final class RecordingListener implements RegistryListener {

  final Map<ServiceRef, List<Instance>> last = new ConcurrentHashMap<>();
  final Map<ServiceRef, AtomicInteger> answers = new ConcurrentHashMap<>();
  final List<String> disconnects = new CopyOnWriteArrayList<>();
  final List<String> serviceErrors = new CopyOnWriteArrayList<>();
  final AtomicInteger connects = new AtomicInteger();
  volatile boolean connected;

  @Override
  public void onInstances(ServiceRef service, List<Instance> instances) {
    List<Instance> sorted = new ArrayList<>(instances);
    sorted.sort(Comparator.comparing(Instance::id));
    last.put(service, List.copyOf(sorted));
    answers.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void onServiceError(ServiceRef service, String message) {
    serviceErrors.add(service.name() + ": " + message);
  }

  @Override
  public void onConnected() {
    connected = true;
    connects.incrementAndGet();
  }

  @Override
  public void onDisconnected(String reason) {
    connected = false;
    disconnects.add(reason);
  }

  /** The last answer for {@code ref}, or null before the first. */
  List<Instance> instances(ServiceRef ref) {
    return last.get(ref);
  }

  /** The number of answers for {@code ref} so far. */
  int answers(ServiceRef ref) {
    AtomicInteger n = answers.get(ref);
    return n == null ? 0 : n.get();
  }

  /** The instance {@code id} of the last answer for {@code ref}, or null. */
  Instance instance(ServiceRef ref, String id) {
    List<Instance> l = last.get(ref);
    return l == null ? null : l.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return "connected=" + connected + " last=" + last + " disconnects=" + disconnects + " serviceErrors=" + serviceErrors;
  }
}
