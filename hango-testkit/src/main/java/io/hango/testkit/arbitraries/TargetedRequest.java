package io.hango.testkit.arbitraries;

import io.hango.routesim.Request;
import java.util.Objects;

/**
 * A request aimed at one listener of a gateway: route it with the route configuration
 * {@code <gateway>/<listener>}.
 *
 * @param gateway the gateway name
 * @param listener the listener name
 * @param request the request, already naming {@link #routeConfigurationName()}
 */
public record TargetedRequest(String gateway, String listener, Request request) {
  public TargetedRequest {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(request, "request");
  }

  /** {@code <gateway>/<listener>}, the translator's route configuration name. */
  public String routeConfigurationName() {
    return gateway + "/" + listener;
  }

  @Override
  public String toString() {
    return request.method() + " " + request.authority() + request.path() + " " + request.headers()
        + " random=" + request.randomValue() + " on " + routeConfigurationName();
  }
}
