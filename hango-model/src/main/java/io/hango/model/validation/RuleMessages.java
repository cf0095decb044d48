package io.hango.model.validation;

import io.hango.model.ResourceKind;
import io.hango.model.gateway.ListenerProtocol;
import io.hango.model.service.ServiceProtocol;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The wording of the model's rules, in one place. The {@link Validator} words its problems with
 * these; a consumer that assumes a validated config (the translator) and still meets a broken one
 * reports it with the same words, so one rule never reads two ways. Each method is the message of a
 * {@link Problem}, without resource or path.
 */
public final class RuleMessages {

  /** A query parameter matched as {@code present: false}. */
  public static final String QUERY_PARAM_ABSENT =
      "a query parameter can only be matched as present: true (Envoy cannot match its absence)";
  /** A forward without destinations. */
  public static final String FORWARD_NEEDS_DESTINATION = "a forward needs at least one destination";
  /** Every destination of a forward has weight 0. */
  public static final String ALL_WEIGHTS_ZERO = "the weights of the destinations cannot all be 0";
  /** An HTTPS listener without {@code tls}. */
  public static final String HTTPS_NEEDS_TLS = "an HTTPS listener needs tls: {certificate: SECRET}";
  /** Upstream TLS in mode mutual without a client certificate. */
  public static final String MUTUAL_NEEDS_CLIENT_CERTIFICATE = "mode mutual needs a clientCertificate";
  /** Upstream TLS subject alt names without a CA. */
  public static final String SUBJECT_ALT_NAMES_NEED_CA = "subjectAltNames are checked only with a caCertificate";
  /** {@code minimumRingSize} on a maglev consistent hash. */
  public static final String MINIMUM_RING_SIZE_RING_HASH_ONLY = "applies to algorithm ringHash only";
  /** A prefix rewrite on a route without a prefix path match. */
  public static final String PREFIX_REWRITE_NEEDS_PREFIX_MATCH =
      "a prefix rewrite needs a prefix path match (spec.match.path.prefix)";
  /** A template rewrite on a route without a template path match. */
  public static final String TEMPLATE_REWRITE_NEEDS_TEMPLATE_MATCH =
      "a template rewrite needs a template path match (spec.match.path.template)";
  /** A prefix redirect on a route without a prefix path match. */
  public static final String PREFIX_REDIRECT_NEEDS_PREFIX_MATCH =
      "a prefix redirect needs a prefix path match (spec.match.path.prefix)";
  /** A tracing path with a provider other than Zipkin. */
  public static final String TRACING_PATH_ZIPKIN_ONLY = "path is for the zipkin provider only";

  private RuleMessages() {}

  /** {@code Service 'x' does not exist; did you mean 'y'?}, the hint chosen among {@code known}. */
  public static String missing(ResourceKind kind, String name, Collection<String> known) {
    return kind.kindName() + " '" + name + "' does not exist" + Suggestions.hint(name, known);
  }

  /** A route's {@code listener} that its gateway does not have. */
  public static String noListener(String gateway, String listener, Collection<String> known) {
    return "Gateway '" + gateway + "' has no listener '" + listener + "'" + Suggestions.hint(listener, known);
  }

  /** A destination's or mirror's {@code subset} that its service does not have. */
  public static String noSubset(String service, String subset, Collection<String> known) {
    return "Service '" + service + "' has no subset '" + subset + "'" + Suggestions.hint(subset, known);
  }

  /** A Secret used as a certificate that has no certificate and private key. */
  public static String noCertificate(String secret) {
    return "Secret '" + secret + "' has no certificate and privateKey";
  }

  /** A Secret used as a CA bundle that has no {@code ca}. */
  public static String noCa(String secret) {
    return "Secret '" + secret + "' has no ca";
  }

  /** {@code tls} on a listener that is not HTTPS. */
  public static String tlsOnlyOnHttps(ListenerProtocol protocol) {
    return "tls is only allowed on HTTPS listeners (protocol is " + protocol + ")";
  }

  /** A gRPC health check on a service that does not speak HTTP/2. */
  public static String grpcHealthCheckNeedsHttp2(ServiceProtocol protocol) {
    return "a gRPC health check needs an HTTP/2 service (protocol grpc or http2), not " + protocol.name().toLowerCase(Locale.ROOT);
  }

  /** A redirect code other than 301, 302, 303, 307, 308. */
  public static String redirectCode(int code) {
    return "a redirect code is 301, 302, 303, 307 or 308, not " + code;
  }

  /** A second document of the same kind and name. */
  public static String duplicate(ResourceKind kind, String name) {
    return "duplicate " + kind.kindName() + " '" + name + "'";
  }

  /** A one-of field ({@code what}: "a route", "a path match", ...) with none or several of {@code choices} set. */
  public static String exactlyOne(String what, List<String> choices, List<String> set) {
    return what + " needs exactly one of " + String.join(", ", choices) + "; found " + (set.isEmpty() ? "none" : String.join(", ", set));
  }
}
