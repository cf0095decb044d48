package io.hango.registry.zookeeper.internal;

import io.hango.registry.Instance;
import io.hango.registry.RegistryListener;
import io.hango.registry.ServiceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Records what a client reports: the last answer per service, and every report in order. */
final class RecordingListener implements RegistryListener {

  private final Map<ServiceRef, List<Instance>> last = new ConcurrentHashMap<>();
  private final List<String> log = new ArrayList<>();
  private volatile boolean connected;

  @Override
  public void onInstances(ServiceRef service, List<Instance> instances) {
    last.put(service, List.copyOf(instances));
    record("instances " + service + " " + instances.size());
  }

  @Override
  public void onServiceError(ServiceRef service, String message) {
    record("error " + service + ": " + message);
  }

  @Override
  public void onConnected() {
    connected = true;
    record("connected");
  }

  @Override
  public void onDisconnected(String reason) {
    connected = false;
    record("disconnected: " + reason);
  }

  /** The last answer for {@code ref}, if any. */
  Optional<List<Instance>> instances(ServiceRef ref) {
    return Optional.ofNullable(last.get(ref));
  }

  /** The addresses:ports of the last answer for {@code ref}, sorted; empty if no answer yet. */
  List<String> endpoints(ServiceRef ref) {
    return instances(ref).map(l -> l.stream().map(i -> i.address() + ":" + i.port()).sorted().toList()).orElse(List.of());
  }

  /** The instance of the last answer for {@code ref} at {@code address:port}. */
  Instance instance(ServiceRef ref, String address, int port) {
    return instances(ref).orElseThrow().stream()
        .filter(i -> i.address().equals(address) && i.port() == port)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no instance " + address + ":" + port + " in " + last.get(ref)));
  }

  boolean connected() {
    return connected;
  }

  /** Every report so far. */
  synchronized List<String> log() {
    return List.copyOf(log);
  }

  private synchronized void record(String line) {
    log.add(line);
  }
}
