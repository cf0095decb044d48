package io.hango.controlplane;

import static java.util.Objects.requireNonNull;

import io.hango.registry.RegistryProvider;
import io.hango.translate.TranslatorOptions;
import io.hango.xds.XdsAuthorizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Configures a {@link ControlPlane}; get one from {@link ControlPlane#builder()}. Every setter
 * returns this builder; {@link #build()} takes a snapshot of the settings, so changing the builder
 * afterwards does not change a built control plane.
 *
 * <pre>{@code
 * ControlPlane cp = ControlPlane.builder().config(Path.of("gateway/")).xdsPort(18000).adminPort(18001).build().start();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ControlPlaneBuilder {
  private ConfigSource source;
  private String xdsHost = "0.0.0.0";
  private int xdsPort = 18000;
  private String adminHost = "127.0.0.1";
  private int adminPort = 18001;
  private ControlPlaneSettings.Tls tls;
  private XdsAuthorizer authorizer;
  private boolean authorizeBySubjectAltName;
  private boolean secretsWithoutClientAuthentication;
  private NodeGrouping nodeGrouping = NodeGrouping.NONE;
  private TranslatorOptions translatorOptions = TranslatorOptions.defaults();
  private Duration watchInterval = Duration.ofSeconds(1);
  private Duration debounceQuiet = Duration.ofMillis(100);
  private Duration debounceMax = Duration.ofSeconds(1);
  private Duration shutdownTimeout = Duration.ofSeconds(5);
  private MeterRegistry meterRegistry;
  private Clock clock = Clock.systemUTC();
  private List<RegistryProvider> registryProviders;
  private Path registryDataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "hango-registries");

  ControlPlaneBuilder() {}

  /**
   * The registry providers to use. Default: those found with {@link java.util.ServiceLoader} (add a
   * registry's jar to the class path).
   */
  public ControlPlaneBuilder registryProviders(List<? extends RegistryProvider> providers) {
    this.registryProviders = List.copyOf(requireNonNull(providers, "providers"));
    return this;
  }

  /** Where registry clients may write (caches). Default: {@code $TMPDIR/hango-registries}. */
  public ControlPlaneBuilder registryDataDirectory(Path dir) {
    this.registryDataDirectory = requireNonNull(dir, "dir");
    return this;
  }

  /** Config files and directories, watched for changes; see {@link ConfigSource#files(Path...)}. */
  public ControlPlaneBuilder config(Path... paths) {
    requireNonNull(paths, "paths");
    return configSource(ConfigSource.files(Arrays.asList(paths)));
  }

  /** See {@link #config(Path...)}. */
  public ControlPlaneBuilder config(List<Path> paths) {
    requireNonNull(paths, "paths");
    return configSource(ConfigSource.files(new ArrayList<>(paths)));
  }

  /** Where the config comes from. Required (or {@link #config(Path...)}). */
  public ControlPlaneBuilder configSource(ConfigSource source) {
    this.source = requireNonNull(source, "source");
    return this;
  }

  /** The xDS port; 0 picks a free one. Default 18000. */
  public ControlPlaneBuilder xdsPort(int port) {
    this.xdsPort = ControlPlaneSettings.checkPort(port, "xdsPort");
    return this;
  }

  /** The address the xDS server binds. Default {@code 0.0.0.0}. */
  public ControlPlaneBuilder xdsHost(String host) {
    this.xdsHost = requireNonNull(host, "host");
    return this;
  }

  /** The admin HTTP port; 0 picks a free one, -1 disables it. Default 18001. */
  public ControlPlaneBuilder adminPort(int port) {
    this.adminPort = ControlPlaneSettings.checkAdminPort(port);
    return this;
  }

  /** Disables the admin HTTP port. */
  public ControlPlaneBuilder disableAdmin() {
    return adminPort(ControlPlaneSettings.NO_ADMIN_PORT);
  }

  /**
   * The address the admin port binds. Default {@code 127.0.0.1}: the admin port has no
   * authentication, so it is reachable from this host only unless told otherwise.
   */
  public ControlPlaneBuilder adminHost(String host) {
    this.adminHost = requireNonNull(host, "host");
    return this;
  }

  /** Serves xDS over TLS with this certificate chain and private key (PEM files). Default: plaintext. */
  public ControlPlaneBuilder xdsTls(Path certChainPem, Path privateKeyPem) {
    this.tls = new ControlPlaneSettings.Tls(certChainPem, privateKeyPem, Optional.empty());
    return this;
  }

  /**
   * Serves xDS over mutual TLS: clients must present a certificate issued by one of
   * {@code trustedClientCasPem}. Clients authenticated this way may receive secrets.
   */
  public ControlPlaneBuilder xdsMutualTls(Path certChainPem, Path privateKeyPem, Path trustedClientCasPem) {
    xdsTls(certChainPem, privateKeyPem);
    this.tls = new ControlPlaneSettings.Tls(
        certChainPem, privateKeyPem, Optional.of(requireNonNull(trustedClientCasPem, "trustedClientCasPem")));
    return this;
  }

  /**
   * Decides which clients may read which group (by node, address, client certificate). With an
   * authorizer the control plane serves secrets to the clients it admits. Default: none (every
   * client reads the group its node falls in).
   */
  public ControlPlaneBuilder xdsAuthorizer(XdsAuthorizer authorizer) {
    this.authorizer = requireNonNull(authorizer, "authorizer");
    this.authorizeBySubjectAltName = false;
    return this;
  }

  /**
   * Admits a client only to the gateway group its TLS client certificate names (see {@link
   * SubjectAltNameAuthorizer}), whatever its node says; implies {@link NodeGrouping#CLUSTER}
   * groups. Use with {@link #xdsMutualTls}.
   */
  public ControlPlaneBuilder authorizeBySubjectAltName() {
    this.authorizeBySubjectAltName = true;
    this.authorizer = null;
    this.nodeGrouping = NodeGrouping.CLUSTER;
    return this;
  }

  /**
   * Serves TLS secrets (private keys) to clients that are neither authenticated by mutual TLS nor
   * admitted by an authorizer. For demos on a trusted host only: anyone who can reach the xDS port
   * can read every private key. Default false: secrets are then left out of what is served, with
   * a warning, and listeners that need them wait for them.
   */
  public ControlPlaneBuilder allowSecretsToUnauthenticatedClients(boolean allow) {
    this.secretsWithoutClientAuthentication = allow;
    return this;
  }

  /** How nodes are split into groups. Default {@link NodeGrouping#NONE}. */
  public ControlPlaneBuilder nodeGroup(NodeGrouping grouping) {
    this.nodeGrouping = requireNonNull(grouping, "grouping");
    return this;
  }

  /** The translator's options. Default {@link TranslatorOptions#defaults()}. */
  public ControlPlaneBuilder translatorOptions(TranslatorOptions options) {
    this.translatorOptions = requireNonNull(options, "options");
    return this;
  }

  /** How often the config source is polled for changes. Default 1 s. */
  public ControlPlaneBuilder watchInterval(Duration interval) {
    this.watchInterval = ControlPlaneSettings.checkWatchInterval(interval);
    return this;
  }

  /** The xDS server's push debounce (quiet period, maximum delay). Default 100 ms, 1 s. */
  public ControlPlaneBuilder debounce(Duration quietPeriod, Duration maxDelay) {
    this.debounceQuiet = requireNonNull(quietPeriod, "quietPeriod");
    this.debounceMax = requireNonNull(maxDelay, "maxDelay");
    return this;
  }

  /** How long {@link ControlPlane#close()} waits for xDS streams to end. Default 5 s. */
  public ControlPlaneBuilder shutdownTimeout(Duration timeout) {
    this.shutdownTimeout = requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * Where meters go. A {@link PrometheusMeterRegistry} is used as is; any other registry gets
   * the meters too, next to the Prometheus registry {@code /metrics} shows. Default: a new
   * Prometheus registry.
   */
  public ControlPlaneBuilder meterRegistry(MeterRegistry registry) {
    this.meterRegistry = requireNonNull(registry, "registry");
    return this;
  }

  /** The clock for reload times. Default UTC system clock. */
  public ControlPlaneBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Builds the control plane; call {@link ControlPlane#start()} to run it.
   *
   * @throws IllegalStateException if no config was given
   */
  public ControlPlane build() {
    return new ControlPlane(settings());
  }

  /** The settings as of now. */
  ControlPlaneSettings settings() {
    return new ControlPlaneSettings(
        source,
        xdsHost,
        xdsPort,
        adminHost,
        adminPort,
        Optional.ofNullable(tls),
        Optional.ofNullable(authorizer),
        authorizeBySubjectAltName,
        secretsWithoutClientAuthentication,
        nodeGrouping,
        translatorOptions,
        watchInterval,
        debounceQuiet,
        debounceMax,
        shutdownTimeout,
        Optional.ofNullable(meterRegistry),
        clock,
        Optional.ofNullable(registryProviders),
        registryDataDirectory);
  }
}
