package io.hango.controlplane;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.hango.controlplane.internal.AdminHttpServer;
import io.hango.controlplane.internal.ConfigPipeline;
import io.hango.controlplane.internal.ControlPlaneMeters;
import io.hango.controlplane.internal.GroupPublisher;
import io.hango.envoy.validate.EnvoyResourceChecker;
import io.hango.model.GatewayConfig;
import io.hango.model.service.Endpoint;
import io.hango.model.validation.Problem;
import io.hango.registry.RegistryValidator;
import io.hango.registry.ServiceDiscovery;
import io.hango.translate.Endpoints;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Translator;
import io.hango.xds.NodeGroupFunction;
import io.hango.xds.XdsServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
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

  private final ControlPlaneSettings settings;
  private final ConfigSource source;
  private final Translator translator;
  private final ServiceDiscovery discovery;
  private final ControlPlaneMeters meters;
  private final ConfigPipeline pipeline;
  private final Object reloadLock = new Object();
  /** Guards what {@link #state()} reads, so it never sees a version without its outcome. */
  private final Object stateLock = new Object();

  private volatile Set<String> gatewayGroups = Set.of();
  private volatile ConfigPipeline.Plan served;
  private volatile Instant lastGoodAt;
  private volatile ReloadOutcome lastOutcome;
  private volatile List<Problem> lastErrors = List.of();
  private volatile XdsServer xds;
  private volatile GroupPublisher publisher;
  private volatile AdminHttpServer admin;
  private volatile AutoCloseable watcher;
  private volatile boolean closed;
  private final CountDownLatch terminated = new CountDownLatch(1);

  ControlPlane(ControlPlaneSettings settings) {
    this.settings = settings;
    this.source = settings.source();
    this.translator = Translator.builder().options(settings.translatorOptions()).build();
    ServiceDiscovery.Builder discoveryBuilder = ServiceDiscovery.builder()
        .listener(this::endpointsChanged)
        .dataDirectory(settings.registryDataDirectory())
        .clock(settings.clock());
    settings.registryProviders().ifPresent(discoveryBuilder::providers);
    this.discovery = discoveryBuilder.build();
    RegistryValidator registryValidator =
        settings.registryProviders().map(RegistryValidator::of).orElseGet(RegistryValidator::create);
    this.pipeline = new ConfigPipeline(
        translator,
        EnvoyResourceChecker.create(),
        registryValidator,
        this::discover,
        this::endpointsOf,
        settings.nodeGrouping() == NodeGrouping.CLUSTER);
    this.meters = new ControlPlaneMeters(settings.meterRegistry(), discovery);
  }

  /** A builder: config from files or a {@link ConfigSource}, ports, grouping, options. */
  public static ControlPlaneBuilder builder() {
    return new ControlPlaneBuilder();
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
        xds = settings.xdsServer(groupFunction(), () -> gatewayGroups, meters.registry()).build().start();
        publisher = new GroupPublisher(xds, settings.servesSecrets());
        tellSource(apply(first.plan().get(), ReloadOutcome.Result.APPLIED));
        if (settings.adminEnabled()) {
          admin = AdminHttpServer.start(settings.adminHost(), settings.adminPort(),
              AdminViews.of(this, this::ready, () -> served, meters.prometheus()));
        }
        watcher = source.watch(settings.watchInterval(), this::reloadQuietly);
      } catch (IOException e) {
        close();
        throw new UncheckedIOException("cannot start the admin port " + settings.adminPort(), e);
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
  public Optional<InetSocketAddress> adminAddress() {
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
    return meters.registry();
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
      x.shutdown(settings.shutdownTimeout());
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
    meters.registries().refresh();
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
    Map<String, List<Endpoint>> all = new TreeMap<>(Endpoints.fromStaticConfig(config).asMap());
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
      if (plan == null || publisher == null || closed) {
        return;
      }
      List<ClusterLoadAssignment> assignments = new ArrayList<>();
      changed.forEach((service, eps) -> assignments.addAll(translator.endpointAssignments(plan.config(), service, eps)));
      publisher.updateEndpoints(plan, assignments, updated -> served = updated);
      meters.registries().published(firstEvent, settings.clock().instant());
    }
  }

  private NodeGroupFunction groupFunction() {
    if (settings.nodeGrouping() == NodeGrouping.NONE) {
      return node -> ConfigPipeline.ALL_GROUP;
    }
    // A node joins its gateway's group if its cluster names a gateway known when it connects.
    return node -> gatewayGroups.contains(node.getCluster()) ? node.getCluster() : ConfigPipeline.ALL_GROUP;
  }

  /** Publishes {@code plan}, then makes it and its outcome visible in one step. */
  private ReloadOutcome apply(ConfigPipeline.Plan plan, ReloadOutcome.Result result) {
    publisher.publish(plan);
    gatewayGroups = Set.copyOf(plan.groups().keySet());
    ConfigPipeline.Plan previous = served;
    if (previous != null) {
      publisher.clearGone(previous, plan);
    }
    meters.serving(plan.all());
    plan.warnings().forEach(p -> log.warn("  {}", p));
    synchronized (stateLock) {
      served = plan;
      return outcome(result, plan.warnings());
    }
  }

  private ReloadOutcome outcome(ReloadOutcome.Result result, List<Problem> problems) {
    Instant now = Instant.now(settings.clock());
    ReloadOutcome o = new ReloadOutcome(result, versionOrNull(), problems, now);
    lastOutcome = o;
    meters.reloaded(result, now);
    if (result == ReloadOutcome.Result.REJECTED) {
      lastErrors = problems.stream().filter(Problem::isError).toList();
    } else {
      lastErrors = List.of();
      lastGoodAt = now;
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
}
