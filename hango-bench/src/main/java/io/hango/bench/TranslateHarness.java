package io.hango.bench;

import io.hango.model.GatewayConfig;
import io.hango.translate.EnvoyResources;
import io.hango.translate.Endpoints;
import io.hango.translate.Translation;
import io.hango.translate.Translator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Map;

/**
 * A simple translation benchmark: generates the config, translates it {@code --warmup} times,
 * then {@code --runs} times and prints the median, min and max wall time, the size of the output,
 * and the peak heap of the measured runs.
 *
 * <p>Peak heap: before the measured runs, {@code System.gc()} is called and every heap
 * {@link MemoryPoolMXBean}'s peak is reset; after them, the peaks of the heap pools are summed.
 * That is an upper bound of what one translation needs on top of the retained input (the config and
 * the last output are live during the next run, and garbage from earlier runs counts until it is
 * collected), so run it with a fixed {@code -Xmx} and read it as "heap the process reached".
 *
 * <p>Usage: {@code TranslateHarness [--routes 10000] [--services 1000] [--warmup 5] [--runs 10]}
 */
public final class TranslateHarness {

  private TranslateHarness() {}

  public static void main(String[] args) {
    Map<String, String> opts = Args.parse(args);
    int routes = Integer.parseInt(opts.getOrDefault("routes", "10000"));
    int services = Integer.parseInt(opts.getOrDefault("services", String.valueOf(Math.max(1, routes / 10))));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
    int runs = Integer.parseInt(opts.getOrDefault("runs", "10"));

    GatewayConfig config = ConfigGenerator.of(routes, services, 42).generate();
    Endpoints endpoints = Endpoints.fromStaticConfig(config);
    Translator translator = Translator.defaults();

    Translation last = null;
    for (int i = 0; i < warmup; i++) {
      last = translator.translate(config, endpoints);
    }
    last = null;
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .forEach(MemoryPoolMXBean::resetPeakUsage);
    long heapBefore = heapUsed();

    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      last = translator.translate(config, endpoints);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
    Arrays.sort(millis);
    EnvoyResources out = last.resources();
    System.out.printf(
        "translate routes=%d services=%d warmup=%d runs=%d: median %.1f ms, min %.1f ms, max %.1f ms%n",
        routes, services, warmup, runs, millis[runs / 2], millis[0], millis[runs - 1]);
    System.out.printf(
        "output: %d listeners, %d route configs, %d clusters, %d endpoints, %d diagnostics%n",
        out.listeners().size(), out.routes().size(), out.clusters().size(), out.endpoints().size(),
        last.diagnostics().size());
    System.out.printf(
        "heap: after gc before runs %.1f MiB, peak during runs %.1f MiB (sum of heap pool peaks, max heap %.0f MiB)%n",
        heapBefore / 1048576.0, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
