package io.hango.registry.kubernetes;

import io.hango.registry.Instance;
import io.hango.registry.RegistryListener;
import io.hango.registry.ServiceRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a registry client reports. Thread-safe. */
final class RecordingListener implements RegistryListener {

  /** The last answer per service. */
  final Map<ServiceRef, List<Instance>> instances = new ConcurrentHashMap<>();
  /** How many answers per service. */
  final Map<ServiceRef, AtomicInteger> answers = new ConcurrentHashMap<>();
  /** The last error per service, until its next answer. */
  final Map<ServiceRef, String> errors = new ConcurrentHashMap<>();
  /** Every service error, in order. */
  final List<String> errorHistory = new CopyOnWriteArrayList<>();
  /** Every onDisconnected reason, in order. */
  final List<String> disconnects = new CopyOnWriteArrayList<>();
  /** How many onConnected calls. */
  final AtomicInteger connects = new AtomicInteger();
  /** Whether the last connection report was onConnected. */
  volatile boolean connected;

  @Override
  public void onInstances(ServiceRef service, List<Instance> list) {
    instances.put(service, List.copyOf(list));
    answers.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
    errors.remove(service);
  }

  @Override
  public void onServiceError(ServiceRef service, String message) {
    errors.put(service, message);
    errorHistory.add(message);
  }

  @Override
  public void onConnected() {
    connects.incrementAndGet();
    connected = true;
  }

  @Override
  public void onDisconnected(String reason) {
    disconnects.add(reason);
    connected = false;
  }

  /** The addresses of the last answer for {@code ref}, as {@code address:port}, sorted; null before any answer. */
  List<String> addresses(ServiceRef ref) {
    List<Instance> list = instances.get(ref);
    return list == null ? null : list.stream().map(i -> i.address() + ":" + i.port()).sorted().toList();
  }
}
