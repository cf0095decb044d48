package io.hango.bench.scale;

import io.hango.bench.Args;
import io.hango.bench.ChildJvm;
import io.hango.bench.ConfigGenerator;
import io.hango.controlplane.ControlPlane;
import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.io.ConfigWriter;
import io.hango.model.route.PathMatch;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.route.RouteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The config path at scale, as a user meets it: for each route count, a generated config
 * ({@link ConfigGenerator}, seed 42, a tenth as many services) written as YAML, then in fresh JVMs
 * with the JVM's default settings: the floor (parsing the YAML into Jackson trees, nothing more),
 * {@code hango translate DIR}, and the live heap of the read, validated and translated config.
 * Last, {@code ControlPlane} serving the 10,000-route config from files: the time from one
 * changed route written to the file until the new version is served.
 *
 * <p>Usage: {@code ScaleHarness [--routes 10000,20000,50000,100000] [--runs 3] [--republish 10000]}
 */
public final class ScaleHarness {

  private ScaleHarness() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Args.parse(args);
    int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
    System.out.println("| routes | YAML (MiB) | parse floor (ms) | hango translate (ms) | translate / floor"
        + " | process wall, translate (ms) | peak RSS, translate (MiB) | live heap (MiB) | live heap per route (KiB) | notes |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (String n : opts.getOrDefault("routes", "10000,20000,50000,100000").split(",")) {
      int routes = Integer.parseInt(n.trim());
      Path dir = configDir(routes);
      long[] parse = probe("parse", dir, runs);
      long[] translate = probe("translate", dir, runs);
      long[] live = probe("live", dir, 1);
      double mib = (Files.size(dir.resolve("config.yaml")) + Files.size(dir.resolve("changed.yaml"))) / 1048576.0;
      System.out.printf("| %d | %.1f | %d | %d | %.2f | %d | %.0f | %.0f | %.1f | median of %d fresh JVMs; load %s |%n",
          routes, mib, parse[0], translate[0], translate[0] / (double) parse[0], translate[3], translate[1] / 1024.0,
          live[2] / 1048576.0, live[2] / 1024.0 / routes, runs, loadAverage());
    }
    int republish = Integer.parseInt(opts.getOrDefault("republish", "10000"));
    if (republish > 0) {
      republish(configDir(republish), republish, Math.max(runs, 5));
    }
  }

  /** Median {millis, peak RSS KiB, heap after GC, process wall millis} of {@code runs} fresh JVMs. */
  private static long[] probe(String mode, Path dir, int runs) throws Exception {
    long[][] results = new long[runs][];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (ChildJvm jvm = ChildJvm.start("the " + mode + " probe", null, List.of(), ScaleProbe.class,
          List.of(mode, dir.toString()), dir.resolve(mode + ".log"))) {
        String[] r = jvm.next("RESULT", Duration.ofMinutes(10)).split(" ");
        long wall = (System.nanoTime() - start) / 1_000_000;
        results[i] = new long[] {Long.parseLong(r[1]), Long.parseLong(r[2]), Long.parseLong(r[3]), wall};
      }
    }
    Arrays.sort(results, (a, b) -> Long.compare(a[0], b[0]));
    return results[runs / 2];
  }

  private static void republish(Path dir, int routes, int runs) throws Exception {
    try (ControlPlane cp = ControlPlane.builder().config(dir).xdsHost("127.0.0.1").xdsPort(0).disableAdmin()
        .watchInterval(Duration.ofMillis(100)).build().start()) {
      System.out.println();
      System.out.println("| routes | one changed route: file written -> new version served (ms) | notes |");
      System.out.println("|---|---|---|");
      long[] millis = new long[runs + 1];
      GatewayConfig all = ConfigGenerator.of(routes, Math.max(1, routes / 10), 42).generate();
      for (int i = 0; i <= runs; i++) {
        String before = cp.state().configVersion().orElseThrow();
        String changed = changedRoute(all, "/changed-" + i + "-" + System.nanoTime());
        long start = System.nanoTime();
        Files.writeString(dir.resolve("changed.yaml"), changed);
        while (cp.state().configVersion().orElseThrow().equals(before)) {
          if (System.nanoTime() - start > Duration.ofSeconds(60).toNanos()) {
            throw new IllegalStateException("the change was not served within 60 s: " + cp.state());
          }
          Thread.sleep(5);
        }
        millis[i] = (System.nanoTime() - start) / 1_000_000;
      }
      long[] measured = Arrays.copyOfRange(millis, 1, millis.length); // the first one warms the JVM up
      Arrays.sort(measured);
      System.out.printf("| %d | median %d, max %d (first, cold: %d) | file polled every 100 ms; whole config re-read, validated,"
          + " translated and diffed; load %s |%n", routes, measured[measured.length / 2], measured[measured.length - 1],
          millis[0], loadAverage());
    }
  }

  /** {@code target/scale/N}: the config without its first route in {@code config.yaml}, that route in {@code changed.yaml}. */
  private static Path configDir(int routes) throws IOException {
    Path dir = Path.of("target", "scale", Integer.toString(routes)).toAbsolutePath();
    if (Files.exists(dir.resolve("changed.yaml"))) {
      return dir;
    }
    Files.createDirectories(dir);
    GatewayConfig all = ConfigGenerator.of(routes, Math.max(1, routes / 10), 42).generate();
    List<Resource> rest = new ArrayList<>();
    for (Resource r : all.resources()) {
      if (!(r instanceof Route route && route.name().equals(ConfigGenerator.routeName(0)))) {
        rest.add(r);
      }
    }
    ConfigWriter.write(GatewayConfig.of(rest), dir.resolve("config.yaml"));
    Files.writeString(dir.resolve("changed.yaml"), changedRoute(all, null));
    return dir;
  }

  private static String changedRoute(GatewayConfig all, String prefix) {
    for (Resource r : all.resources()) {
      if (r instanceof Route route && route.name().equals(ConfigGenerator.routeName(0))) {
        if (prefix == null) {
          return ConfigWriter.toYaml(route);
        }
        RouteSpec spec = route.spec();
        return ConfigWriter.toYaml(Route.of(route.name(), RouteSpec.builder().from(spec)
            .match(RouteMatch.builder().from(spec.match()).path(PathMatch.prefix(prefix)).build()).build()));
      }
    }
    throw new IllegalStateException("no route " + ConfigGenerator.routeName(0));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
