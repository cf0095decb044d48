package io.hango.registry.eureka.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Eureka's two read requests, asynchronous, over the JDK's HTTP client: {@code GET {serviceUrl}/apps}
 * (the whole registry) and {@code GET {serviceUrl}/apps/delta} (recent changes), as JSON
 * ({@code Accept: application/json}), parsed off the caller's thread. Thread-safe. Internal.
 */
public final class EurekaHttp {

  /** How long connecting may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** How long a whole request may take. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT)
      .build();

  /**
   * Fetches {@code /apps} ({@code delta} false) or {@code /apps/delta} from {@code serviceUrl}.
   * Completes exceptionally on a connection error, a timeout, a status other than 200 or a body
   * that is not Eureka's JSON; messages never hold credentials.
   */
  public CompletableFuture<Applications> fetch(ServiceUrl serviceUrl, boolean delta) {
    String path = delta ? "/apps/delta" : "/apps";
    URI uri = serviceUrl.resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .header("Accept", "application/json")
        .timeout(REQUEST_TIMEOUT)
        .GET();
    serviceUrl.authorization().ifPresent(a -> request.header("Authorization", a));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
      if (response.statusCode() != 200) {
        throw new UncheckedIOException(new BadAnswerException("answered HTTP " + response.statusCode()));
      }
      try {
        return EurekaJson.parse(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(new BadAnswerException("answered what is not Eureka's JSON: " + e.getMessage()));
      }
    });
  }

  /** The server answered, but not with the registry: an HTTP error status or a body that is not Eureka's JSON. */
  static final class BadAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    BadAnswerException(String message) {
      super(message);
    }
  }
}
