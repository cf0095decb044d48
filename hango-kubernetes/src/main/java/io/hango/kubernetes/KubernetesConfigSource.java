package io.hango.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.hango.controlplane.ConfigSource;
import io.hango.controlplane.ReloadOutcome;
import io.hango.kubernetes.internal.Debouncer;
import io.hango.kubernetes.internal.Documents;
import io.hango.kubernetes.internal.HangoKinds;
import io.hango.kubernetes.internal.Leadership;
import io.hango.kubernetes.internal.ObjectKey;
import io.hango.kubernetes.internal.StatusPlanner;
import io.hango.kubernetes.internal.StatusWriter;
import io.hango.model.ResourceKind;
import io.hango.model.io.ConfigLoad;
import io.hango.model.io.ConfigReader;
import io.hango.model.validation.Problem;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ConfigSource} that reads the Hango custom resources ({@link HangoCrds}) of some
 * namespaces through informers, so several control-plane replicas share one store: the API server.
 *
 * <ul>
 *   <li><b>Same pipeline as files.</b> Each resource is read as a document ({@code metadata} reduced
 *       to {@code name} and {@code labels}), so the model's checks, the translator and the control
 *       plane's last-good-config rule apply unchanged; a problem names the resource as {@code
 *       kubernetes:NAMESPACE/Kind/name} with the field path.
 *   <li><b>Replicas agree.</b> Resources are read in one order (kind, name, namespace) and nothing the
 *       API server adds ({@code generation}, {@code resourceVersion}, {@code uid}, annotations,
 *       status) reaches the model, so every replica serves byte-identical resources under identical
 *       (content-hash) versions, and a proxy moving between replicas is sent nothing it has.
 *   <li><b>Changes debounced</b> (100 ms quiet, 1 s at most, by default); a status write, which
 *       changes no document, triggers no reload.
 *   <li><b>Status written back</b> by one replica, elected on a Lease: conditions {@code Accepted}
 *       (with the resource's problems and their field paths) and {@code Programmed} (served), as
 *       Gateway API writes them. All replicas serve.
 * </ul>
 *
 * <p>Names are unique per kind across the watched namespaces (the model has no namespaces): the
 * same name in two namespaces is reported as a duplicate on both.
 *
 * <pre>{@code
 * KubernetesClient client = new KubernetesClientBuilder().build();
 * ControlPlane cp = ControlPlane.builder()
 *     .configSource(KubernetesConfigSource.builder(client).namespaces(List.of("gateway")).build())
 *     .build().start();
 * }</pre>
 */
public final class KubernetesConfigSource implements ConfigSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KubernetesConfigSource.class);

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final Builder settings;
  private final ScheduledExecutorService changes;
  private final ScheduledExecutorService status;
  private final Debouncer debouncer;
  private final StatusPlanner planner = new StatusPlanner();
  private final StatusWriter writer;
  private final Map<ObjectKey, String> seen = new ConcurrentHashMap<>();
  private final Map<ResourceKind, Map<String, SharedIndexInformer<GenericKubernetesResource>>> informers =
      new EnumMap<>(ResourceKind.class);
  private final List<Map.Entry<String, java.util.concurrent.CompletableFuture<Void>>> starts = new ArrayList<>();
  private final Object lifecycle = new Object();
  private volatile Runnable onChange = () -> {};
  private volatile Map<ObjectKey, String> lastLoaded = Map.of();
  private List<StatusPlanner.Read> lastReads = List.of();
  private Leadership leadership;
  private boolean started;
  private boolean closed;

  private KubernetesConfigSource(Builder b) {
    this.client = b.client;
    this.settings = b;
    this.namespaces = b.namespaces.isEmpty()
        ? List.of(Optional.ofNullable(client.getNamespace()).orElse("default"))
        : List.copyOf(b.namespaces);
    this.changes = Executors.newSingleThreadScheduledExecutor(daemon("hango-kubernetes-changes"));
    this.status = Executors.newSingleThreadScheduledExecutor(daemon("hango-kubernetes-status"));
    this.debouncer = new Debouncer(changes, b.debounceQuiet, b.debounceMax, () -> onChange.run());
    this.writer = new StatusWriter(client, this::cached, status, b.clock);
  }

  /** A builder reading through {@code client} (its namespace is the default one to watch). */
  public static Builder builder(KubernetesClient client) {
    return new Builder(client);
  }

  @Override
  public Loaded load() {
    Optional<Problem> notSynced = startInformers();
    if (notSynced.isPresent()) {
      return new Loaded(Optional.empty(), List.of(notSynced.get()));
    }
    TreeMap<ObjectKey, GenericKubernetesResource> objects = new TreeMap<>();
    informers.forEach((kind, byNamespace) -> byNamespace.forEach((ns, informer) -> {
      for (GenericKubernetesResource r : informer.getStore().list()) {
        objects.put(new ObjectKey(kind, ns, r.getMetadata().getName()), r);
      }
    }));
    Map<String, String> texts = new LinkedHashMap<>();
    Map<ObjectKey, String> loaded = new HashMap<>();
    List<StatusPlanner.Read> reads = new ArrayList<>();
    objects.forEach((key, r) -> {
      String text = Documents.text(r);
      texts.put(key.sourceName(), text);
      loaded.put(key, text);
      reads.add(new StatusPlanner.Read(key, r.getMetadata().getGeneration(), text));
    });
    synchronized (this) {
      lastReads = List.copyOf(reads);
    }
    lastLoaded = Map.copyOf(loaded);
    ConfigLoad load = ConfigReader.readStrings(texts);
    if (load.hasReadErrors()) {
      List<Problem> all = new ArrayList<>(load.readErrors());
      all.addAll(load.problems());
      return new Loaded(Optional.empty(), all);
    }
    return new Loaded(Optional.of(load.config()), load.problems());
  }

  @Override
  public AutoCloseable watch(Duration pollInterval, Runnable onChange) {
    this.onChange = requireNonNull(onChange, "onChange");
    if (!seen.equals(lastLoaded)) {
      debouncer.trigger(); // changed between the first load and now
    }
    if (settings.writeStatus) {
      synchronized (lifecycle) {
        if (!closed && leadership == null) {
          leadership = new Leadership(client, settings.leaseNamespace != null ? settings.leaseNamespace : namespaces.get(0),
              settings.leaseName, settings.identity,
              new Leadership.Timings(settings.leaseDuration, settings.renewDeadline, settings.retryPeriod),
              status, writer::leading);
          leadership.start();
        }
      }
    }
    return this::close;
  }

  @Override
  public void onOutcome(ReloadOutcome outcome) {
    List<StatusPlanner.Read> reads;
    synchronized (this) {
      reads = lastReads;
    }
    writer.desired(planner.plan(reads, outcome));
  }

  /** Whether this replica is the one writing status now. */
  public boolean writesStatus() {
    Leadership l;
    synchronized (lifecycle) {
      l = leadership;
    }
    return l != null && l.leading();
  }

  /** The identity this replica stands for election under. */
  public String identity() {
    return settings.identity;
  }

  /** The namespaces watched. */
  public List<String> namespaces() {
    return namespaces;
  }

  /** How many status writes this replica made. */
  public long statusWrites() {
    return writer.writes();
  }

  @Override
  public String describe() {
    return "Kubernetes API server " + client.getMasterUrl() + ", namespaces " + namespaces;
  }

  /** Stops the informers and the election (releasing the lease). The client stays open: it is the caller's. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (leadership != null) {
        leadership.close();
      }
      informers.values().forEach(m -> m.values().forEach(SharedIndexInformer::close));
    }
    changes.shutdownNow();
    status.shutdown();
    try {
      status.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    status.shutdownNow();
  }

  private Optional<Problem> startInformers() {
    synchronized (lifecycle) {
      if (closed) {
        return Optional.of(Problem.error("", "", "the Kubernetes config source is closed"));
      }
      if (!started) {
        started = true;
        for (ResourceKind kind : ResourceKind.values()) {
          Map<String, SharedIndexInformer<GenericKubernetesResource>> byNamespace = new LinkedHashMap<>();
          for (String ns : namespaces) {
            SharedIndexInformer<GenericKubernetesResource> informer =
                client.genericKubernetesResources(HangoKinds.context(kind)).inNamespace(ns).runnableInformer(0);
            informer.addEventHandler(new Changes(kind, ns));
            starts.add(Map.entry(ns, informer.start().toCompletableFuture()));
            byNamespace.put(ns, informer);
          }
          informers.put(kind, byNamespace);
        }
      }
    }
    long deadline = System.nanoTime() + settings.initialSyncTimeout.toNanos();
    List<Map.Entry<String, java.util.concurrent.CompletableFuture<Void>>> all;
    synchronized (lifecycle) {
      all = List.copyOf(starts);
    }
    {
      for (Map.Entry<String, java.util.concurrent.CompletableFuture<Void>> e : all) {
        try {
          e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException ex) {
          return Optional.of(Problem.error("", "", "cannot list the Hango resources in namespace " + e.getKey() + " from "
              + client.getMasterUrl() + " within " + settings.initialSyncTimeout.toSeconds()
              + "s: are the CRDs installed (hango crds | kubectl apply -f -) and may this service account list them?"
              + cause(ex)));
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          return Optional.of(Problem.error("", "", "interrupted while listing the Hango resources"));
        }
      }
    }
    return Optional.empty();
  }

  private static String cause(Exception e) {
    Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : null;
    if (c == null) {
      return "";
    }
    String m = String.valueOf(c.getMessage());
    return " (" + (m.length() > 300 ? m.substring(0, 300) + "..." : m) + ")";
  }

  private GenericKubernetesResource cached(ObjectKey key) {
    Map<String, SharedIndexInformer<GenericKubernetesResource>> m = informers.get(key.kind());
    SharedIndexInformer<GenericKubernetesResource> informer = m == null ? null : m.get(key.namespace());
    return informer == null ? null : informer.getStore().getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name()));
  }

  /** Notes each change of a document; a change of anything else (status, resourceVersion) is none. */
  private final class Changes implements ResourceEventHandler<GenericKubernetesResource> {
    private final ResourceKind kind;
    private final String namespace;

    Changes(ResourceKind kind, String namespace) {
      this.kind = kind;
      this.namespace = namespace;
    }

    @Override
    public void onAdd(GenericKubernetesResource r) {
      put(r);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      put(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
      if (seen.remove(key(r)) != null) {
        debouncer.trigger();
      }
    }

    private void put(GenericKubernetesResource r) {
      String text;
      try {
        text = Documents.text(r);
      } catch (RuntimeException e) {
        log.warn("cannot read {}: {}", key(r), e.toString());
        return;
      }
      if (!Objects.equals(seen.put(key(r), text), text)) {
        debouncer.trigger();
      }
    }

    private ObjectKey key(GenericKubernetesResource r) {
      return new ObjectKey(kind, namespace, r.getMetadata().getName());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Settings of a {@link KubernetesConfigSource}. */
  public static final class Builder {
    private final KubernetesClient client;
    private List<String> namespaces = List.of();
    private Duration debounceQuiet = Duration.ofMillis(100);
    private Duration debounceMax = Duration.ofSeconds(1);
    private Duration initialSyncTimeout = Duration.ofSeconds(30);
    private boolean writeStatus = true;
    private String leaseName = "hango-control-plane";
    private String leaseNamespace;
    private String identity = defaultIdentity();
    private Duration leaseDuration = Duration.ofSeconds(15);
    private Duration renewDeadline = Duration.ofSeconds(10);
    private Duration retryPeriod = Duration.ofSeconds(2);
    private Clock clock = Clock.systemUTC();

    private Builder(KubernetesClient client) {
      this.client = requireNonNull(client, "client");
    }

    /** The namespaces to read (default: the client's namespace, {@code default} if it has none). */
    public Builder namespaces(List<String> namespaces) {
      this.namespaces = List.copyOf(namespaces);
      return this;
    }

    /** Reload {@code quiet} after the last change of a burst, at most {@code maxDelay} after its first. */
    public Builder debounce(Duration quiet, Duration maxDelay) {
      this.debounceQuiet = requireNonNull(quiet, "quiet");
      this.debounceMax = requireNonNull(maxDelay, "maxDelay");
      return this;
    }

    /** How long the first load waits for the informers' lists (default 30 s). */
    public Builder initialSyncTimeout(Duration timeout) {
      this.initialSyncTimeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /** Whether to stand for election and write status (default true); false: read only. */
    public Builder writeStatus(boolean write) {
      this.writeStatus = write;
      return this;
    }

    /** The Lease of the election: its name (default {@code hango-control-plane}) and namespace (default the first watched). */
    public Builder lease(String name, String namespace) {
      this.leaseName = requireNonNull(name, "name");
      this.leaseNamespace = namespace;
      return this;
    }

    /** This replica's identity in the election (default: the host name, which is the pod name, and a random suffix). */
    public Builder identity(String identity) {
      this.identity = requireNonNull(identity, "identity");
      return this;
    }

    /** Election timings (default 15 s lease, 10 s renew deadline, 2 s retry period). */
    public Builder electionTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      this.leaseDuration = requireNonNull(leaseDuration, "leaseDuration");
      this.renewDeadline = requireNonNull(renewDeadline, "renewDeadline");
      this.retryPeriod = requireNonNull(retryPeriod, "retryPeriod");
      return this;
    }

    /** The clock of condition transition times. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The source; informers start on its first {@link #load()}. */
    public KubernetesConfigSource build() {
      return new KubernetesConfigSource(this);
    }

    private static String defaultIdentity() {
      String host = System.getenv("HOSTNAME");
      if (host == null || host.isBlank()) {
        try {
          host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
          host = "hango";
        }
      }
      return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
