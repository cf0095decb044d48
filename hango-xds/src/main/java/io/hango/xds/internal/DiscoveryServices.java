package io.hango.xds.internal;

import io.envoyproxy.envoy.service.cluster.v3.ClusterDiscoveryServiceGrpc.ClusterDiscoveryServiceImplBase;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceImplBase;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.envoyproxy.envoy.service.endpoint.v3.EndpointDiscoveryServiceGrpc.EndpointDiscoveryServiceImplBase;
import io.envoyproxy.envoy.service.listener.v3.ListenerDiscoveryServiceGrpc.ListenerDiscoveryServiceImplBase;
import io.envoyproxy.envoy.service.route.v3.RouteDiscoveryServiceGrpc.RouteDiscoveryServiceImplBase;
import io.envoyproxy.envoy.service.secret.v3.SecretDiscoveryServiceGrpc.SecretDiscoveryServiceImplBase;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.hango.xds.TypeUrls;
import java.util.List;

/**
 * The gRPC services: ADS and CDS/EDS/LDS/RDS/SDS, each SotW and Delta, all thin adapters onto
 * the one {@link XdsEngine}. Fetch (unary) methods keep the generated UNIMPLEMENTED answer.
 */
final class DiscoveryServices {

  private DiscoveryServices() {}

  static List<BindableService> create(XdsEngine engine) {
    return List.of(
        intercepted(new Ads(engine)),
        intercepted(new Cds(engine)),
        intercepted(new Eds(engine)),
        intercepted(new Lds(engine)),
        intercepted(new Rds(engine)),
        intercepted(new Sds(engine)));
  }

  private static BindableService intercepted(BindableService service) {
    ServerServiceDefinition definition =
        ServerInterceptors.intercept(service, new PeerCaptureInterceptor());
    return () -> definition;
  }

  private static final class Ads extends AggregatedDiscoveryServiceImplBase {
    private final XdsEngine engine;

    Ads(XdsEngine engine) {
      this.engine = engine;
    }

    @Override
    public StreamObserver<DiscoveryRequest> streamAggregatedResources(
        StreamObserver<DiscoveryResponse> responses) {
      return engine.openSotw(responses, null);
    }

    @Override
    public StreamObserver<DeltaDiscoveryRequest> deltaAggregatedResources(
        StreamObserver<DeltaDiscoveryResponse> responses) {
      return engine.openDelta(responses, null);
    }
  }

  private static final class Cds extends ClusterDiscoveryServiceImplBase {
    private final XdsEngine engine;

    Cds(XdsEngine engine) {
      this.engine = engine;
    }

    @Override
    public StreamObserver<DiscoveryRequest> streamClusters(StreamObserver<DiscoveryResponse> r) {
      return engine.openSotw(r, TypeUrls.CLUSTER);
    }

    @Override
    public StreamObserver<DeltaDiscoveryRequest> deltaClusters(
        StreamObserver<DeltaDiscoveryResponse> r) {
      return engine.openDelta(r, TypeUrls.CLUSTER);
    }
  }

  private static final class Eds extends EndpointDiscoveryServiceImplBase {
    private final XdsEngine engine;

    Eds(XdsEngine engine) {
      this.engine = engine;
    }

    @Override
    public StreamObserver<DiscoveryRequest> streamEndpoints(StreamObserver<DiscoveryResponse> r) {
      return engine.openSotw(r, TypeUrls.ENDPOINT);
    }

    @Override
    public StreamObserver<DeltaDiscoveryRequest> deltaEndpoints(
        StreamObserver<DeltaDiscoveryResponse> r) {
      return engine.openDelta(r, TypeUrls.ENDPOINT);
    }
  }

  private static final class Lds extends ListenerDiscoveryServiceImplBase {
    private final XdsEngine engine;

    Lds(XdsEngine engine) {
      this.engine = engine;
    }

    @Override
    public StreamObserver<DiscoveryRequest> streamListeners(StreamObserver<DiscoveryResponse> r) {
      return engine.openSotw(r, TypeUrls.LISTENER);
    }

    @Override
    public StreamObserver<DeltaDiscoveryRequest> deltaListeners(
        StreamObserver<DeltaDiscoveryResponse> r) {
      return engine.openDelta(r, TypeUrls.LISTENER);
    }
  }

  private static final class Rds extends RouteDiscoveryServiceImplBase {
    private final XdsEngine engine;

    Rds(XdsEngine engine) {
      this.engine = engine;
    }

    @Override
    public StreamObserver<DiscoveryRequest> streamRoutes(StreamObserver<DiscoveryResponse> r) {
      return engine.openSotw(r, TypeUrls.ROUTE);
    }

    @Override
    public StreamObserver<DeltaDiscoveryRequest> deltaRoutes(
        StreamObserver<DeltaDiscoveryResponse> r) {
      return engine.openDelta(r, TypeUrls.ROUTE);
    }
  }

  private static final class Sds extends SecretDiscoveryServiceImplBase {
    private final XdsEngine engine;

    Sds(XdsEngine engine) {
      this.engine = engine;
    }

    @Override
    public StreamObserver<DiscoveryRequest> streamSecrets(StreamObserver<DiscoveryResponse> r) {
      return engine.openSotw(r, TypeUrls.SECRET);
    }

    @Override
    public StreamObserver<DeltaDiscoveryRequest> deltaSecrets(
        StreamObserver<DeltaDiscoveryResponse> r) {
      return engine.openDelta(r, TypeUrls.SECRET);
    }
  }
}
