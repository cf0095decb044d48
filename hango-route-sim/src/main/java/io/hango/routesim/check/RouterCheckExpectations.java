package io.hango.routesim.check;

import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.hango.routesim.Headers;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code validate} block of a router_check test ({@code ValidationAssert}); an absent field is
 * not checked, an empty string expects "nothing" (for example no route entry).
 *
 * @param clusterName {@code cluster_name}
 * @param virtualClusterName {@code virtual_cluster_name}
 * @param virtualHostName {@code virtual_host_name}
 * @param hostRewrite {@code host_rewrite}: the {@code :authority} sent upstream
 * @param pathRewrite {@code path_rewrite}: the {@code :path} sent upstream
 * @param pathRedirect {@code path_redirect}: the URI of a redirect or direct response
 * @param codeRedirect {@code code_redirect}: the status of a redirect or direct response
 * @param timeout {@code timeout}: the route timeout, a duration such as {@code 15s}
 * @param requestHeaderMatches {@code request_header_matches}
 * @param responseHeaderMatches {@code response_header_matches}
 * @param requestHeaderFields deprecated {@code request_header_fields}: exact first values
 * @param responseHeaderFields deprecated {@code response_header_fields}: exact first values
 */
public record RouterCheckExpectations(Optional<String> clusterName, Optional<String> virtualClusterName,
    Optional<String> virtualHostName, Optional<String> hostRewrite, Optional<String> pathRewrite,
    Optional<String> pathRedirect, OptionalInt codeRedirect, Optional<String> timeout,
    List<HeaderMatcher> requestHeaderMatches, List<HeaderMatcher> responseHeaderMatches,
    Headers requestHeaderFields, Headers responseHeaderFields) {
  public RouterCheckExpectations {
    requestHeaderMatches = List.copyOf(requestHeaderMatches);
    responseHeaderMatches = List.copyOf(responseHeaderMatches);
  }
}
