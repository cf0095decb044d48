package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.hango.translate.internal.Protos;
import io.hango.translate.spi.HttpFilterOrder;

/**
 * {@code fault}: fault injection, to test how clients cope.
 *
 * <pre>{@code
 * config:
 *   abort: {percent: 10, status: 503}     # or grpcStatus: 14
 *   delay: {percent: 5, fixed: 2s}
 * }</pre>
 *
 * <p>At least one of abort and delay; percentages 0–100 (fractions allowed); the config is a
 * {@link FaultConfig}. Envoy:
 * {@code envoy.filters.http.fault} (empty in the HCM) with a per-route {@code HTTPFault}. gRPC
 * clients implement it, so it also runs on proxyless-gRPC API listeners.
 */
public final class FaultPlugin extends PerRouteConfigPlugin<FaultConfig> {

  @Override
  public boolean supportedByProxylessGrpc() {
    return true;
  }

  public FaultPlugin() {
    super("fault", "envoy.filters.http.fault", HttpFilterOrder.FAULT, FaultConfig.class);
  }

  @Override
  Message hcmConfig() {
    return HTTPFault.getDefaultInstance();
  }

  @Override
  Message perFilterConfig(Plugin plugin, FaultConfig config) {
    return fault(config);
  }

  @Override
  void semantics(FaultConfig config, String path, ConfigChecks f) {
    config.abort().ifPresent(a -> {
      String at = path + ".abort";
      f.percent(a.percent(), at + ".percent");
      a.status().ifPresent(s -> f.range(s, at + ".status", 200, 599));
      a.grpcStatus().ifPresent(s -> f.range(s, at + ".grpcStatus", 1, 16));
      if (a.status().isPresent() == a.grpcStatus().isPresent()) {
        f.error(at, a.status().isPresent() ? "needs only one of status, grpcStatus" : "needs one of status, grpcStatus");
      }
    });
    config.delay().ifPresent(d -> {
      String at = path + ".delay";
      f.percent(d.percent(), at + ".percent");
      f.positive(d.fixed(), at + ".fixed");
    });
    if (config.abort().isEmpty() && config.delay().isEmpty()) {
      f.error(path, "needs abort, delay or both");
    }
  }

  static HTTPFault fault(FaultConfig c) {
    HTTPFault.Builder b = HTTPFault.newBuilder();
    c.abort().ifPresent(a -> {
      FaultAbort.Builder fa = FaultAbort.newBuilder().setPercentage(Protos.fraction(a.percent()));
      a.status().ifPresent(fa::setHttpStatus);
      a.grpcStatus().ifPresent(fa::setGrpcStatus);
      b.setAbort(fa);
    });
    c.delay().ifPresent(d -> b.setDelay(FaultDelay.newBuilder().setFixedDelay(Protos.duration(d.fixed())).setPercentage(Protos.fraction(d.percent()))));
    return b.build();
  }
}
