package io.hango.bench.xds;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a simulated Envoy subscribes to next: the EDS name of a cluster and the RDS names of a
 * listener. Results are cached by the resource bytes' identity key (type + name + version) given by
 * the caller (for state-of-the-world, the response version), so that 1,000 simulated clients do not parse the same cluster 1,000 times: the cost
 * measured is the server's, not the harness's. Also used by the registry load harness's proxies.
 */
public final class ResourceNames {

  private static final String HCM_TYPE =
      "type.googleapis.com/" + HttpConnectionManager.getDescriptor().getFullName();

  private final ConcurrentMap<String, Optional<String>> edsNames = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Collection<String>> rdsNames = new ConcurrentHashMap<>();

  private final ConcurrentMap<String, List<String>> sotwEds = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, List<String>> sotwRds = new ConcurrentHashMap<>();

  /** The sorted EDS names of a whole state-of-the-world CDS response, cached by its version. */
  public List<String> edsNames(String version, List<Any> clusters) {
    return sotwEds.computeIfAbsent(version, v -> {
      TreeSet<String> out = new TreeSet<>();
      for (Any c : clusters) {
        edsName(c).ifPresent(out::add);
      }
      return List.copyOf(out);
    });
  }

  /** The sorted RDS names of a whole state-of-the-world LDS response, cached by its version. */
  public List<String> rdsNames(String version, List<Any> listeners) {
    return sotwRds.computeIfAbsent(version, v -> {
      TreeSet<String> out = new TreeSet<>();
      for (Any l : listeners) {
        out.addAll(rdsNames(l));
      }
      return List.copyOf(out);
    });
  }

  /** The EDS service name of a cluster, if it uses EDS. */
  public Optional<String> edsName(String key, Any cluster) {
    return edsNames.computeIfAbsent(key, k -> edsName(cluster));
  }

  private static Optional<String> edsName(Any cluster) {
    Cluster c = unpack(cluster, Cluster.class);
    if (c.getType() != Cluster.DiscoveryType.EDS) {
      return Optional.empty();
    }
    String service = c.getEdsClusterConfig().getServiceName();
    return Optional.of(service.isEmpty() ? c.getName() : service);
  }

  /** The route configuration names that a listener's HTTP connection managers load over RDS. */
  public Collection<String> rdsNames(String key, Any listener) {
    return rdsNames.computeIfAbsent(key, k -> rdsNames(listener));
  }

  private static Collection<String> rdsNames(Any listener) {
    Listener l = unpack(listener, Listener.class);
    TreeSet<String> out = new TreeSet<>();
    for (FilterChain chain : l.getFilterChainsList()) {
      for (Filter f : chain.getFiltersList()) {
        addRds(f.getTypedConfig(), out);
      }
    }
    if (l.hasApiListener()) {
      addRds(l.getApiListener().getApiListener(), out);
    }
    return out;
  }

  private static void addRds(Any config, Collection<String> out) {
    if (config.getTypeUrl().equals(HCM_TYPE)) {
      HttpConnectionManager hcm = unpack(config, HttpConnectionManager.class);
      if (hcm.hasRds()) {
        out.add(hcm.getRds().getRouteConfigName());
      }
    }
  }

  private static <T extends com.google.protobuf.Message> T unpack(Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot unpack " + any.getTypeUrl(), e);
    }
  }
}
