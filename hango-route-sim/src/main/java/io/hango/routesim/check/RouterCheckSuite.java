package io.hango.routesim.check;

import java.util.List;
import java.util.Map;

/**
 * The content of a router_check test file ({@code envoy.RouterCheckToolSchema.Validation}): the
 * test cases and the optional {@code runtime} flags.
 *
 * @param tests the cases, in file order
 * @param runtime runtime flags to load before running (values as read: strings, numbers, booleans)
 */
public record RouterCheckSuite(List<RouterCheckCase> tests, Map<String, Object> runtime) {
  public RouterCheckSuite {
    tests = List.copyOf(tests);
    runtime = Map.copyOf(runtime);
  }
}
