package io.hango.registry.kubernetes.internal;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;

/**
 * The EndpointSlices of one namespace, kept by a fabric8 informer: one list, then one watch, of the
 * slices that belong to a Service (label {@code kubernetes.io/service-name}), indexed by Service
 * name. The informer relists after {@code 410 Gone}, reconnects its watch after an outage and
 * resyncs every {@code refreshInterval}; every failure it retries is reported to {@link Events}
 * and retried for ever. Its health fields belong to the client's serial executor. Internal.
 */
final class NamespaceWatch {

  /** What the informer reports, from fabric8's threads. Implementations return quickly. */
  interface Events {
    /** A slice of Service {@code service} was added, changed or deleted. */
    void changed(NamespaceWatch source, String service);

    /** A list completed: the store holds the namespace's slices as of now. */
    void listed(NamespaceWatch source);

    /** A list or watch failed; the informer retries. */
    void failed(NamespaceWatch source, Throwable error);
  }

  /** Where the watch stands, as the client last saw it. */
  enum Health {
    /** Not listed yet. */
    STARTING,
    /** Listed, and watching (or reconnecting for less than the grace period). */
    UP,
    /** The last list failed, or the watch has been down for longer than the grace period. */
    FAILING
  }

  private static final String BY_SERVICE = "service";

  final String namespace;
  private final SharedIndexInformer<EndpointSlice> informer;

  Health health = Health.STARTING;
  /** Whether the API server refused this namespace (403), as opposed to being unreachable. */
  boolean forbidden;
  /** When the watch was first seen down ({@link System#nanoTime()}), or 0 while it is up. */
  long watchDownSince;

  NamespaceWatch(KubernetesClient client, String namespace, long resyncMillis, Events events) {
    this.namespace = namespace;
    this.informer = client.discovery().v1().endpointSlices()
        .inNamespace(namespace)
        .withLabel(EndpointSliceMapping.SERVICE_NAME_LABEL)
        .runnableInformer(resyncMillis);
    informer.addIndexers(Map.of(BY_SERVICE, s -> List.of(serviceOf(s))));
    informer.addEventHandler(new ResourceEventHandler<EndpointSlice>() {
      @Override
      public void onAdd(EndpointSlice slice) {
        events.changed(NamespaceWatch.this, serviceOf(slice));
      }

      @Override
      public void onUpdate(EndpointSlice before, EndpointSlice after) {
        String was = serviceOf(before);
        String is = serviceOf(after);
        events.changed(NamespaceWatch.this, is);
        if (!was.equals(is)) {
          events.changed(NamespaceWatch.this, was);
        }
      }

      @Override
      public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
        events.changed(NamespaceWatch.this, serviceOf(slice));
      }

      @Override
      public void onList(String resourceVersion, boolean remainedEmpty) {
        events.listed(NamespaceWatch.this);
      }
    });
    informer.exceptionHandler((started, error) -> {
      events.failed(this, error);
      return true;
    });
  }

  /** Starts listing and watching, in the background. */
  void start() {
    informer.start();
  }

  /** The slices of Service {@code service} in the store now. */
  List<EndpointSlice> slicesOf(String service) {
    return informer.getIndexer().byIndex(BY_SERVICE, service);
  }

  /** Whether the watch is open now. */
  boolean watching() {
    return informer.isWatching();
  }

  /** Stops the informer; never blocks on the network. */
  void stop() {
    informer.stop();
  }

  private static String serviceOf(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(EndpointSliceMapping.SERVICE_NAME_LABEL);
    return name == null ? "" : name;
  }
}
