package io.hango.registry.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Describes the failures of list and watch requests in a line that is safe to log and to show in
 * a status page: the HTTP status and the API server's message, or the network error; never
 * request headers (tokens) nor the user information of a URL. Internal.
 */
final class Failures {

  private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
  private static final int MAX_LENGTH = 400;

  private Failures() {}

  /** One line describing {@code t}. */
  static String describe(Throwable t) {
    Throwable cause = unwrap(t);
    KubernetesClientException k = find(cause, KubernetesClientException.class);
    String text;
    if (k != null && k.getCode() > 0) {
      Status status = k.getStatus();
      String reason = status == null || status.getReason() == null ? "" : " " + status.getReason();
      String message = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
      text = "HTTP " + k.getCode() + reason + message;
    } else {
      // Skip fabric8's wrapper ("Failure executing: GET at ...") for the network error it wraps.
      Throwable error = cause;
      while (error instanceof KubernetesClientException && error.getCause() != null && error.getCause() != error) {
        error = error.getCause();
      }
      text = error.getClass().getSimpleName();
      if (error.getMessage() != null) {
        text += ": " + error.getMessage();
      } else if (error.getCause() != null) {
        text += " (" + error.getCause().getClass().getSimpleName() + ")";
      }
    }
    return safe(text);
  }

  /** Whether {@code t} is the API server refusing this namespace (HTTP 403), not an outage. */
  static boolean isForbidden(Throwable t) {
    KubernetesClientException k = find(unwrap(t), KubernetesClientException.class);
    return k != null && k.getCode() == 403;
  }

  /** {@code text} on one line, without URL user information, at most 400 characters. */
  static String safe(String text) {
    String out = URL_USERINFO.matcher(text.replace('\r', ' ').replace('\n', ' ')).replaceAll("$1***@");
    return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable out = t;
    while ((out instanceof CompletionException || out instanceof ExecutionException) && out.getCause() != null) {
      out = out.getCause();
    }
    return out;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
