package io.hango.controlplane;

import static java.util.Objects.requireNonNull;

import io.hango.controlplane.internal.AdminHttpServer;
import io.hango.controlplane.internal.ConfigPipeline;
import io.hango.controlplane.internal.StatusViews;
import io.hango.envoy.validate.EnvoyResourceChecker;
import io.hango.model.GatewayConfig;
import io.hango.model.validation.Problem;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Endpoints;
import io.hango.translate.Translator;
import io.hango.translate.TranslatorOptions;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.hango.controlplane.internal.RegistryMeters;
import io.hango.controlplane.internal.SecretRedaction;
import io.hango.xds.XdsAuthorizer;
import io.hango.model.service.Endpoint;
import io.hango.registry.RegistryProvider;
import io.hango.registry.RegistryValidator;
import io.hango.registry.ServiceDiscovery;
import io.hango.xds.NodeGroupFunction;
import io.hango.xds.XdsServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete gateway control plane: reads a config, validates and translates it, checks the result
 * against Envoy's rules and serves it over xDS, then follows changes to the config.
 *
 * <pre>{@code
 * try (ControlPlane cp = ControlPlane.builder().config(Path.of("gateway/")).xdsPort(18000).adminPort(18001).build().start()) {
 *   cp.awaitTermination();  // or keep running inside the host application
 * }
 * }</pre>
 *
 * <p>Every change goes the same way: read, structural and semantic validation and plugin config
 * validation, translation (error diagnostics reject), Envoy's own proto rules (errors reject),
 * publish. A rejected change is logged, one line per problem ({@code FILE:LINE:COL: Kind/name:
 * path: message}), shown in {@link #state()} and on the admin port, and the last good config
 * keeps being served. At {@link #start()}, an invalid config throws {@link InvalidConfigException}.
 *
 * <p>Services discovered from registries get their endpoints from the registry providers on the
 * class path ({@link ServiceDiscovery}); a registry change republishes only the
 * ClusterLoadAssignments of the services that changed.
 *
 * <p>Thread-safe. Reloads are serialized.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final Builder settings;
  private final ConfigSource source;
  private final Translator translator;
  private final ServiceDiscovery discovery;
  private final RegistryMeters registryMeters;
  private final ConfigPipeline pipeline;
  private final MeterRegistry meters;
  private final PrometheusMeterRegistry prometheus;
  private final Map<ReloadOutcome.Result, Counter> reloads = new EnumMap<>(ReloadOutcome.Result.class);
  private final AtomicLong lastSuccessEpochMillis = new AtomicLong();
  private final Map<EnvoyResources.Type, AtomicLong> resourceCounts = new EnumMap<>(EnvoyResources.Type.class);
  private final Object reloadLock = new Object();
  /** Guards what {@link #state()} reads, so it never sees a version without its outcome. */
  private final Object stateLock = new Object();

  private volatile Set<String> gatewayGroups = Set.of();
  private volatile List<String> withheldSecrets = List.of();
  private volatile ConfigPipeline.Plan served;
  private volatile Instant lastGoodAt;
  private volatile ReloadOutcome lastOutcome;
  private volatile List<Problem> lastErrors = List.of();
  private volatile XdsServer xds;
  private volatile AdminHttpServer admin;
  private volatile AutoCloseable watcher;
  private volatile boolean closed;
  private final java.util.concurrent.CountDownLatch terminated = new java.util.concurrent.CountDownLatch(1);

  private ControlPlane(Builder b) {
    this.settings = b;
    this.source = b.source;
    this.translator = Translator.builder().options(b.translatorOptions).build();
    ServiceDiscovery.Builder discoveryBuilder = ServiceDiscovery.builder()
        .listener(this::endpointsChanged)
        .dataDirectory(b.registryDataDirectory)
        .clock(b.clock);
    if (b.registryProviders != null) {
      discoveryBuilder.providers(b.registryProviders);
    }
    this.discovery = discoveryBuilder.build();
    RegistryValidator registryValidator =
        b.registryProviders == null ? RegistryValidator.create() : RegistryValidator.of(b.registryProviders);
    this.pipeline = new ConfigPipeline(
        translator,
        EnvoyResourceChecker.create(),
        registryValidator,
        this::discover,
        this::endpointsOf,
        b.nodeGrouping == NodeGrouping.CLUSTER);
    if (b.meterRegistry instanceof PrometheusMeterRegistry p) {
      this.prometheus = p;
      this.meters = p;
    } else {
      this.prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      if (b.meterRegistry == null) {
        this.meters = prometheus;
      } else {
        CompositeMeterRegistry composite = new CompositeMeterRegistry(io.micrometer.core.instrument.Clock.SYSTEM);
        composite.add(prometheus);
        composite.add(b.meterRegistry);
        this.meters = composite;
      }
    }
    for (ReloadOutcome.Result r : ReloadOutcome.Result.values()) {
      reloads.put(
          r,
          Counter.builder("hango.controlplane.reloads")
              .description("Config loads by outcome (the initial load included)")
              .tag("outcome", r.name().toLowerCase(java.util.Locale.ROOT))
              .register(meters));
    }
    Gauge.builder("hango.controlplane.last.success.timestamp", lastSuccessEpochMillis, v -> v.get() / 1000.0)
        .description("When a config was last applied or confirmed unchanged (seconds since the epoch)")
        .baseUnit("seconds")
        .register(meters);
    this.registryMeters = new RegistryMeters(meters, discovery);
    for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
      AtomicLong n = new AtomicLong();
      resourceCounts.put(t, n);
      Gauge.builder("hango.controlplane.resources", n, AtomicLong::get)
          .description("Envoy resources served (all groups merged), by type")
          .tag("type", t.key())
          .register(meters);
    }
  }

  /** A builder: config from files or a {@link ConfigSource}, ports, grouping, options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the config and, if it is valid, starts the xDS server (and the admin port), publishes it
   * and starts watching the source.
   *
   * @throws InvalidConfigException if the initial config is invalid; nothing is left running
   * @throws UncheckedIOException if a port cannot be bound
   * @throws IllegalStateException if already started
   */
  public ControlPlane start() {
    synchronized (reloadLock) {
      if (xds != null || closed) {
        throw new IllegalStateException("already started");
      }
      ConfigPipeline.Result first = pipeline.run(source.load());
      if (first.plan().isEmpty()) {
        ReloadOutcome rejected;
        synchronized (stateLock) {
          rejected = outcome(ReloadOutcome.Result.REJECTED, first.problems());
        }
        tellSource(rejected);
        discovery.close();
        throw new InvalidConfigException(first.problems());
      }
      try {
        XdsServer.Builder xb =
            XdsServer.builder()
                .host(settings.xdsHost)
                .port(settings.xdsPort)
                .nodeGroups(groupFunction())
                .debounce(settings.debounceQuiet, settings.debounceMax)
                .meterRegistry(meters);
        if (settings.tlsClientCas != null) {
          xb.mutualTls(settings.tlsCertChain, settings.tlsPrivateKey, settings.tlsClientCas);
        } else if (settings.tlsCertChain != null) {
          xb.tls(settings.tlsCertChain, settings.tlsPrivateKey);
        }
        if (settings.authorizeBySubjectAltName) {
          xb.authorizer(SubjectAltNameAuthorizer.of(() -> gatewayGroups));
        } else if (settings.authorizer != null) {
          xb.authorizer(settings.authorizer);
        }
        xds = xb.build().start();
        tellSource(apply(first.plan().get(), ReloadOutcome.Result.APPLIED));
        if (settings.adminPort >= 0) {
          admin =
              AdminHttpServer.start(
                  settings.adminHost,
                  settings.adminPort,
                  new AdminHttpServer.Content(
                      this::ready,
                      prometheus::scrape,
                      () -> StatusViews.statusJson(xds.status(), state(), servedSummary()),
                      this::configJson,
                      () -> StatusViews.registriesJson(discovery.status()),
                      () -> StatusViews.statusPage(
                          xds.status(), state(), servedSummary(), discovery.status(), xdsPort(), adminPort())));
        }
        watcher = source.watch(settings.watchInterval, this::reloadQuietly);
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("cannot start the admin port " + settings.adminPort, e);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      return this;
    }
  }

  /**
   * Reads the config again and publishes it if it is valid and different. Called by the watcher on
   * every change; call it yourself with a source that does not watch.
   */
  public ReloadOutcome reload() {
    synchronized (reloadLock) {
      if (xds == null) {
        throw new IllegalStateException("not started");
      }
      return tellSource(reloadLocked());
    }
  }

  /** One reload; the caller holds {@code reloadLock}. */
  private ReloadOutcome reloadLocked() {
    ConfigPipeline.Result result = pipeline.run(source.load());
    if (result.plan().isEmpty()) {
      if (served != null) {
        // The rejected config may have reached discovery: watch the served config's services again.
        discovery.apply(served.config());
      }
      log.warn("config from {} rejected, still serving version {}:", source.describe(), versionOrNone());
      result.problems().forEach(p -> log.warn("  {}", p));
      synchronized (stateLock) {
        return outcome(ReloadOutcome.Result.REJECTED, result.problems());
      }
    }
    ConfigPipeline.Plan plan = result.plan().get();
    if (served != null && plan.version().equals(served.version())) {
      synchronized (stateLock) {
        if (lastOutcome != null && lastOutcome.result() == ReloadOutcome.Result.REJECTED) {
          // The file was fixed back to what is served: say so, or the last thing logged is an error.
          log.info("config from {} is valid again; still serving version {} (unchanged)", source.describe(), plan.version());
        }
        served = plan;
        return outcome(ReloadOutcome.Result.UNCHANGED, plan.warnings());
      }
    }
    String before = versionOrNone();
    ReloadOutcome o = apply(plan, ReloadOutcome.Result.APPLIED);
    log.info("config version {} applied (was {}): {}", plan.version(), before, ServedSummary.counts(plan.all()));
    return o;
  }

  /** The current state: version served, last good time, last outcome and errors, readiness. */
  public ControlPlaneState state() {
    synchronized (stateLock) {
      ConfigPipeline.Plan p = served;
      return new ControlPlaneState(
          Optional.ofNullable(p).map(ConfigPipeline.Plan::version),
          Optional.ofNullable(lastGoodAt),
          Optional.ofNullable(lastOutcome),
          lastErrors,
          ready());
    }
  }

  /** The config currently served, if any. */
  public Optional<GatewayConfig> config() {
    return Optional.ofNullable(served).map(ConfigPipeline.Plan::config);
  }

  /** Every resource currently served (all groups merged), if any. */
  public Optional<EnvoyResources> resources() {
    return Optional.ofNullable(served).map(ConfigPipeline.Plan::all);
  }

  /** The port the xDS server listens on. */
  public int xdsPort() {
    return requireStarted().port();
  }

  /** The port the admin HTTP server listens on, or -1 when it is disabled. */
  public int adminPort() {
    requireStarted();
    AdminHttpServer a = admin;
    return a == null ? -1 : a.port();
  }

  /** The address the admin HTTP server is bound to, if it runs. */
  public Optional<java.net.InetSocketAddress> adminAddress() {
    requireStarted();
    return Optional.ofNullable(admin).map(AdminHttpServer::address);
  }

  /** The embedded xDS server (for its status and snapshot store). */
  public XdsServer xdsServer() {
    return requireStarted();
  }

  /** The running registries: their status, and the endpoints discovered so far. */
  public ServiceDiscovery discovery() {
    return discovery;
  }

  /** The registry the control plane's and the xDS server's meters are on. */
  public MeterRegistry meterRegistry() {
    return meters;
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops watching, closes the admin port, then ends xDS streams gracefully (up to 5 s). */
  @Override
  public void close() {
    synchronized (reloadLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      AutoCloseable w = watcher;
      if (w != null) {
        w.close();
      }
    } catch (Exception e) {
      log.warn("closing the config watcher failed", e);
    }
    AdminHttpServer a = admin;
    if (a != null) {
      a.close();
    }
    discovery.close();
    XdsServer x = xds;
    if (x != null) {
      x.shutdown(settings.shutdownTimeout);
    }
    terminated.countDown();
  }

  // ---- internals ----

  /**
   * Runs the registries of a config that passed validation. The first time, waits for their first
   * answers (up to the longest {@code initialSyncTimeout} of the registries used), then says which
   * services are still without endpoints.
   */
  private void discover(GatewayConfig config) {
    discovery.apply(config);
    registryMeters.refresh();
    if (served != null) {
      return;
    }
    Duration wait = config.registries().stream()
        .map(r -> r.spec().initialSyncTimeout())
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
    try {
      List<String> waiting = discovery.awaitInitialSync(wait);
      if (!waiting.isEmpty()) {
        log.warn("registries did not answer within {} for {} service(s), served without endpoints until they do: {}",
            wait, waiting.size(), String.join(", ", waiting));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Each service's endpoints: those written in the config, and those discovered from registries. */
  private Endpoints endpointsOf(GatewayConfig config) {
    Map<String, List<Endpoint>> all = new java.util.TreeMap<>(Endpoints.fromStaticConfig(config).asMap());
    all.putAll(discovery.endpoints());
    return Endpoints.of(all);
  }

  /**
   * A registry change: republishes only the ClusterLoadAssignments of the changed services'
   * clusters, in every group that serves them. Listeners, routes and clusters keep their versions.
   */
  private void endpointsChanged(Map<String, List<Endpoint>> changed, Instant firstEvent) {
    synchronized (reloadLock) {
      ConfigPipeline.Plan plan = served;
      XdsServer x = xds;
      if (plan == null || x == null || closed) {
        return;
      }
      List<ClusterLoadAssignment> assignments = new ArrayList<>();
      changed.forEach((service, eps) -> assignments.addAll(translator.endpointAssignments(plan.config(), service, eps)));
      Map<String, EnvoyResources> groups = new java.util.LinkedHashMap<>();
      Map<String, Map<String, ClusterLoadAssignment>> upsertsByGroup = new java.util.LinkedHashMap<>();
      plan.groups().forEach((group, resources) -> {
        EnvoyResources updated = resources.withEndpoints(assignments);
        groups.put(group, updated);
        if (updated != resources) {
          Map<String, ClusterLoadAssignment> upserts = new java.util.TreeMap<>();
          assignments.stream().filter(a -> resources.hasEndpoints(a.getClusterName())).forEach(a -> upserts.put(a.getClusterName(), a));
          upsertsByGroup.put(group, upserts);
        }
      });
      // What the control plane reports as served changes before any client can see the push.
      EnvoyResources all = plan.all().withEndpoints(assignments);
      served = new ConfigPipeline.Plan(plan.config(), all, Map.copyOf(groups), plan.version(), plan.warnings());
      upsertsByGroup.forEach((group, upserts) -> x.snapshots().update(group, EnvoyResources.Type.ENDPOINTS.typeUrl(), upserts, List.of()));
      registryMeters.published(firstEvent, settings.clock.instant());
    }
  }

  private NodeGroupFunction groupFunction() {
    if (settings.nodeGrouping == NodeGrouping.NONE) {
      return node -> ConfigPipeline.ALL_GROUP;
    }
    // A node joins its gateway's group if its cluster names a gateway known when it connects.
    return node -> gatewayGroups.contains(node.getCluster()) ? node.getCluster() : ConfigPipeline.ALL_GROUP;
  }

  /**
   * Whether secrets may be served: to clients authenticated by mutual TLS, to clients an
   * authorizer admits, or to anyone when the user said so (demos).
   */
  private boolean servesSecrets() {
    return settings.tlsClientCas != null
        || settings.authorizer != null
        || settings.authorizeBySubjectAltName
        || settings.secretsWithoutClientAuthentication;
  }

  /** The snapshot of {@code resources}, without secrets unless {@link #servesSecrets()}. */
  private io.hango.xds.Snapshot snapshotToServe(EnvoyResources resources) {
    if (servesSecrets() || resources.secrets().isEmpty()) {
      return ConfigPipeline.snapshot(resources);
    }
    Map<String, Map<String, com.google.protobuf.Message>> byType = new java.util.LinkedHashMap<>(resources.byTypeUrl());
    byType.remove(EnvoyResources.Type.SECRETS.typeUrl());
    return io.hango.xds.Snapshot.of(byType);
  }

  private void warnIfSecretsWithheld(EnvoyResources all) {
    if (servesSecrets() || all.secrets().isEmpty()) {
      return;
    }
    List<String> names = all.secrets().stream().map(io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret::getName).toList();
    if (!names.equals(withheldSecrets)) {
      withheldSecrets = names;
      log.warn("{} secret(s) not served ({}): xDS clients are not authenticated. Use mutual TLS "
          + "(--tls-cert/--tls-key/--tls-client-ca) or an authorizer; --allow-plaintext-secrets serves them to anyone "
          + "who reaches the xDS port (demos only). Listeners that use them wait for them.", names.size(), String.join(", ", names));
    }
  }

  /** Publishes {@code plan}, then makes it and its outcome visible in one step. */
  private ReloadOutcome apply(ConfigPipeline.Plan plan, ReloadOutcome.Result result) {
    // New groups first, so a node connecting meanwhile finds its group's snapshot.
    plan.groups().forEach((group, resources) -> xds.snapshots().publish(group, snapshotToServe(resources)));
    warnIfSecretsWithheld(plan.all());
    gatewayGroups = Set.copyOf(plan.groups().keySet());
    ConfigPipeline.Plan previous = served;
    if (previous != null) {
      for (String group : previous.groups().keySet()) {
        if (!plan.groups().containsKey(group)) {
          xds.snapshots().clear(group);
        }
      }
    }
    for (EnvoyResources.Type t : EnvoyResources.Type.values()) {
      resourceCounts.get(t).set(plan.all().get(t).size());
    }
    plan.warnings().forEach(p -> log.warn("  {}", p));
    synchronized (stateLock) {
      served = plan;
      return outcome(result, plan.warnings());
    }
  }

  private ReloadOutcome outcome(ReloadOutcome.Result result, List<Problem> problems) {
    Instant now = Instant.now(settings.clock);
    ReloadOutcome o = new ReloadOutcome(result, versionOrNull(), problems, now);
    lastOutcome = o;
    reloads.get(result).increment();
    if (result == ReloadOutcome.Result.REJECTED) {
      lastErrors = problems.stream().filter(Problem::isError).toList();
    } else {
      lastErrors = List.of();
      lastGoodAt = now;
      lastSuccessEpochMillis.set(now.toEpochMilli());
    }
    return o;
  }

  /** Hands the outcome of the source's last load back to it ({@link ConfigSource#onOutcome}). */
  private ReloadOutcome tellSource(ReloadOutcome outcome) {
    try {
      source.onOutcome(outcome);
    } catch (RuntimeException e) {
      log.warn("config source {} failed to take the reload outcome: {}", source.describe(), e.toString());
    }
    return outcome;
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException e) {
      // The watcher must survive anything a reload throws; the next change retries.
      log.error("config reload failed", e);
    }
  }

  private boolean ready() {
    return served != null && !closed;
  }

  private String configJson() {
    ConfigPipeline.Plan p = served;
    return SecretRedaction.redact(p == null ? EnvoyResources.empty().toJson() : p.all().toJson());
  }

  private StatusViews.Served servedSummary() {
    ConfigPipeline.Plan p = served;
    return p == null ? null : new StatusViews.Served(p.config(), p.all(), p.groups().keySet());
  }

  private String versionOrNone() {
    String v = versionOrNull();
    return v == null ? "(none)" : v;
  }

  private String versionOrNull() {
    ConfigPipeline.Plan p = served;
    return p == null ? null : p.version();
  }

  private XdsServer requireStarted() {
    XdsServer x = xds;
    if (x == null) {
      throw new IllegalStateException("not started");
    }
    return x;
  }

  /** Configures a {@link ControlPlane}. Every setter returns this builder. */
  public static final class Builder {
    private ConfigSource source;
    private String xdsHost = "0.0.0.0";
    private int xdsPort = 18000;
    private String adminHost = "127.0.0.1";
    private Path tlsCertChain;
    private Path tlsPrivateKey;
    private Path tlsClientCas;
    private XdsAuthorizer authorizer;
    private boolean authorizeBySubjectAltName;
    private boolean secretsWithoutClientAuthentication;
    private int adminPort = 18001;
    private NodeGrouping nodeGrouping = NodeGrouping.NONE;
    private TranslatorOptions translatorOptions = TranslatorOptions.defaults();
    private Duration watchInterval = Duration.ofSeconds(1);
    private Duration debounceQuiet = Duration.ofMillis(100);
    private Duration debounceMax = Duration.ofSeconds(1);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private MeterRegistry meterRegistry;
    private Clock clock = Clock.systemUTC();
    private List<? extends RegistryProvider> registryProviders;
    private Path registryDataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "hango-registries");

    private Builder() {}

    /**
     * The registry providers to use. Default: those found with {@link java.util.ServiceLoader} (add a
     * registry's jar to the class path).
     */
    public Builder registryProviders(List<? extends RegistryProvider> providers) {
      this.registryProviders = List.copyOf(requireNonNull(providers, "providers"));
      return this;
    }

    /** Where registry clients may write (caches). Default: {@code $TMPDIR/hango-registries}. */
    public Builder registryDataDirectory(Path dir) {
      this.registryDataDirectory = requireNonNull(dir, "dir");
      return this;
    }

    /** Config files and directories, watched for changes; see {@link ConfigSource#files(Path...)}. */
    public Builder config(Path... paths) {
      requireNonNull(paths, "paths");
      return configSource(ConfigSource.files(Arrays.asList(paths)));
    }

    /** See {@link #config(Path...)}. */
    public Builder config(List<Path> paths) {
      requireNonNull(paths, "paths");
      return configSource(ConfigSource.files(new ArrayList<>(paths)));
    }

    /** Where the config comes from. Required (or {@link #config(Path...)}). */
    public Builder configSource(ConfigSource source) {
      this.source = requireNonNull(source, "source");
      return this;
    }

    /** The xDS port; 0 picks a free one. Default 18000. */
    public Builder xdsPort(int port) {
      this.xdsPort = checkPort(port, "xdsPort");
      return this;
    }

    /** The address the xDS server binds. Default {@code 0.0.0.0}. */
    public Builder xdsHost(String host) {
      this.xdsHost = requireNonNull(host, "host");
      return this;
    }

    /** The admin HTTP port; 0 picks a free one, -1 disables it. Default 18001. */
    public Builder adminPort(int port) {
      if (port != -1) {
        checkPort(port, "adminPort");
      }
      this.adminPort = port;
      return this;
    }

    /** Disables the admin HTTP port. */
    public Builder disableAdmin() {
      return adminPort(-1);
    }

    /**
     * The address the admin port binds. Default {@code 127.0.0.1}: the admin port has no
     * authentication, so it is reachable from this host only unless told otherwise.
     */
    public Builder adminHost(String host) {
      this.adminHost = requireNonNull(host, "host");
      return this;
    }

    /** Serves xDS over TLS with this certificate chain and private key (PEM files). Default: plaintext. */
    public Builder xdsTls(Path certChainPem, Path privateKeyPem) {
      this.tlsCertChain = requireNonNull(certChainPem, "certChainPem");
      this.tlsPrivateKey = requireNonNull(privateKeyPem, "privateKeyPem");
      this.tlsClientCas = null;
      return this;
    }

    /**
     * Serves xDS over mutual TLS: clients must present a certificate issued by one of
     * {@code trustedClientCasPem}. Clients authenticated this way may receive secrets.
     */
    public Builder xdsMutualTls(Path certChainPem, Path privateKeyPem, Path trustedClientCasPem) {
      xdsTls(certChainPem, privateKeyPem);
      this.tlsClientCas = requireNonNull(trustedClientCasPem, "trustedClientCasPem");
      return this;
    }

    /**
     * Decides which clients may read which group (by node, address, client certificate). With an
     * authorizer the control plane serves secrets to the clients it admits. Default: none (every
     * client reads the group its node falls in).
     */
    public Builder xdsAuthorizer(XdsAuthorizer authorizer) {
      this.authorizer = requireNonNull(authorizer, "authorizer");
      this.authorizeBySubjectAltName = false;
      return this;
    }

    /**
     * Admits a client only to the gateway group its TLS client certificate names (see {@link
     * SubjectAltNameAuthorizer}), whatever its node says; implies {@link NodeGrouping#CLUSTER}
     * groups. Use with {@link #xdsMutualTls}.
     */
    public Builder authorizeBySubjectAltName() {
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
    public Builder allowSecretsToUnauthenticatedClients(boolean allow) {
      this.secretsWithoutClientAuthentication = allow;
      return this;
    }

    /** How nodes are split into groups. Default {@link NodeGrouping#NONE}. */
    public Builder nodeGroup(NodeGrouping grouping) {
      this.nodeGrouping = requireNonNull(grouping, "grouping");
      return this;
    }

    /** The translator's options. Default {@link TranslatorOptions#defaults()}. */
    public Builder translatorOptions(TranslatorOptions options) {
      this.translatorOptions = requireNonNull(options, "options");
      return this;
    }

    /** How often the config source is polled for changes. Default 1 s. */
    public Builder watchInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("watchInterval must be positive: " + interval);
      }
      this.watchInterval = interval;
      return this;
    }

    /** The xDS server's push debounce (quiet period, maximum delay). Default 100 ms, 1 s. */
    public Builder debounce(Duration quietPeriod, Duration maxDelay) {
      this.debounceQuiet = requireNonNull(quietPeriod, "quietPeriod");
      this.debounceMax = requireNonNull(maxDelay, "maxDelay");
      return this;
    }

    /** How long {@link ControlPlane#close()} waits for xDS streams to end. Default 5 s. */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Where meters go. A {@link PrometheusMeterRegistry} is used as is; any other registry gets
     * the meters too, next to the Prometheus registry {@code /metrics} shows. Default: a new
     * Prometheus registry.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = requireNonNull(registry, "registry");
      return this;
    }

    /** The clock for reload times. Default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the control plane; call {@link ControlPlane#start()} to run it. */
    public ControlPlane build() {
      if (source == null) {
        throw new IllegalStateException("no config: call config(paths) or configSource(source)");
      }
      return new ControlPlane(copy());
    }

    /** The settings as of now: changing this builder later does not change a built control plane. */
    private Builder copy() {
      Builder b = new Builder();
      b.source = source;
      b.xdsHost = xdsHost;
      b.xdsPort = xdsPort;
      b.adminHost = adminHost;
      b.tlsCertChain = tlsCertChain;
      b.tlsPrivateKey = tlsPrivateKey;
      b.tlsClientCas = tlsClientCas;
      b.authorizer = authorizer;
      b.authorizeBySubjectAltName = authorizeBySubjectAltName;
      b.secretsWithoutClientAuthentication = secretsWithoutClientAuthentication;
      b.adminPort = adminPort;
      b.nodeGrouping = nodeGrouping;
      b.translatorOptions = translatorOptions;
      b.watchInterval = watchInterval;
      b.debounceQuiet = debounceQuiet;
      b.debounceMax = debounceMax;
      b.shutdownTimeout = shutdownTimeout;
      b.meterRegistry = meterRegistry;
      b.clock = clock;
      b.registryProviders = registryProviders;
      b.registryDataDirectory = registryDataDirectory;
      return b;
    }

    private static int checkPort(int port, String what) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(what + " must be 0..65535: " + port);
      }
      return port;
    }
  }
}
