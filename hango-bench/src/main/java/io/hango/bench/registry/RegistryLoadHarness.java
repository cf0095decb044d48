package io.hango.bench.registry;

import io.hango.bench.Args;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The registry load harness: Dubbo providers in a real ZooKeeper, the control plane discovering
 * them, and many simulated proxies, each on its own connection. In order:
 *
 * <ol>
 *   <li>starts ZooKeeper in this JVM (127.0.0.1) and registers {@code --services} Dubbo interfaces x
 *       {@code --instances} providers ({@link ZookeeperProviders});
 *   <li>starts the control plane in its own JVM ({@link RegistryServerProcess}: one Service and one
 *       Route per interface, registry and xDS debounce at their defaults) and waits until it has
 *       discovered every provider;
 *   <li>connects {@code --clients} ADS proxies ({@code --mode sotw|delta}) and waits until each holds
 *       every assignment with every provider;
 *   <li>single changes ({@link SingleChangeRun}), then churn ({@link ChurnRun});
 *   <li>prints the results as markdown ({@link RegistryReport}) and stops the control plane, which
 *       it also does on any failure.
 * </ol>
 *
 * <p>Every wait has a timeout: {@code --timeout-seconds} for the control plane's start, the initial
 * sync and the end of the churn, {@code --change-timeout-seconds} for each single change (a change
 * not every proxy got in time is reported with how many did). Progress goes to stderr, the results to stdout, the control plane's
 * log to {@code target/registry-bench/control-plane.log}.
 *
 * <p>Usage: {@code RegistryLoadHarness [--services 1000] [--instances 10] [--clients 1000]
 * [--mode sotw|delta] [--changes 20] [--churn-rate 100] [--churn-seconds 60] [--timeout-seconds 300]
 * [--change-timeout-seconds 30] [--settle-ms 1000] [--server-heap 2g] [--server-jfr FILE] [--seed 42]}
 *
 * <p>{@code --server-jfr FILE} records a Java Flight Recorder profile of the control plane's JVM
 * into {@code FILE} (written when the control plane exits), to see where its CPU goes.
 */
public final class RegistryLoadHarness {

  private static final Set<String> OPTIONS = Set.of("services", "instances", "clients", "mode", "changes",
      "churn-rate", "churn-seconds", "timeout-seconds", "change-timeout-seconds", "settle-ms", "server-heap", "server-jfr", "seed");

  /**
   * How long the control plane's CPU time is measured while nothing changes (after the single
   * changes, when it is warmer than right after the start), as a baseline.
   */
  private static final Duration IDLE = Duration.ofSeconds(3);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private RegistryLoadHarness() {}

  public static void main(String[] args) {
    // ZooKeeper's and Curator's INFO lines (every session, every connection) would bury the progress lines.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.zookeeper", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.curator", "warn");
    Args.runAndExit(args, OPTIONS, RegistryLoadHarness::run);
  }

  private static void run(Map<String, String> opts) throws Exception {
    ProviderNames names = new ProviderNames(intOption(opts, "services", 1000), intOption(opts, "instances", 10));
    int clients = intOption(opts, "clients", 1000);
    Fleet.Mode mode = Fleet.Mode.parse(opts.getOrDefault("mode", "sotw"));
    int changes = intOption(opts, "changes", 20);
    int churnRate = intOption(opts, "churn-rate", 100);
    int churnSeconds = intOption(opts, "churn-seconds", 60);
    if (clients < 1 || changes < 0 || churnRate < 1 || churnSeconds < 1) {
      throw new IllegalArgumentException("need --clients >= 1, --changes >= 0, --churn-rate >= 1, --churn-seconds >= 1");
    }
    Duration timeout = Duration.ofSeconds(intOption(opts, "timeout-seconds", 300));
    Duration changeTimeout = Duration.ofSeconds(intOption(opts, "change-timeout-seconds", 30));
    Duration settle = Duration.ofMillis(intOption(opts, "settle-ms", 1000));
    Random random = new Random(intOption(opts, "seed", 42));
    String parameters = ("%d services x %d instances in ZooKeeper, %d %s ADS clients (one connection each), %d single "
        + "changes, churn %d/s for %d s, registry debounce 100 ms / 1 s and xDS debounce 100 ms / 1 s (defaults), "
        + "control plane -Xmx%s, seed %s").formatted(names.services(), names.instances(), clients,
        mode.name().toLowerCase(Locale.ROOT), changes, churnRate, churnSeconds,
        opts.getOrDefault("server-heap", "2g"), opts.getOrDefault("seed", "42"));
    String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
    String loadAverage = load[0] + " / " + load[1] + " / " + load[2];
    ProviderSet providers = new ProviderSet(names);

    progress("starting ZooKeeper, registering %d providers", names.services() * names.instances());
    try (ZookeeperProviders zookeeper = ZookeeperProviders.start(names)) {
      zookeeper.registerAll();
      progress("starting the control plane (log: target/registry-bench/control-plane.log)");
      try (ControlPlaneProcess server = ControlPlaneProcess.start(names, zookeeper.connectString(),
          opts.getOrDefault("server-heap", "2g"), serverJvmOptions(opts), Path.of("target", "registry-bench"), timeout);
          Fleet fleet = new Fleet(mode, clients, server.port())) {
        progress("control plane ready on port %d; one warm-up proxy", server.port());
        warmUp(mode, server.port(), timeout);
        progress("connecting %d proxies", clients);
        Traffic initialTraffic = fleet.window(Set.of());
        Expectation initial = Expectation.exactly(providers.expectedAssignments(), clients);
        fleet.expect(initial);
        long start = System.nanoTime();
        fleet.start();
        boolean synced = fleet.awaitSynced(timeout) && initial.await(timeout);
        Spread initialLag = Spread.millisOfNanos(initial.lagsNanos(start));
        fleet.forget(initial);
        if (!synced) {
          throw new IllegalStateException("only " + initial.reached() + " of " + clients + " proxies had every "
              + "assignment within " + timeout + "; stream errors: " + fleet.streamErrors());
        }
        progress("all proxies synced: p50 %.0f ms, max %.0f ms", initialLag.p50(), initialLag.max());
        Thread.sleep(2 * settle.toMillis());
        Traffic.Totals initialTotals = initialTraffic.totals();
        ServerStats ready = server.stats();

        List<SingleChangeRun.Result> changeResults = new SingleChangeRun(fleet, providers, zookeeper, server,
            changeTimeout, settle).run(changes, random);
        long idleCpu = server.cpuNanos();
        Thread.sleep(IDLE.toMillis());
        idleCpu = server.cpuNanos() - idleCpu;
        ChurnRun.Result churn = new ChurnRun(fleet, providers, zookeeper, server, timeout, settle)
            .run(churnRate, churnSeconds, random);
        String streamErrors = fleet.streamErrors();

        RegistryReport.print(new RegistryReport.Run(parameters, mode, loadAverage, initial.reached(), initialLag,
            initialTotals, idleCpu / (double) IDLE.toSeconds(), ready, changeResults, churn, streamErrors), System.out);
      }
    }
  }

  /**
   * Syncs one proxy and closes it, so that the initial sync measured is not the one-off class
   * loading and compilation of the first stream, on either side (seconds on a busy machine).
   */
  private static void warmUp(Fleet.Mode mode, int port, Duration timeout) throws InterruptedException {
    try (Fleet warmUp = new Fleet(mode, 1, port)) {
      warmUp.start();
      if (!warmUp.awaitSynced(timeout)) {
        throw new IllegalStateException("the warm-up proxy did not sync within " + timeout);
      }
    }
  }

  /** The control plane JVM's options beyond its heap: a profile recording if asked for. */
  private static List<String> serverJvmOptions(Map<String, String> opts) {
    String jfr = opts.get("server-jfr");
    if (jfr == null) {
      return List.of();
    }
    return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
        + Path.of(jfr).toAbsolutePath());
  }

  /** A progress line on stderr, with the time of day. */
  static void progress(String format, Object... args) {
    System.err.println(LocalTime.now().format(TIME) + " " + String.format(Locale.ROOT, format, args));
  }

  private static int intOption(Map<String, String> opts, String key, int defaultValue) {
    return Integer.parseInt(opts.getOrDefault(key, Integer.toString(defaultValue)));
  }
}
