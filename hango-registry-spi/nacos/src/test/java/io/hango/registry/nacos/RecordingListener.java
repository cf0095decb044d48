package io.hango.registry.nacos;

import io.hango.registry.Instance;
import io.hango.registry.RegistryListener;
import io.hango.registry.ServiceRef;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a registry client reports, one line per call. */
final class RecordingListener implements RegistryListener {

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<List<Instance>> answers = new CopyOnWriteArrayList<>();

  @Override
  public void onInstances(ServiceRef service, List<Instance> instances) {
    answers.add(instances);
    calls.add("instances " + service + " " + instances.size());
  }

  @Override
  public void onServiceError(ServiceRef service, String message) {
    calls.add("error " + service + ": " + message);
  }

  @Override
  public void onConnected() {
    calls.add("connected");
  }

  @Override
  public void onDisconnected(String reason) {
    calls.add("disconnected: " + reason);
  }

  boolean has(String prefix) {
    return calls.stream().anyMatch(c -> c.startsWith(prefix));
  }
}
