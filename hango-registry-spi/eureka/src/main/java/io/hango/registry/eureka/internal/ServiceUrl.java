package io.hango.registry.eureka.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One of a registry's {@code serviceUrls}: where requests go, the HTTP Basic credentials of its
 * user information ({@code http://user:password@host:8761/eureka}, as Eureka's own client takes
 * them), and how it is named in messages (never with the credentials). Internal.
 *
 * @param base the URL without user information and trailing slash
 * @param authorization the {@code Authorization} header value, when the URL has user information
 */
public record ServiceUrl(URI base, Optional<String> authorization) {

  /**
   * Parses a service URL.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URL
   */
  public static ServiceUrl parse(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL: " + e.getReason());
    }
    if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
      throw new IllegalArgumentException("is not an absolute http(s) URL with a host and a numeric port");
    }
    Optional<String> authorization = Optional.ofNullable(uri.getRawUserInfo()).map(info -> "Basic "
        + Base64.getEncoder().encodeToString(URLDecoder.decode(info.replace("+", "%2B"), StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.UTF_8)));
    try {
      URI base = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
      return new ServiceUrl(base, authorization);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL: " + e.getReason());
    }
  }

  /** The URL of {@code path} (e.g. {@code /apps}) under this service URL. */
  public URI resolve(String path) {
    return URI.create(base + path);
  }

  /** The URL without credentials. */
  @Override
  public String toString() {
    return base.toString();
  }
}
