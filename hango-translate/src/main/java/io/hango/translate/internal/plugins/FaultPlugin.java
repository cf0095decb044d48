package io.hango.translate.internal.plugins;

import io.hango.model.plugin.Plugin;

import com.google.protobuf.Message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.hango.translate.internal.Protos;
import io.hango.translate.spi.HttpFilterOrder;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code fault}: fault injection, to test how clients cope.
 *
 * <pre>{@code
 * config:
 *   abort: {percent: 10, status: 503}     # or grpcStatus: 14
 *   delay: {percent: 5, fixed: 2s}
 * }</pre>
 *
 * <p>At least one of abort and delay; percentages 0–100 (fractions allowed). Envoy:
 * {@code envoy.filters.http.fault} (empty in the HCM) with a per-route {@code HTTPFault}. gRPC
 * clients implement it, so it also runs on proxyless-gRPC API listeners.
 */
public final class FaultPlugin extends PerRouteConfigPlugin<FaultPlugin.Config> {

  record Abort(double percent, Optional<Integer> status, Optional<Integer> grpcStatus) {}

  record Delay(double percent, Duration duration) {}

  record Config(Optional<Abort> abort, Optional<Delay> delay) {}

  @Override
  public boolean supportedByProxylessGrpc() {
    return true;
  }

  public FaultPlugin() {
    super("fault", "envoy.filters.http.fault", HttpFilterOrder.FAULT);
  }

  @Override
  Message hcmConfig() {
    return HTTPFault.getDefaultInstance();
  }

  @Override
  Message perFilterConfig(Plugin plugin, Config config) {
    return fault(config);
  }

  @Override
  Config parse(ObjectNode config, String path, ConfigFields f) {
    f.known(config, path, "abort", "delay");
    Optional<Abort> abort = f.object(config, "abort", path, false).flatMap(a -> {
      String at = path + ".abort";
      f.known(a, at, "percent", "status", "grpcStatus");
      Optional<Double> pct = f.percent(a, "percent", at, true);
      Optional<Integer> status = f.integer(a, "status", at, 200, 599, false);
      Optional<Integer> grpc = f.integer(a, "grpcStatus", at, 1, 16, false);
      if (a.has("status") == a.has("grpcStatus")) {
        f.error(at, a.has("status") ? "needs only one of status, grpcStatus" : "needs one of status, grpcStatus");
      }
      return pct.isPresent() && (status.isPresent() != grpc.isPresent()) ? Optional.of(new Abort(pct.get(), status, grpc)) : Optional.empty();
    });
    Optional<Delay> delay = f.object(config, "delay", path, false).flatMap(d -> {
      String at = path + ".delay";
      f.known(d, at, "percent", "fixed");
      Optional<Double> pct = f.percent(d, "percent", at, true);
      Optional<Duration> dur = f.duration(d, "fixed", at, true);
      return pct.isPresent() && dur.isPresent() ? Optional.of(new Delay(pct.get(), dur.get())) : Optional.empty();
    });
    if (!config.has("abort") && !config.has("delay")) {
      f.error(path, "needs abort, delay or both");
    }
    return new Config(abort, delay);
  }

  static HTTPFault fault(Config c) {
    HTTPFault.Builder b = HTTPFault.newBuilder();
    c.abort().ifPresent(a -> {
      FaultAbort.Builder fa = FaultAbort.newBuilder().setPercentage(Protos.fraction(a.percent()));
      a.status().ifPresent(fa::setHttpStatus);
      a.grpcStatus().ifPresent(fa::setGrpcStatus);
      b.setAbort(fa);
    });
    c.delay().ifPresent(d -> b.setDelay(FaultDelay.newBuilder().setFixedDelay(Protos.duration(d.duration())).setPercentage(Protos.fraction(d.percent()))));
    return b.build();
  }
}
