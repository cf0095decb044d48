package io.hango.controlplane;

import static java.util.Objects.requireNonNull;

import io.hango.registry.RegistryProvider;
import io.hango.translate.TranslatorOptions;
import io.hango.xds.NodeGroupFunction;
import io.hango.xds.XdsAuthorizer;
import io.hango.xds.XdsServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a {@link ControlPlane} runs with, as {@link ControlPlaneBuilder#build()} left it: immutable,
 * so changing the builder later does not change a built control plane. Every rule on the settings
 * is checked here (the builder calls the same checks as each setting is given, to fail early).
 *
 * @param source where the config comes from
 * @param xdsHost the address the xDS server binds
 * @param xdsPort the xDS port (0: a free one)
 * @param adminHost the address the admin port binds
 * @param adminPort the admin port (0: a free one; -1: none)
 * @param tls TLS for the xDS port; empty: plaintext
 * @param authorizer decides which clients may read which group; empty: none
 * @param authorizeBySubjectAltName whether clients are admitted by their certificate's names
 * @param secretsWithoutClientAuthentication whether secrets are served to unauthenticated clients
 * @param nodeGrouping how nodes are split into groups
 * @param translatorOptions the translator's options
 * @param watchInterval how often the source is polled
 * @param debounceQuiet the xDS push debounce's quiet period
 * @param debounceMax the xDS push debounce's maximum delay
 * @param shutdownTimeout how long closing waits for xDS streams to end
 * @param meterRegistry where meters go besides the Prometheus registry; empty: only there
 * @param clock the clock for reload times
 * @param registryProviders the registry providers; empty: those on the class path
 * @param registryDataDirectory where registry clients may write
 */
record ControlPlaneSettings(
    ConfigSource source,
    String xdsHost,
    int xdsPort,
    String adminHost,
    int adminPort,
    Optional<Tls> tls,
    Optional<XdsAuthorizer> authorizer,
    boolean authorizeBySubjectAltName,
    boolean secretsWithoutClientAuthentication,
    NodeGrouping nodeGrouping,
    TranslatorOptions translatorOptions,
    Duration watchInterval,
    Duration debounceQuiet,
    Duration debounceMax,
    Duration shutdownTimeout,
    Optional<MeterRegistry> meterRegistry,
    Clock clock,
    Optional<List<RegistryProvider>> registryProviders,
    Path registryDataDirectory) {

  /** The admin port value that disables it. */
  static final int NO_ADMIN_PORT = -1;

  /**
   * TLS on the xDS port.
   *
   * @param certChain the server's certificate chain (PEM file)
   * @param privateKey its private key (PEM file)
   * @param trustedClientCas for mutual TLS, the CAs client certificates must be issued by
   */
  record Tls(Path certChain, Path privateKey, Optional<Path> trustedClientCas) {
    Tls {
      requireNonNull(certChain, "certChainPem");
      requireNonNull(privateKey, "privateKeyPem");
      requireNonNull(trustedClientCas, "trustedClientCasPem");
    }
  }

  /** Checks every setting. */
  ControlPlaneSettings {
    if (source == null) {
      throw new IllegalStateException("no config: call config(paths) or configSource(source)");
    }
    requireNonNull(xdsHost, "host");
    checkPort(xdsPort, "xdsPort");
    requireNonNull(adminHost, "host");
    checkAdminPort(adminPort);
    requireNonNull(tls, "tls");
    requireNonNull(authorizer, "authorizer");
    requireNonNull(nodeGrouping, "grouping");
    requireNonNull(translatorOptions, "options");
    checkWatchInterval(watchInterval);
    requireNonNull(debounceQuiet, "quietPeriod");
    requireNonNull(debounceMax, "maxDelay");
    requireNonNull(shutdownTimeout, "timeout");
    requireNonNull(meterRegistry, "registry");
    requireNonNull(clock, "clock");
    registryProviders = requireNonNull(registryProviders, "providers").map(List::copyOf);
    requireNonNull(registryDataDirectory, "dir");
  }

  /** {@code port} if it is a port number or 0, else {@link IllegalArgumentException}. */
  static int checkPort(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " must be 0..65535: " + port);
    }
    return port;
  }

  /** {@code port} if it is a port number, 0 or {@link #NO_ADMIN_PORT}. */
  static int checkAdminPort(int port) {
    return port == NO_ADMIN_PORT ? port : checkPort(port, "adminPort");
  }

  /** {@code interval} if it is positive. */
  static Duration checkWatchInterval(Duration interval) {
    requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("watchInterval must be positive: " + interval);
    }
    return interval;
  }

  /** Whether the admin port runs. */
  boolean adminEnabled() {
    return adminPort >= 0;
  }

  /**
   * Whether secrets may be served: to clients authenticated by mutual TLS, to clients an
   * authorizer admits, or to anyone when the user said so (demos).
   */
  boolean servesSecrets() {
    return tls.flatMap(Tls::trustedClientCas).isPresent()
        || authorizer.isPresent()
        || authorizeBySubjectAltName
        || secretsWithoutClientAuthentication;
  }

  /**
   * The xDS server these settings describe: address, TLS, authorizer, debounce.
   *
   * @param groups which group a node reads
   * @param gatewayGroups the gateway groups being served, for {@link #authorizeBySubjectAltName}
   * @param meters where the server's meters go
   */
  XdsServer.Builder xdsServer(NodeGroupFunction groups, Supplier<Set<String>> gatewayGroups, MeterRegistry meters) {
    XdsServer.Builder b =
        XdsServer.builder()
            .host(xdsHost)
            .port(xdsPort)
            .nodeGroups(groups)
            .debounce(debounceQuiet, debounceMax)
            .meterRegistry(meters);
    tls.ifPresent(t -> {
      if (t.trustedClientCas().isPresent()) {
        b.mutualTls(t.certChain(), t.privateKey(), t.trustedClientCas().get());
      } else {
        b.tls(t.certChain(), t.privateKey());
      }
    });
    if (authorizeBySubjectAltName) {
      b.authorizer(SubjectAltNameAuthorizer.of(gatewayGroups));
    } else {
      authorizer.ifPresent(b::authorizer);
    }
    return b;
  }
}
