package io.hango.routesim.check;

import io.envoyproxy.envoy.extensions.filters.http.set_metadata.v3.Metadata;
import io.hango.routesim.Headers;
import java.util.List;

/**
 * The request of a router_check test ({@code ValidationInput}).
 *
 * @param authority {@code :authority}
 * @param path {@code :path}, with query
 * @param method {@code :method}
 * @param internal adds {@code x-envoy-internal: true}
 * @param randomValue the random value for runtime fractions and weighted clusters
 * @param ssl {@code x-forwarded-proto} and {@code :scheme} are {@code https}
 * @param runtime the runtime key enabled for this test (empty: none)
 * @param additionalRequestHeaders extra request headers
 * @param additionalResponseHeaders upstream response headers
 * @param dynamicMetadata metadata set as the {@code set_metadata} filter would, in order
 */
public record RouterCheckInput(String authority, String path, String method, boolean internal,
    long randomValue, boolean ssl, String runtime, Headers additionalRequestHeaders,
    Headers additionalResponseHeaders, List<Metadata> dynamicMetadata) {
  public RouterCheckInput {
    dynamicMetadata = List.copyOf(dynamicMetadata);
  }
}
