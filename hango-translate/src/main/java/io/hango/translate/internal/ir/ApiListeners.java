package io.hango.translate.internal.ir;

import io.hango.translate.internal.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the proxyless-gRPC API listeners: one per exact host name of any virtual host, using the
 * routes of the first listener (gateways by name, listeners by port and name) that serves it.
 */
public final class ApiListeners {

  private ApiListeners() {}

  /**
   * The API listeners of {@code gateways}, sorted by host. A host that several listeners serve is
   * reported to {@code diags}.
   */
  public static List<IrApiListener> choose(List<IrGateway> gateways, Diagnostics diags) {
    Map<String, List<IrListener>> candidates = new TreeMap<>();
    for (IrGateway g : gateways) {
      for (IrListener l : g.listeners()) {
        for (String host : l.exactHosts()) {
          candidates.computeIfAbsent(host, k -> new ArrayList<>()).add(l);
        }
      }
    }
    List<IrApiListener> out = new ArrayList<>();
    candidates.forEach((host, list) -> {
      IrListener chosen = list.get(0);
      if (list.size() > 1) {
        List<String> others = list.subList(1, list.size()).stream().map(IrListener::name).toList();
        diags.warning(chosen.gateway().ref(), "spec.listeners",
            "host " + host + " is also served by " + String.join(", ", others) + "; its proxyless-gRPC API listener uses the routes of "
                + chosen.name());
      }
      out.add(new IrApiListener(host, chosen));
    });
    return out;
  }
}
