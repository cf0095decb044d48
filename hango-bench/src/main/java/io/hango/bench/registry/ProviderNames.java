package io.hango.bench.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The names of the benchmark's Dubbo services and their providers: service {@code s} (0-based) is
 * the Hango {@code Service} {@code svc-00001} (its cluster has the same name) discovering the Dubbo
 * interface {@code io.hango.bench.Service00001}; its provider {@code i} listens on a fake address
 * {@code 10.x.y.z:50051}, distinct for every provider (nothing connects to it), and registers as
 * Dubbo does: an ephemeral node {@code /dubbo/<interface>/providers/<URL-encoded tri:// URL>}.
 *
 * @param services how many services
 * @param instances how many providers each service has when all are registered
 */
record ProviderNames(int services, int instances) {

  /** The port every provider's URL names. */
  static final int PORT = 50051;

  ProviderNames {
    if (services < 1 || instances < 2) {
      throw new IllegalArgumentException("at least 1 service and 2 instances per service (a change never removes "
          + "a service's last provider), not " + services + " x " + instances);
    }
    if ((long) services * instances >= 1 << 24) {
      throw new IllegalArgumentException("at most 16,777,215 providers (one 10.x.y.z address each)");
    }
  }

  /** The Hango service, and its cluster: {@code svc-00001} for service 0. */
  String service(int service) {
    return "svc-%05d".formatted(service + 1);
  }

  /** The Dubbo interface the service discovers. */
  String dubboInterface(int service) {
    return "io.hango.bench.Service%05d".formatted(service + 1);
  }

  /** The ZooKeeper node of the Dubbo interface. */
  String servicePath(int service) {
    return "/dubbo/" + dubboInterface(service);
  }

  /** The ZooKeeper node holding the service's providers. */
  String providersPath(int service) {
    return servicePath(service) + "/providers";
  }

  /** The ephemeral node of one provider: its Dubbo URL, URL-encoded once, as Dubbo writes it. */
  String providerPath(int service, int instance) {
    String iface = dubboInterface(service);
    String url = "tri://" + address(service, instance) + ":" + PORT + "/" + iface
        + "?application=bench-app-" + (service + 1) + "&interface=" + iface
        + "&methods=Get%2CList&release=3.2.0&side=provider&weight=100";
    return providersPath(service) + "/" + URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  /** The endpoint the provider becomes in a ClusterLoadAssignment, as the simulated proxies key it. */
  String endpoint(int service, int instance) {
    return address(service, instance) + ":" + PORT;
  }

  private String address(int service, int instance) {
    int n = service * instances + instance + 1;
    return "10." + (n >>> 16 & 0xff) + "." + (n >>> 8 & 0xff) + "." + (n & 0xff);
  }
}
