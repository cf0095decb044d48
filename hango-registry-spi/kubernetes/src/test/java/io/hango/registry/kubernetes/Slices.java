package io.hango.registry.kubernetes;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;

/** EndpointSlices as the EndpointSlice controller writes them, for tests. */
final class Slices {

  private Slices() {}

  /** An IPv4 slice of Service {@code service} with these ports and endpoints. */
  static EndpointSlice slice(String namespace, String name, String service, List<EndpointPort> ports, Endpoint... endpoints) {
    return slice(namespace, name, service, "IPv4", ports, endpoints);
  }

  /** A slice of Service {@code service} with an address type ({@code IPv4}, {@code IPv6}, {@code FQDN}). */
  static EndpointSlice slice(String namespace, String name, String service, String addressType, List<EndpointPort> ports,
      Endpoint... endpoints) {
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addToLabels("kubernetes.io/service-name", service)
        .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
        .addToLabels("app", service)
        .endMetadata()
        .withAddressType(addressType)
        .withPorts(ports)
        .withEndpoints(endpoints)
        .build();
  }

  /** A named TCP port. */
  static EndpointPort port(String name, int number) {
    return new EndpointPortBuilder().withName(name).withPort(number).withProtocol("TCP").build();
  }

  /** A ready endpoint of a pod on {@code node}, in zone {@code zone}. */
  static Endpoint ready(String address, String pod, String node, String zone) {
    return new EndpointBuilder()
        .withAddresses(address)
        .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
        .withNodeName(node)
        .withZone(zone)
        .withNewTargetRef().withKind("Pod").withName(pod).withNamespace("ignored").endTargetRef()
        .build();
  }

  /** An endpoint with these conditions (null: not set). */
  static Endpoint endpoint(String address, Boolean ready, Boolean serving, Boolean terminating) {
    EndpointBuilder b = new EndpointBuilder().withAddresses(address);
    if (ready != null || serving != null || terminating != null) {
      b.withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions();
    }
    return b.build();
  }
}
